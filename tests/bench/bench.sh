#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark of scripts/mct.py bench, in the bench kernel's guest: load
# marker_bench.ko once (it times the site variants as it loads); then
# load event_bench.ko, enable its events through tracefs as a user would,
# time them enabled and filtered out.  The modules' result lines are
# printed as KTAP diagnostics ("# marker_bench: ...", "# event_bench:
# ..."), for mct.py bench to tabulate; the results say only whether each part
# ran, never how fast.  MCB_BATCH and MCB_ROUNDS come from the kernel
# command line.  First the guest says what it is ("# guest: WHAT: VALUE"),
# for the report's header: its kernel's release and version string (which
# names the preemption model), the model in effect (a PREEMPT_DYNAMIC kernel
# may switch at boot, and logs the one it took) and its CPUs.
. "$(dirname "$0")/../guest/lib/ktap.sh"

M=$MARKER_MODULES
E=/sys/kernel/tracing/events

# mark TEXT: a line of our own in the kernel log.
mark() {
	echo "bench: $1" > /dev/kmsg
}

# results NAME LAST: the NAME: lines the kernel logged since "mark NAME",
# as diagnostics; then the result NAME_done: LAST is among them.
results() {
	local out

	out=$(dmesg --notime | sed -n "/^bench: $1\$/,\$p" | grep "^$1: ")
	[ -z "$out" ] || sed 's/^/# /' <<< "$out"
	ktap_check "$1_done" grep -qx "$1: $2" <<< "$out"
}

ktap_plan 10
ktap_diag "guest: kernel: $(uname -r) $(uname -v)"
preempt=$(dmesg --notime | sed -n 's/^Dynamic Preempt: //p' | tail -n 1)
ktap_diag "guest: preempt: ${preempt:-unknown}"
ktap_diag "guest: vcpus: $(nproc)"

mark marker_bench
ktap_check marker_bench_loads insmod "$M/marker_bench.ko" \
	batch="${MCB_BATCH:-100000}" rounds="${MCB_ROUNDS:-51}"
results marker_bench "done"
ktap_check marker_bench_unloads rmmod marker_bench

mark event_bench
ktap_check event_bench_loads insmod "$M/event_bench.ko"
ktap_check events_enabled sh -c "echo 1 > $E/markers/ebench_marker/enable &&
	echo 1 > $E/event_bench/ebench_native/enable"
ktap_check run_enabled sh -c "echo enabled > /sys/module/event_bench/parameters/run"
ktap_check events_filtered sh -c "echo 'a == -1' > $E/markers/ebench_marker/filter &&
	echo 'a == -1' > $E/event_bench/ebench_native/filter"
ktap_check run_filtered sh -c "echo filtered > /sys/module/event_bench/parameters/run"
echo 0 > $E/markers/ebench_marker/enable
echo 0 > $E/event_bench/ebench_native/enable
results event_bench "filtered: done"
ktap_check event_bench_unloads rmmod event_bench

ktap_finished
