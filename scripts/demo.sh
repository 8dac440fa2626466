#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh: marker events end to end, with the tools tracer users have.
#
# Boots the x86_64 test kernel (building it first if needed) with the
# machine's own userspace and runs tests/guest/events-trace-cmd.sh in it:
# trace-cmd records one legacy marker (subsystem_event, of the
# marker-example.ko sample) and one bridged marker (virt_exit, which
# trace_mark_tp() bridges onto the typed virt_exit tracepoint of the
# built-in example subsystem) around the example subsystem's workload,
# and reports the decoded events with their field names.  The tracepoint
# core's callbacks on virt_exit go 0 -> 1 -> 0 as recording starts and
# stops.  Exits 0 only if every count and decoded value is as planned and
# the kernel logged no warning.
set -uo pipefail
. "$(dirname "$0")/env.sh"

ver=${MARKER_X86_KVER:-6.1}
log=$MARKER_CACHE/logs/demo.log
mkdir -p "$MARKER_CACHE/logs"

echo "demo: Linux $ver x86_64 under QEMU, the machine's own trace-cmd inside"
rc=0
"$MARKER_REPO/scripts/x86-guest.sh" "$ver" events-trace-cmd.sh > "$log" 2>&1 || rc=$?
console=$MARKER_CACHE/logs/guest-$ver-cpus2.log
sed -n '/# Subtest: events-trace-cmd/,/^\(not \)\{0,1\}ok [0-9]* events-trace-cmd/p' \
	"$console" | sed 's/^    //'
grep -E 'Testing complete|complained|did not finish|FAILED' "$log"
if [ "$rc" -eq 0 ]; then
	echo "demo: OK: every count and value as planned"
else
	echo "demo: FAILED (see $log and $console)" >&2
fi
exit "$rc"
