#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile input aimed at the shim's own parsers, from concurrent writers:
# most of it at the debugfs control file, down each path of its parser
# (lib/hostile_writes.py models it and predicts each write's errno), then
# at the module parameters of the samples and test modules that parse a
# value (none is ever valid); a smaller share of generic malformed writes
# goes to the tracefs files of a marker event and to the shim's read-only
# files.  2,000 inputs: 1,200 to the control file, 512 to 8 parameters,
# 288 to 9 other files.  Each write must get what is expected (the
# control file's only successes are a writer's "count" of a name of its
# own and its "nocount", and its "declare" of a name of its own and its
# "undeclare"), and nothing may change: the listing, the counters, the
# declared events, the parameters and the event's files read the same
# before and after.  (The system-wide events/markers/filter is left out: it applies
# a filter to every event of the system, and accepts one that parses for
# any of them.)
# Four vCPUs (tests/guest/cpus).
. "$(dirname "$0")/lib/ktap.sh"

D=/sys/kernel/debug/markers
E=/sys/kernel/tracing/events/markers
GEN=$(dirname "$0")/lib/hostile_writes.py

# result NAME FILE MIN: ok if every write to FILE, at least MIN of them,
# got what was expected.
result() {
	local line

	line=$(grep "^$2: as expected " /tmp/hostile.out)
	case $line in
	*": as expected "*" of "*)
		# shellcheck disable=SC2086 # "N of M": three words
		set -- "$1" "$2" "$3" ${line##*: as expected }
		if [ "$4" = "$6" ] && [ "$4" -ge "$3" ]; then
			ktap_ok "$1"
		else
			ktap_not_ok "$1" "$line $(grep -A2 "^$2:" /tmp/hostile.out | tail -n 2)"
		fi
		;;
	*)	ktap_not_ok "$1" "no result for $2" ;;
	esac
}

# A filter the trace core refuses is kept, with its error, for the user
# to read ("parse_error: ..." or "Error: (N)"), and disabled: the event is
# not filtered, so such a file reads as no filter here.  That every write
# was refused is checked on its own.
filter_state() {
	local f

	f=$(cat "$1")
	case $f in
	*"parse_error: "* | *"Error: ("*) echo none ;;
	*) printf '%s\n' "$f" ;;
	esac
}

# The parameters read back, of every module loaded here.
MODS="mct_probe mct_sites_a mct_tp_owner mct_tp_bridge mct_stress virt_tracer"

state() {
	local m

	cat "$D/list" "$D/counters" "$D/declared" "$E/subsystem_event/enable"
	ls "$E"
	for m in $MODS; do
		grep -r . "/sys/module/$m/parameters" 2> /dev/null | sort
	done
	filter_state "$E/subsystem_event/filter"
	cat "$E/subsystem_event/trigger" "$E/enable"
	cat "$E/subsystem_event/format" "$E/subsystem_event/id"
}

ktap_plan 20

insmod "$MARKER_MODULES/marker-example.ko"
for m in mct_probe mct_sites_a mct_tp_owner mct_tp_bridge mct_stress \
	 virt-tracer; do
	insmod "$MARKER_MODULES/$m.ko"
done
echo 'count subsystem_event' > "$D/control"
before=$(state)
# What is compared must be there: the counted site, armed by its counter
# alone, and a parameter of each module.
# shellcheck disable=SC2016 # expanded by sh -c
ktap_check "state read before the writes" sh -c '
	printf "%s\n" "$1" | grep -q "^subsystem_event marker_example armed probes=1 " &&
	printf "%s\n" "$1" | grep -qx "subsystem_event 0" &&
	for m in $2; do
		printf "%s\n" "$1" | grep -q "^/sys/module/$m/parameters/" || exit 1
	done' - "$before" "$MODS"
P=/sys/module

# 4 concurrent writers per file.  The control file's errors are predicted
# write by write; a parameter refuses with EINVAL or ERANGE; the trace
# core's filter and trigger parsers answer with several, all refusals.
python3 "$GEN" "$RANDOM" 4 \
	"control:subsystem_event:300:$D/control" \
	"bool:-:16:$P/mct_probe/parameters/reg" \
	"bool:-:16:$P/mct_tp_bridge/parameters/reg" \
	"bool:-:16:$P/virt_tracer/parameters/arm_exit" \
	"bool:-:16:$P/virt_tracer/parameters/arm_vcpu_load" \
	"uint:0-1000000:16:$P/mct_sites_a/parameters/fire" \
	"uint:0-1000000:16:$P/mct_tp_owner/parameters/fire" \
	"uint:1-16:16:$P/virt_tracer/parameters/run" \
	"uint:1-600:16:$P/mct_stress/parameters/run" \
	"errno:EINVAL+EACCES+EPERM:8:$D/list" \
	"errno:EINVAL+EACCES+EPERM:8:$D/counters" \
	"errno:EINVAL:8:$E/subsystem_event/enable" \
	"errno:ANY:8:$E/subsystem_event/filter" \
	"errno:ANY:8:$E/subsystem_event/trigger" \
	"errno:EINVAL:8:$E/enable" \
	"errno:EINVAL+EACCES+EPERM:8:$E/subsystem_event/format" \
	"errno:EINVAL+EACCES+EPERM:8:$E/subsystem_event/id" \
	"errno:EINVAL+EACCES+EPERM:8:$E/subsystem_event/hist" > /tmp/hostile.out
sed 's/^/# /' /tmp/hostile.out
result "control: each write got the parser's answer" "$D/control" 1200
result "mct_probe reg: non-booleans refused" "$P/mct_probe/parameters/reg" 64
result "mct_tp_bridge reg: non-booleans refused" \
	"$P/mct_tp_bridge/parameters/reg" 64
result "virt_tracer arm_exit: non-booleans refused" \
	"$P/virt_tracer/parameters/arm_exit" 64
result "virt_tracer arm_vcpu_load: non-booleans refused" \
	"$P/virt_tracer/parameters/arm_vcpu_load" 64
result "mct_sites_a fire: bad counts refused" \
	"$P/mct_sites_a/parameters/fire" 64
result "mct_tp_owner fire: bad counts refused" \
	"$P/mct_tp_owner/parameters/fire" 64
result "virt_tracer run: bad counts refused" "$P/virt_tracer/parameters/run" 64
result "mct_stress run: bad durations refused" "$P/mct_stress/parameters/run" 64
result "list: writes refused" "$D/list" 32
result "counters: writes refused" "$D/counters" 32
result "event enable: malformed writes refused" "$E/subsystem_event/enable" 32
result "event filter: malformed writes refused" "$E/subsystem_event/filter" 32
result "event trigger: malformed writes refused" "$E/subsystem_event/trigger" 32
result "system enable: malformed writes refused" "$E/enable" 32
result "event format: writes refused" "$E/subsystem_event/format" 32
result "event id: writes refused" "$E/subsystem_event/id" 32
result "event hist: writes refused" "$E/subsystem_event/hist" 32

after=$(state)
ktap_check_eq "nothing changed" "$before" "$after"

echo 'nocount subsystem_event' > "$D/control"
for m in virt_tracer mct_stress mct_tp_bridge mct_tp_owner mct_sites_a \
	 mct_probe marker_example; do
	rmmod "$m"
done
ktap_finished
