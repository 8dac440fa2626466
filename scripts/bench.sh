#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: cost per call of a marker site next to a native tracepoint,
# disabled and enabled with an empty probe, measured side by side in one
# run of tools/bench/marker_bench.ko inside the x86_64 kernel of
# kunit-x86.sh (QEMU TCG, real jump labels and static calls).
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
initrd=$X86_EXT/bench-initramfs.cpio.gz
x86_initramfs "$initrd" "$MARKER_REPO/scripts/x86-init-bench.sh" \
	"$X86_EXT/tools/bench/marker_bench.ko" || fail "cannot build the initramfs"

echo "bench: booting Linux $X86_KVER (x86_64, QEMU TCG, 1 vCPU) with marker_bench.ko"
t0=$SECONDS
x86_boot "$initrd" "$console" "MCB_BATCH=${MCB_BATCH:-100000}" \
	"MCB_ROUNDS=${MCB_ROUNDS:-51}"
echo "bench: QEMU exited $? after $((SECONDS - t0)) s; console log: $console"
if ! grep -q '^BENCH-END' "$console" || ! grep -q 'marker_bench: done' "$console"; then
	fail "the benchmark did not complete (see $console)"
fi
grep -o 'marker_bench: [0-9]* rounds.*' "$console"

pat='s/.*marker_bench: \([a-z_]*\) *min \([0-9.]*\) ns\/call median \([0-9.]*\).*/\1 \2 \3/p'
sed -n "$pat" "$console" | awk '
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
echo
echo "bench: times of QEMU TCG (emulated x86_64), not of hardware: compare the rows."
echo "bench: min-empty is the site's own cost, the empty call's subtracted."
