#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# /init of bench.sh's initramfs (runs in the guest under busybox): load
# marker_bench.ko once and print its results; then load event_bench.ko,
# enable its events through tracefs as a user would, time them enabled
# and filtered out, and print those results.  MCB_BATCH and MCB_ROUNDS
# come from the kernel command line (the kernel hands unknown NAME=VALUE
# parameters to init as environment variables).

/bin/busybox --install -s /bin
mount -t proc none /proc
mount -t sysfs none /sys
mount -t tracefs none /sys/kernel/tracing
dmesg -n 1

echo "BENCH-BEGIN"
insmod /mod/marker_bench.ko batch="${MCB_BATCH:-100000}" rounds="${MCB_ROUNDS:-51}"
echo "BENCH-INSMOD $?"
rmmod marker_bench

E=/sys/kernel/tracing/events
insmod /mod/event_bench.ko
echo "BENCH-INSMOD $?"
echo 1 > $E/markers/ebench_marker/enable
echo 1 > $E/event_bench/ebench_native/enable
echo enabled > /sys/module/event_bench/parameters/run
echo 'a == -1' > $E/markers/ebench_marker/filter
echo 'a == -1' > $E/event_bench/ebench_native/filter
echo filtered > /sys/module/event_bench/parameters/run
echo 0 > $E/markers/ebench_marker/enable
echo 0 > $E/event_bench/ebench_native/enable
rmmod event_bench

dmesg | grep -E 'marker_bench:|event_bench:'
echo "BENCH-END"
reboot -f
