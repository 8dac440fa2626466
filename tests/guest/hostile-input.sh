#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile input to every file the shim creates: generated malformed writes
# (long lines, binary, NUL bytes, unknown verbs and names, partial and
# multiple commands) from concurrent writers, to the debugfs control
# interface and to the tracefs files of a marker event.  Every write must
# be refused with the expected errno and change nothing: the listing, the
# counters and the event's files read the same before and after.
# guest: cpus=4
. "$(dirname "$0")/lib/ktap.sh"

D=/sys/kernel/debug/markers
E=/sys/kernel/tracing/events/markers
GEN=$(dirname "$0")/lib/hostile_writes.py

# hostile NAME FILE KIND ERRNO...: 4 writers, 60 writes each.
hostile() {
	local name=$1 file=$2 kind=$3 w rc=0

	shift 3
	for w in 1 2 3 4; do
		python3 "$GEN" "$file" "$w$RANDOM" 60 "$kind" "$@" > "/tmp/hostile.$w" &
	done
	wait || rc=1
	for w in 1 2 3 4; do
		grep -q '^refused 60 of 60$' "/tmp/hostile.$w" || rc=1
	done
	if [ "$rc" = 0 ]; then
		ktap_ok "$name"
	else
		ktap_not_ok "$name" "$(grep -hv '^refused 60 of 60$' /tmp/hostile.* | head -n 3)"
	fi
}

state() {
	cat "$D/list" "$D/counters" "$E/subsystem_event/enable" \
	    "$E/subsystem_event/filter" "$E/subsystem_event/trigger" \
	    "$E/enable" "$E/filter"
}

ktap_plan 9

insmod "$MARKER_MODULES/marker-example.ko"
echo 'count subsystem_event' > "$D/control"
before=$(state)

hostile "control: 240 malformed writes refused" "$D/control" control EINVAL ENOENT
hostile "list: 240 writes refused" "$D/list" control EINVAL EACCES EPERM
hostile "counters: 240 writes refused" "$D/counters" control EINVAL EACCES EPERM
hostile "event enable: 240 malformed writes refused" "$E/subsystem_event/enable" tracefs EINVAL
hostile "event filter: 240 malformed writes refused" "$E/subsystem_event/filter" tracefs EINVAL
hostile "event trigger: 240 malformed writes refused" "$E/subsystem_event/trigger" tracefs EINVAL ENOENT
hostile "system enable: 240 malformed writes refused" "$E/enable" tracefs EINVAL
hostile "system filter: 240 malformed writes refused" "$E/filter" tracefs EINVAL

after=$(state)
ktap_check_eq "nothing changed" "$before" "$after"

echo 'nocount subsystem_event' > "$D/control"
rmmod marker_example
ktap_finished
