#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile input to every file the shim creates: generated malformed writes
# (long lines, binary, NUL bytes, unknown verbs and names, partial and
# multiple commands) from concurrent writers, to the debugfs control
# interface and to the tracefs files of a marker event.  Every write must
# be refused with the expected errno and change nothing: the listing, the
# counters and the event's files read the same before and after.  (The
# system-wide events/markers/filter is left out: it applies a filter to
# every event of the system, and accepts one that parses for any of them.)
# guest: cpus=4
. "$(dirname "$0")/lib/ktap.sh"

D=/sys/kernel/debug/markers
E=/sys/kernel/tracing/events/markers
GEN=$(dirname "$0")/lib/hostile_writes.py

# result NAME FILE: ok if every write to FILE was refused.
result() {
	local line

	line=$(grep "^$2: refused" /tmp/hostile.out)
	case $line in
	*": refused "*" of "*)
		set -- "$1" "$2" ${line##*: refused }
		if [ "$3" = "$5" ] && [ "$3" -ge 200 ]; then
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

state() {
	cat "$D/list" "$D/counters" "$E/subsystem_event/enable"
	filter_state "$E/subsystem_event/filter"
	cat "$E/subsystem_event/trigger" "$E/enable"
	cat "$E/subsystem_event/format" "$E/subsystem_event/id"
}

ktap_plan 11

insmod "$MARKER_MODULES/marker-example.ko"
echo 'count subsystem_event' > "$D/control"
before=$(state)

# 4 concurrent writers, 50 inputs each, per file.  The shim's own files
# have defined errors; the trace core's filter and trigger parsers answer
# with several, all refusals.
python3 "$GEN" "$RANDOM" 4 50 \
	"control:EINVAL+ENOENT:$D/control" \
	"control:EINVAL+EACCES+EPERM:$D/list" \
	"control:EINVAL+EACCES+EPERM:$D/counters" \
	"tracefs:EINVAL:$E/subsystem_event/enable" \
	"tracefs:ANY:$E/subsystem_event/filter" \
	"tracefs:ANY:$E/subsystem_event/trigger" \
	"tracefs:EINVAL:$E/enable" \
	"tracefs:EINVAL+EACCES+EPERM:$E/subsystem_event/format" \
	"tracefs:EINVAL+EACCES+EPERM:$E/subsystem_event/id" \
	"tracefs:EINVAL+EACCES+EPERM:$E/subsystem_event/hist" > /tmp/hostile.out
cat /tmp/hostile.out | sed 's/^/# /'
result "control: malformed writes refused" "$D/control"
result "list: writes refused" "$D/list"
result "counters: writes refused" "$D/counters"
result "event enable: malformed writes refused" "$E/subsystem_event/enable"
result "event filter: malformed writes refused" "$E/subsystem_event/filter"
result "event trigger: malformed writes refused" "$E/subsystem_event/trigger"
result "system enable: malformed writes refused" "$E/enable"
result "event format: writes refused" "$E/subsystem_event/format"
result "event id: writes refused" "$E/subsystem_event/id"
result "event hist: writes refused" "$E/subsystem_event/hist"

after=$(state)
ktap_check_eq "nothing changed" "$before" "$after"

echo 'nocount subsystem_event' > "$D/control"
rmmod marker_example
ktap_finished
