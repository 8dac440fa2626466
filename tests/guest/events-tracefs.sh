#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Marker events through tracefs alone: the event files, fields from the
# format, enabling one marker, records in the trace, a filter and a hist
# trigger on fields, and a module unloaded and reloaded under an enabled
# event, which stays when disabled.  Workload: marker-example.ko
# (lib/example.sh).
. "$(dirname "$0")/lib/ktap.sh"
. "$(dirname "$0")/lib/example.sh"

T=/sys/kernel/tracing
E=$T/events/markers/subsystem_event
LIST=/sys/kernel/debug/markers/list

# list_line NAME: the debugfs listing's line for NAME's first site.
list_line() {
	grep -m1 "^$1 " "$LIST"
}

# The read counter of marker-example.ko, i.e. the integer of the next event.
records() {
	grep -c ' subsystem_event: integer [0-9]* string cat$' "$T/trace"
}

ktap_plan 23

insmod "$MARKER_MODULES/marker-example.ko"
missing=
for f in enable filter trigger format id; do
	[ -e "$E/$f" ] || missing+=" $f"
done
ktap_check_msg "event files" "missing:$missing" test -z "$missing"

ktap_check "fields from the format" \
	grep -q 'field:int integer;	offset:8;	size:4;	signed:1;' "$E/format"
ktap_check "string field is a dynamic string" \
	grep -q 'field:__data_loc char\[\] string;	offset:12;	size:4;	signed:0;' \
	"$E/format"
ktap_check "print format" \
	grep -qF 'print fmt: "integer %d string %s", REC->integer, __get_str(string)' \
	"$E/format"
# The format must be there (its print fmt line) before its lack of fields
# means anything.
ktap_check "noargs marker has an event without fields" \
	sh -c "grep -q '^print fmt: ' $T/events/markers/subsystem_eventb/format &&
	       ! grep -q 'field:.*offset:8' $T/events/markers/subsystem_eventb/format"

echo > "$T/trace"
echo 1 > "$E/enable"
ktap_check "enable arms exactly that marker" sh -c "
	list_a=\$(grep -m1 '^subsystem_event ' $LIST)
	list_b=\$(grep -m1 '^subsystem_eventb ' $LIST)
	case \$list_a in *' armed probes=1 event=on '*) ;; *) exit 1;; esac
	case \$list_b in *' idle probes=0 event=off '*) ;; *) exit 1;; esac"

read_example 3
ktap_check_eq "records in the trace" 3 "$(records)"

echo 'integer == 5' > "$E/filter"	# the fifth read
read_example 3
ktap_check_eq "filter on a field" 4 "$(records)"

# A hit is filtered before its record is reserved (markers/event_filter.c),
# on a scratch copy with the trace core's common fields: they and strings
# must compare as in the record the trace core would filter.
echo > "$T/trace"
echo "common_pid != 0 && common_type == $(cat "$E/id")" > "$E/filter"
read_example 2
ktap_check_eq "filter on common fields keeps hits" 2 "$(records)"
echo 'common_pid == 0' > "$E/filter"
read_example 2
ktap_check_eq "filter on common fields drops hits" 2 "$(records)"
echo 'string == "cat"' > "$E/filter"
read_example 1
ktap_check_eq "filter on a string keeps hits" 3 "$(records)"
echo 'string == "dog"' > "$E/filter"
read_example 1
ktap_check_eq "filter on a string drops hits" 3 "$(records)"

# The preemption count of the record the trace core writes (a hist
# trigger reads it there) is the one the first filtering sees.
if [ -e "$E/hist" ]; then
	echo 'hist:keys=common_preempt_count' > "$E/trigger"
	read_example 1
	pc=$(sed -n 's/^{ common_preempt_count: *\([0-9]*\) *} hitcount:.*/\1/p' \
		"$E/hist")
	echo '!hist:keys=common_preempt_count' > "$E/trigger"
	echo > "$T/trace"
	echo "common_preempt_count == ${pc:-none}" > "$E/filter" || pc=
	read_example 2
	ktap_check_eq "filter on the preemption count keeps hits" \
		"2 ${pc:-no count}" "$(records) $pc"
else
	ktap_not_ok "filter on the preemption count keeps hits" "no $E/hist"
fi

# The filter is per instance: one without it records every hit.
I=$T/instances/mct_filter
mkdir "$I"
echo 1 > "$I/events/markers/subsystem_event/enable"
echo > "$T/trace"
echo 'integer == -1' > "$E/filter"
read_example 2
ktap_check_eq "filtered instance drops hits" 0 "$(records)"
ktap_check_eq "instance without the filter keeps them" 2 \
	"$(grep -c ' subsystem_event: integer [0-9]* string cat$' "$I/trace")"
echo 0 > "$I/events/markers/subsystem_event/enable"
rmdir "$I"
echo 0 > "$E/filter"

if [ -e "$E/hist" ]; then
	echo 'hist:keys=string' > "$E/trigger"
	read_example 2
	ktap_check "hist trigger keyed by a field" \
		grep -q '^{ string: *cat *} hitcount: *2$' "$E/hist"
	# The trace core runs such a trigger on every hit, before the
	# filter: a hit the filter drops still counts.
	echo 'integer == -1' > "$E/filter"
	read_example 2
	ktap_check "hist trigger counts hits the filter drops" \
		grep -q '^{ string: *cat *} hitcount: *4$' "$E/hist"
	echo 0 > "$E/filter"
	echo '!hist:keys=string' > "$E/trigger"
else
	# The test kernel has CONFIG_HIST_TRIGGERS (kunit/configs/debug.config).
	ktap_not_ok "hist trigger keyed by a field" "no $E/hist"
	ktap_not_ok "hist trigger counts hits the filter drops" "no $E/hist"
fi

# Refused by the filter file itself: a missing file would refuse too.
ktap_check "junk filter is refused" sh -c "test -e $E/filter &&
	! echo 'nosuchfield == 1' > $E/filter"

echo 0 > "$E/enable"
ktap_check "disable disarms" sh -c \
	"grep -m1 '^subsystem_event ' $LIST | grep -q ' idle probes=0 event=off '"

# Unload under an enabled event: the event stays (firing nothing) and
# the module's return finds it armed.
echo 1 > "$E/enable"
rmmod marker_example
insmod "$MARKER_MODULES/marker-example.ko"
echo > "$T/trace"
read_example 1
ktap_check_eq "reloaded module records into the enabled event" 1 "$(records)"

rmmod marker_example
ktap_check "event stays while enabled without sites" test -d "$E"
id=$(cat "$E/id")
echo 0 > "$E/enable"
# It stays for the name's return (see events-lifetime.sh): nothing is
# left to remove it, now or later.
sleep 1
ktap_check "event stays once disabled" test -d "$E"
insmod "$MARKER_MODULES/marker-example.ko"
ktap_check_eq "the name's return finds the same event" "$id" "$(cat "$E/id")"
rmmod marker_example

ktap_finished
