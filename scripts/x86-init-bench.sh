#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# /init of bench.sh's initramfs (runs in the guest under busybox): load
# marker_bench.ko once, print its results.  MCB_BATCH and MCB_ROUNDS come
# from the kernel command line (the kernel hands unknown NAME=VALUE
# parameters to init as environment variables).

/bin/busybox --install -s /bin
mount -t proc none /proc
mount -t sysfs none /sys
dmesg -n 1

echo "BENCH-BEGIN"
insmod /mod/marker_bench.ko batch="${MCB_BATCH:-100000}" rounds="${MCB_ROUNDS:-51}"
echo "BENCH-INSMOD $?"
rmmod marker_bench
dmesg | grep 'marker_bench:'
echo "BENCH-END"
reboot -f
