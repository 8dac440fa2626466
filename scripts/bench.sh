#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: cost per call of a marker site next to a native tracepoint,
# disabled and enabled with an empty probe, measured side by side in one
# run of tools/bench/marker_bench.ko inside an x86_64 kernel without the
# debug options (QEMU TCG, real jump labels and static calls); then the
# cost per recorded event of a marker event next to a TRACE_EVENT() and
# trace_printk() of the same payload, enabled and filtered out
# (tools/bench/event_bench.ko).  The guest is x86-lib.sh's x86_guest (the
# host's root over virtio-9p, 1 vCPU) running tests/bench/bench.sh, which
# prints the modules' lines as KTAP diagnostics; this script tabulates
# them.
#
# Reported, never asserted: the exit status only says whether the
# benchmark ran.  QEMU TCG translates guest code, so absolute numbers are
# those of the emulation, not of hardware; the ratios between variants that
# run the same kind of code are the meaningful part.
#
# MCB_BATCH (calls per timed batch, default 100000) and MCB_ROUNDS
# (batches per variant, default 51) tune the run.
set -uo pipefail
MARKER_X86_FLAVOUR=bench
. "$(dirname "$0")/x86-lib.sh"

logdir=$MARKER_CACHE/logs
mkdir -p "$logdir"
console=$logdir/bench-console.log

fail() {
	echo "bench: FAILED: $*" >&2
	exit 1
}

x86_ready bench
x86_ext_build tools/bench > "$logdir/bench-module.log" 2>&1 ||
	{ cat "$logdir/bench-module.log"; fail "building tools/bench"; }

echo "bench: booting Linux $X86_KVER (x86_64, QEMU TCG, 1 vCPU) with marker_bench.ko and event_bench.ko"
x86_guest bench "$console" 1 tests/bench "$X86_EXT/tools/bench" bench.sh \
	"MCB_BATCH=${MCB_BATCH:-100000}" "MCB_ROUNDS=${MCB_ROUNDS:-51}" ||
	fail "the benchmark did not complete (see $console)"
# The modules' lines, as the test printed them (diagnostics of its KTAP).
results=$(x86_guest_ktap "$console" | grep -E '# (marker|event)_bench: ')
grep -o 'marker_bench: [0-9]* rounds.*' <<< "$results"

pat='s/.*marker_bench: \([a-z_]*\) *min \([0-9.]*\) ns\/call median \([0-9.]*\).*/\1 \2 \3/p'
sed -n "$pat" <<< "$results" | awk '
	{ min[$1] = $2; med[$1] = $3 }
	function row(name, what) {
		printf "  %-34s %10.3f %10.3f %10.3f\n", what, min[name], med[name],
		       min[name] - min["empty"]
	}
	# The net ratio only where both net costs stand out of the noise.
	function ratio(a, b, what) {
		if (min[b] > 0 && min[a] - min["empty"] >= 1 && min[b] - min["empty"] >= 1)
			printf "  %-34s %10.2f %10.2f %10.2f\n", what, min[a] / min[b],
			       med[a] / med[b], (min[a] - min["empty"]) / (min[b] - min["empty"])
		else
			printf "  %-34s %10.2f %10.2f %10s\n", what, min[a] / min[b],
			       med[a] / med[b], "-"
	}
	END {
		printf "\n  %-34s %10s %10s %10s\n", "ns per call", "min", "median", "min-empty"
		row("empty", "empty function call (loop cost)")
		row("marker_off", "marker site, disabled")
		row("marker_var_off", "_trace_mark() site, disabled")
		row("tp_off", "native tracepoint, disabled")
		row("marker_on", "marker site, empty probe")
		row("tp_on", "native tracepoint, empty probe")
		printf "\n  %-34s %10s %10s %10s\n", "ratio marker / tracepoint",
		       "min", "median", "min-empty"
		ratio("marker_off", "tp_off", "disabled")
		ratio("marker_on", "tp_on", "enabled, empty probe")
	}'

# Recording: one event of three integers and a 16-byte string, three ways.
pat='s/.*event_bench: \([a-z]*\) \([a-z_]*\) min \([0-9.]*\) median \([0-9.]*\) p90 \([0-9.]*\).*/\1 \2 \3 \4 \5/p'
sed -n "$pat" <<< "$results" | awk '
	{ k = $1 "/" $2; min[k] = $3; med[k] = $4; p90[k] = $5 }
	function row(k, what) {
		printf "  %-34s %10.1f %10.1f %10.1f\n", what, min[k], med[k], p90[k]
	}
	function ratio(a, b, what) {
		printf "  %-34s %10.2f %10.2f %10.2f\n", what, min[a] / min[b],
		       med[a] / med[b], p90[a] / p90[b]
	}
	END {
		printf "\n  %-34s %10s %10s %10s\n", "ns per recorded event", "min", "median", "p90"
		row("enabled/empty", "empty function call (loop cost)")
		row("enabled/marker_event", "marker event markers:ebench_marker")
		row("enabled/trace_event", "TRACE_EVENT() of the same payload")
		row("enabled/trace_printk", "trace_printk() of the same payload")
		row("filtered/marker_event", "marker event, filtered out")
		row("filtered/trace_event", "TRACE_EVENT(), filtered out")
		printf "\n  %-34s %10s %10s %10s\n", "ratio", "min", "median", "p90"
		ratio("enabled/marker_event", "enabled/trace_event", "marker event / TRACE_EVENT()")
		ratio("enabled/trace_printk", "enabled/marker_event", "trace_printk() / marker event")
		ratio("filtered/marker_event", "filtered/trace_event", "filtered out: marker / TRACE_EVENT()")
	}'
echo
echo "bench: times of QEMU TCG (emulated x86_64), not of hardware: compare the rows."
echo "bench: min-empty is the site's own cost, the empty call's subtracted."
