#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# /init of demo.sh's initramfs (runs in the guest under busybox): load the
# sample modules, fire the markers, show what the probes printed; then arm
# a marker consumer onto a central tracepoint and disarm it again.  Lines
# for the person watching start with "DEMO: "; kernel messages are kept off
# the console and shown from dmesg instead.

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
say ""
say "7. A marker consumer on a typed central tracepoint, armed per marker."
say "   virt-tracer connects an old-style format-string probe to the marker"
say "   virt_exit, which trace_mark_tp() bridges onto the typed tracepoint"
say "   virt_exit of the built-in example subsystem.  'callbacks' counts the"
say "   callbacks the kernel's tracepoint core holds for that tracepoint."
vt=/sys/module/virt_tracer/parameters
vt_seen=0
# vt_write PARAM VALUE: write a virt-tracer parameter, showing the command.
vt_write() {
	say "# echo $2 > $vt/$1"
	{ echo "$2" > "$vt/$1"; } 2>&1 | sed 's/^/DEMO:   /'
}
# vt_step PHASE: the tracepoint's callback count and the events the probe
# printed since the last step, shown, and tagged for demo.sh to check.
vt_step() {
	cb=$(cat $vt/callbacks)
	say "  callbacks on the virt_exit tracepoint: $cb"
	echo "DEMO-VT-CALLBACKS $1 $cb"
	dmesg | grep 'virt-tracer: virt_' > /vt-events
	n=$(wc -l < /vt-events)
	if [ "$n" -eq "$vt_seen" ]; then
		say "  events received: none"
	else
		say "  events received:"
		tail -n +$((vt_seen + 1)) /vt-events | sed 's/^/DEMO:     /'
	fi
	tail -n +$((vt_seen + 1)) /vt-events | sed "s/^/DEMO-VT-EVENT $1 /"
	vt_seen=$n
}
say "7a. Loading the consumer registers nothing on the tracepoint."
run insmod /mod/virt-tracer.ko
vt_step loaded
say "7b. The vCPU takes 3 exits: the virt_exit tracepoint is passed, disabled,"
say "    and nothing runs."
vt_write run 3
vt_step unarmed-run
say "7c. Connecting the probe arms virt_exit: exactly one callback appears."
vt_write arm_exit 1
vt_step armed
say "7d. 3 exits (reasons 1 2 3, RIPs 0x...10 0x...20 0x...30), decoded by"
say "    the probe with va_arg() in the format's types."
vt_write run 3
vt_step armed-run
say "7e. Disconnecting disarms virt_exit: the callback is gone."
vt_write arm_exit 0
vt_step disarmed
say "7f. 3 more exits: nothing is called."
vt_write run 3
vt_step disarmed-run
run rmmod virt_tracer
[ -d /sys/module/virt_tracer ] || echo "DEMO-VT-UNLOADED"
# The console shows kernel messages of level 1 only: copy any warning of
# the run here, where demo.sh checks for them.
dmesg | grep -E 'WARNING:|BUG:|Oops|Call Trace:|general protection' |
	sed 's/^/DEMO-KLOG /'
echo "DEMO-END"
reboot -f
