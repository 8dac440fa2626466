#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh: the marker samples on a real x86_64 kernel, end to end.
#
# Boots the x86_64 kernel of kunit-x86.sh under QEMU (building it first if
# it is missing or older than the shim's sources), loads marker-example.ko
# (marker sites) and probe-example.ko (probes), reads /proc/marker-example
# to fire the markers and shows what the probes printed.  Exits 0 only if
# the probes saw every event and the kernel logged no warning.
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
kos=("$samples/marker-example.ko" "$samples/probe-example.ko")
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
