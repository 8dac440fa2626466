#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# /init of demo.sh's initramfs (runs in the guest under busybox): load the
# sample modules, fire the markers, show what the probes printed.  Lines
# for the person watching start with "DEMO: "; kernel messages are kept
# off the console and shown from dmesg instead.

/bin/busybox --install -s /bin
mount -t proc none /proc
mount -t sysfs none /sys
dmesg -n 1

say() {
	echo "DEMO: $*"
}

run() {
	say "# $*"
	"$@" 2>&1 | sed 's/^/DEMO:   /'
}

echo "DEMO-BEGIN"
say "Linux $(uname -r) on $(uname -m), under QEMU"
if [ -f /mod/marker_compat.ko ]; then
	run insmod /mod/marker_compat.ko
else
	say "marker core: built in"
fi
say ""
say "1. The module with the marker sites; no probe yet, reading fires nothing."
run insmod /mod/marker-example.ko
run cat /proc/marker-example
say ""
say "2. The probe module connects probes to subsystem_event and subsystem_eventb."
run insmod /mod/probe-example.ko
say ""
say "3. Each read fires subsystem_event once and subsystem_eventb 10 times."
run cat /proc/marker-example
run cat /proc/marker-example
run cat /proc/marker-example
say ""
say "4. What the probes saw:"
run cat /sys/module/probe_example/parameters/event_hits
run cat /sys/module/probe_example/parameters/eventb_hits
hits=/sys/module/probe_example/parameters
echo "DEMO-HITS $(cat $hits/event_hits) $(cat $hits/eventb_hits)"
say ""
say "5. Unload: the probe module disconnects its probes and prints its totals."
run rmmod probe_example
run cat /proc/marker-example
run rmmod marker_example
say ""
say "6. The kernel log (dmesg) of the probes:"
dmesg | grep -E 'probe-example|marker-example|marker_compat:' | sed 's/^/DEMO:   /'
echo "DEMO-END"
reboot -f
