#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What only a modular core can show: marker_compat.ko cannot be unloaded
# while anything holds it, and comes back whole.  scripts/mct.py modular
# runs it after the event tests, which leave the core and the example
# loaded (init.sh's marker_preload), and before in-tree.sh, which needs
# the core gone.  The sample is marker-example.ko (lib/example.sh fires
# its subsystem_event); markers:subsystem_event is the event.
#
# 1. With the sample loaded and the event enabled, rmmod marker_compat is
#    refused and the core stays.
# 2. The sample unloaded under the enabled event (which stays, without
#    sites): still refused, by the enabled event alone.
# 3. Disabled, with the sample back: still refused, by the sample alone.
# 4. The sample gone and the event disabled, a perf user of the event
#    (perf stat, running): still refused, by the perf event alone.
# 5. A trigger on the core's control event (marker_compat:control, which
#    it turns on and off to add and remove events: event_control.c) keeps
#    that event on: a declaration, which adds an event, is refused with
#    EBUSY, and rmmod is refused, until the trigger goes.
# 6. Nothing holds it: rmmod succeeds, and the core takes its events
#    (tracefs's events/markers/) and its debugfs directory with it.
# 7. Loaded again with the sample, markers:subsystem_event is there again
#    and records a hit.  Then everything is unloaded for in-tree.sh,
#    and kmemleak finds nothing new.
# lockdep, KASAN and the rest are the console check's (mct.py judges the
# modular boot's console as the guest tests').
. "$(dirname "$0")/../guest/lib/ktap.sh"
. "$(dirname "$0")/../guest/lib/example.sh"
. "$(dirname "$0")/../guest/lib/kmemleak.sh"
. "$(dirname "$0")/../guest/lib/wait.sh"

T=/sys/kernel/tracing
EM=$T/events/markers
E=$EM/subsystem_event
D=/sys/kernel/debug/markers
M=$MARKER_MODULES
STOP=/tmp/core-unload-stop

core_loaded() {
	grep -q '^marker_compat ' /proc/modules
}

# refused WHY: one result, ok if rmmod marker_compat fails as a module in
# use does and the core is still loaded.
refused() {
	local out

	if out=$(rmmod marker_compat 2>&1); then
		ktap_not_ok "rmmod refused $1" "rmmod marker_compat succeeded"
		# The rest assumes the core: bring it back for it.
		insmod "$M/marker_compat.ko"
		return
	fi
	ktap_diag "rmmod: $out"
	case $out in
	*"in use"*) ;;
	*)	ktap_not_ok "rmmod refused $1" "not refused as in use: $out"
		return ;;
	esac
	ktap_check_msg "rmmod refused $1" "the core is gone all the same" \
		core_loaded
}

# records: hits of subsystem_event in the trace.
records() {
	grep -c ' subsystem_event: integer [0-9]* string cat$' "$T/trace"
}

# perf_holds PID: has perf (PID) its perf event open yet?
perf_holds() {
	local fd

	for fd in "/proc/$1/fd/"*; do
		[[ $(readlink "$fd") == *perf_event* ]] && return 0
	done
	return 1
}

# declare_event NAME: the control file's answer to a declaration of NAME,
# "ok" or the error (bash's echo names it; dash's says "I/O error" for
# any).
declare_event() {
	local out

	out=$( (echo "declare $1 v %d" > $D/control) 2>&1) && echo ok ||
		echo "${out##*: }"
}

ktap_plan 21

kmemleak_clear
# What the event tests left: the core and the example, nothing else.
ktap_check "the example unloads" rmmod marker_compat_virt
ktap_check_eq "nothing else holds the core" "0 -" \
	"$(awk '$1 == "marker_compat" { print $3, $4 }' /proc/modules)"

# 1.
insmod "$M/marker-example.ko"
ktap_check "markers:subsystem_event is there" test -d "$E"
echo 1 > "$E/enable"
refused "with the sample loaded and its event enabled"

# 2.
rmmod marker_example
refused "by an enabled event without sites"

# 3.
echo 0 > "$E/enable"
insmod "$M/marker-example.ko"
refused "by the sample, its event disabled"
rmmod marker_example

# 4.
if ! command -v perf > /dev/null; then
	ktap_skip "rmmod refused while perf holds the event" "no perf"
else
	rm -f "$STOP"
	perf stat -a -e markers:subsystem_event -- \
		sh -c "while [ ! -e $STOP ]; do sleep 0.2; done" \
		> /tmp/core-unload-perf 2>&1 &
	pid=$!
	if wait_for perf_holds "$pid"; then
		refused "while perf holds the event"
	else
		ktap_not_ok "rmmod refused while perf holds the event" \
			"perf opened no perf event"
	fi
	touch "$STOP"
	wait "$pid"
	ktap_diag_file < /tmp/core-unload-perf
fi

# 5.
CE=$T/events/marker_compat/control
echo traceon > "$CE/trigger"
ktap_check_eq "a declaration is refused while a trigger holds the control event" \
	"Device or resource busy" "$(declare_event core_unload_held)"
refused "while a trigger holds its control event"
echo '!traceon' > "$CE/trigger"
ktap_check_eq "a declaration is taken once the trigger is gone" ok \
	"$(declare_event core_unload_held)"
ktap_check "and withdrawn" \
	sh -c "echo 'undeclare core_unload_held' > $D/control"

# 6.  The trace core lets go of an event's last user asynchronously (a
# perf event's release, a removal from a work item): retried.
ktap_check "rmmod succeeds once nothing holds the core" \
	wait_for rmmod marker_compat
ktap_check "the core is gone" sh -c '! grep -q "^marker_compat " /proc/modules'
ktap_check "no events/markers/ left in tracefs" \
	wait_for sh -c "! test -e $EM"
ktap_check "no /sys/kernel/debug/markers left" sh -c "! test -e $D"

# 7.
ktap_check "the core loads again" insmod "$M/marker_compat.ko"
insmod "$M/marker-example.ko"
ktap_check "markers:subsystem_event is there again" test -d "$E"
echo > "$T/trace"
echo 1 > "$E/enable"
read_example 1
ktap_check_eq "it records a hit" 1 "$(records)"
echo 0 > "$E/enable"
ktap_check "the sample unloads" rmmod marker_example
ktap_check "the core unloads again" wait_for rmmod marker_compat
kmemleak_check "kmemleak finds nothing new"

ktap_finished
