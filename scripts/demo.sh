#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh: the marker samples on a real x86_64 kernel, end to end.
#
# Boots the x86_64 kernel of kunit-x86.sh under QEMU (building it first if
# it is missing or older than the shim's sources), loads marker-example.ko
# (marker sites) and probe-example.ko (probes), reads /proc/marker-example
# to fire the markers and shows what the probes printed.  Then loads
# virt-tracer.ko, an old-style marker consumer, and arms and disarms the
# marker virt_exit, which trace_mark_tp() bridges onto the typed virt_exit
# tracepoint of the built-in example subsystem, showing the kernel
# tracepoint core's callbacks on that tracepoint and the decoded events at
# each step.  Exits 0 only if the probes saw every event, the tracepoint
# had exactly the callbacks expected at each step, virt-tracer received
# exactly the planned events while armed and none otherwise, and the
# kernel logged no warning.
set -uo pipefail
. "$(dirname "$0")/x86-lib.sh"

logdir=$MARKER_CACHE/logs
mkdir -p "$logdir"
console=$logdir/demo-console.log

fail() {
	echo "demo: FAILED: $*" >&2
	exit 1
}

x86_ready demo

samples=$X86_BUILD/drivers/marker-compat/samples
kos=("$samples/marker-example.ko" "$samples/probe-example.ko"
     "$samples/virt-tracer.ko")
core=$X86_BUILD/drivers/marker-compat/marker_compat.ko
[ -f "$core" ] && kos=("$core" "${kos[@]}")
for ko in "${kos[@]}"; do
	[ -f "$ko" ] || fail "missing $ko"
done

initrd=$X86_EXT/demo-initramfs.cpio.gz
mkdir -p "$X86_EXT"
x86_initramfs "$initrd" "$MARKER_REPO/scripts/x86-init-demo.sh" "${kos[@]}" ||
	fail "cannot build the initramfs"

echo "demo: booting Linux $X86_KVER (x86_64, QEMU TCG) with the marker samples"
echo
t0=$SECONDS
x86_boot "$initrd" "$console"
rc=$?
sed -n '/^DEMO-BEGIN/,/^DEMO-END/p' "$console" | sed -n 's/^DEMO: \{0,1\}//p'
echo
echo "demo: QEMU exited $rc after $((SECONDS - t0)) s; console log: $console"

grep -q '^DEMO-END' "$console" || fail "the demo did not run to its end"
x86_log_clean "$console" || fail "kernel warning on the console"
read -r _ event eventb < <(grep '^DEMO-HITS' "$console")
# Three reads with probes connected: 3 subsystem_event, 30 subsystem_eventb.
if [ "${event:-}" != 3 ] || [ "${eventb:-}" != 30 ]; then
	fail "probe hits: subsystem_event ${event:-?} (want 3)," \
	     "subsystem_eventb ${eventb:-?} (want 30)"
fi
n=$(grep -c 'probe-example: subsystem_event: integer [0-9]* string cat' "$console")
[ "$n" -eq 3 ] || fail "$n probe lines in dmesg, want 3"
echo "demo: OK: the probes saw all 3 subsystem_event and 30 subsystem_eventb events"

# Section 7, step by step: callbacks on the virt_exit tracepoint, as the
# kernel's tracepoint core counts them, and the events virt-tracer decoded.
vt_callbacks() {
	sed -n "s/^DEMO-VT-CALLBACKS $1 //p" "$console"
}
vt_events() {
	sed -n "s/^DEMO-VT-EVENT $1 \(\[[^]]*\] *\)\{0,1\}//p" "$console"
}
for step in loaded:0 unarmed-run:0 armed:1 armed-run:1 disarmed:0 disarmed-run:0; do
	phase=${step%:*} want=${step#*:}
	got=$(vt_callbacks "$phase")
	[ "$got" = "$want" ] ||
		fail "virt_exit callbacks after step $phase: '$got', want $want"
done
# Only the run while armed delivers events: exactly the 3 planned exits.
planned="virt-tracer: virt_exit: vm_id 1 vcpu_id 2 exit_reason 1 guest_rip 0xffffffff81000010
virt-tracer: virt_exit: vm_id 1 vcpu_id 2 exit_reason 2 guest_rip 0xffffffff81000020
virt-tracer: virt_exit: vm_id 1 vcpu_id 2 exit_reason 3 guest_rip 0xffffffff81000030"
got=$(vt_events armed-run)
[ "$got" = "$planned" ] ||
	fail "virt-tracer events while armed:" $'\n'"$got" $'\n'"want:" $'\n'"$planned"
for phase in loaded unarmed-run armed disarmed disarmed-run; do
	got=$(vt_events "$phase")
	[ -z "$got" ] || fail "virt-tracer events at step $phase, want none:" $'\n'"$got"
done
grep -q '^DEMO-VT-UNLOADED' "$console" || fail "virt-tracer did not unload"
echo "demo: OK: virt_exit had 0, 1, 0 callbacks as the marker was loaded, armed," \
     "disarmed; virt-tracer decoded exactly the 3 planned exits, only while armed"
