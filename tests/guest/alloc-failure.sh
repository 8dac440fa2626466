#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Out of memory at each allocation of a path in turn, with the kernel's
# fault injection (failslab through fail-nth: lib/alloc_sweep.py), until
# the path makes fewer allocations than the one made to fail.  After each
# failure the state must be one that repairs itself:
#
#  a. a module with a site loads while the site's name is counted: the
#     load fails and leaves nothing, or the site is armed, or it is listed
#     "failed" (or not at all: its name could not be recorded) and the
#     next module load arms it; it then counts.  The one state that stays:
#     no room for the module's list of sites, which are then ignored, as
#     the kernel log says;
#  b. the same for a module whose site bridges onto another module's
#     tracepoint: once armed, the callback is on the tracepoint once, and
#     off again after the unload;
#  c. "count NAME" written to the control file: refused with ENOMEM and
#     nothing changed, or accepted and counting;
#  d. a probe registered with its format (the format's copy, the probe,
#     the site's probe array): -ENOMEM and nothing changed, or registered
#     and called;
#  e. a tracepoint's owner loads while a marker bridged onto its
#     tracepoint is armed: the load fails and the bridged site stays armed
#     and waiting, or the owner loads and the callback is on its
#     tracepoint once, at once or after the next module load (the retry);
#     a registration made afterwards finds the tracepoint again, and
#     some run must have kept the owner in the bridge's reserve (no room
#     for its table entry), which the next registration records.
#
# And kmemleak finds nothing afterwards.  Every result fails on a kernel
# without fault injection: the test kernel has it (mct/kernel.py).  The kernel's own reports of the failed allocations
# (warn_alloc(), with a stack dump) are expected here: the console check
# lets them through between the two lines lib/alloc_sweep.py logs around
# its sweeps, and nothing else.
# One vCPU (tests/guest/cpus).
. "$(dirname "$0")/lib/ktap.sh"
. "$(dirname "$0")/lib/kmemleak.sh"

M=$MARKER_MODULES
D=/sys/kernel/debug/markers
F=/sys/kernel/debug/failslab
SWEEP="python3 $(dirname "$0")/lib/alloc_sweep.py $M"

ktap_plan 10

if [ ! -e /proc/thread-self/fail-nth ] || [ ! -d $F ]; then
	for t in a_module_load_repairs a_some_load_left_site_failed \
		 b_bridged_load_repairs b_some_load_left_site_failed \
		 c_count_changes_nothing_or_counts \
		 d_register_changes_nothing_or_calls \
		 e_owner_load_attaches_bridge \
		 e_some_load_kept_owner_in_reserve \
		 every_path_reached_by_faults kmemleak_clean; do
		ktap_not_ok "$t" "no fault injection: the test kernel has CONFIG_FAILSLAB"
	done
	ktap_finished
fi

# The trace core records command lines while an event is on anywhere:
# the first such event registers its sched probes, and it does not undo a
# registration that failed (tracing_start_sched_switch() ignores the
# error, and the stop that follows unregisters probes that are not there:
# a WARN in the tracepoint core).  Each load that changes marker events
# turns the core's control event on and off (markers/event_control.c),
# so that fault would be reached here, the trace core's and not the
# shim's: an event kept on in an instance of the test's own holds the
# recording on, and no allocation of it is among those failed.
HOLD=/sys/kernel/tracing/instances/alloc-failure
mkdir $HOLD
echo 1 > $HOLD/events/marker_compat/control/enable

echo N > $F/ignore-gfp-wait
echo 0 > $F/verbose
kmemleak_clear
reached=0

# sweep SCENARIO NAME [FAILED_NAME [RESERVED_NAME]]: one result for the
# scenario's invariants, with FAILED_NAME one that some run left a site
# failed, with RESERVED_NAME instead one that some run kept a tracepoint
# owner in the bridge's reserve.
sweep() {
	local runs failed ignored reserved bad

	# (No process substitution: the guest's /dev has no /dev/fd.)
	read -r _ runs _ failed _ ignored _ reserved _ bad <<< "$($SWEEP "$1")"
	ktap_diag "$1: $runs runs, $failed left a site failed or a bridge unattached, $ignored a module's sites ignored, $reserved an owner in reserve"
	ktap_check_eq "$2" - "${bad:-no result}"
	[ -z "$3" ] || ktap_check_msg "$3" "no run left a site failed" \
		[ "${failed:-0}" -gt 0 ]
	[ -z "$4" ] || ktap_check_msg "$4" "no run kept the owner in reserve" \
		[ "${reserved:-0}" -gt 0 ]
	[ "${runs:-0}" -gt 1 ] && reached=$((reached + 1))
}

echo 'count mct_fmt' > $D/control
sweep load_counted a_module_load_repairs a_some_load_left_site_failed
echo 'nocount mct_fmt' > $D/control

insmod "$M/mct_tp_owner.ko"
echo 'count mct_bridged' > $D/control
sweep load_bridged b_bridged_load_repairs b_some_load_left_site_failed
echo 'nocount mct_bridged' > $D/control
rmmod mct_tp_owner

insmod "$M/mct_sites_a.ko"
sweep count c_count_changes_nothing_or_counts
insmod "$M/mct_probe.ko"
echo 0 > /sys/module/mct_probe/parameters/reg
sweep register d_register_changes_nothing_or_calls
rmmod mct_probe
rmmod mct_sites_a

insmod "$M/mct_tp_bridge.ko"
echo 1 > /sys/module/mct_tp_bridge/parameters/reg
sweep load_owner e_owner_load_attaches_bridge "" \
	e_some_load_kept_owner_in_reserve
echo 0 > /sys/module/mct_tp_bridge/parameters/reg
rmmod mct_tp_bridge

ktap_check_eq every_path_reached_by_faults 5 "$reached"
echo Y > $F/ignore-gfp-wait
echo 0 > $HOLD/events/marker_compat/control/enable
rmdir $HOLD
kmemleak_check kmemleak_clean
ktap_finished
