#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A marker event's tracefs files used after the event is gone: format,
# filter, trigger, hist, id and enable of markers:mct_ev are opened, and
# the event is replaced (a marker event is removed only when its name
# comes back with another format: mct_events_a.ko goes, mct_events_b.ko
# comes), then each file descriptor is read or written and closed.  Every
# access must fail with an errno or succeed harmlessly; the console check
# of mct.py guest catches a use after free (KASAN).  On 6.1 the format
# file points at the event itself and the trigger file at the trace
# core's per-instance file, whose event pointer the trace core keeps: both
# reach the event's memory after its removal.  Then the first format
# comes back, and its event with it, with its fields, recording; and
# kmemleak finds nothing (a trigger taken by a removed event's file would
# be leaked with that file).
#
# The trigger is written while the filter, hist and enable descriptors are
# open: on 6.1 only those hold a reference on the trace core's per-instance
# file (the trigger file holds none), so a trigger descriptor used alone
# after the event's removal is a use after free inside the trace core,
# for any removable event; see Documentation/marker-events.rst.
. "$(dirname "$0")/lib/ktap.sh"
. "$(dirname "$0")/lib/kmemleak.sh"

T=/sys/kernel/tracing
E=$T/events/markers/mct_ev
M=$MARKER_MODULES
FIRE=/sys/module/mct_events_a/parameters/fire

records() {
	grep -c ' mct_ev: seq [0-9]*$' "$T/trace"
}

# format_is A|B: the event has module A's format (seq) or B's (seq, tag).
format_is() {
	if [ "$1" = A ]; then
		grep -q 'field:unsigned int seq;' "$E/format" &&
			! grep -q ' tag;' "$E/format"
	else
		grep -q 'field:__data_loc char\[\] tag;' "$E/format"
	fi
}

# late_write NAME TEXT FD: write TEXT through FD; say what it gave.
late_write() {
	local err

	if err=$({ echo "$2" >&"$3"; } 2>&1); then
		ktap_diag "$1: write of '$2' accepted"
		return 0
	fi
	ktap_diag "$1: write of '$2' refused: ${err##*: }"
	return 1
}

# late_read NAME FD: read FD to its end; say what it gave.
late_read() {
	local out

	if out=$(cat <&"$2" 2>&1); then
		ktap_diag "$1: read gave $(wc -l <<< "$out") lines"
	else
		ktap_diag "$1: read refused: ${out##*: }"
	fi
}

ktap_plan 12

kmemleak_clear

insmod "$M/mct_events_a.ko"
have_hist=
[ -e "$E/hist" ] && have_hist=1
fds="3 4 5 7 8"
exec 3< "$E/format" 4<> "$E/filter" 5> "$E/trigger" 7< "$E/id" 8<> "$E/enable"
if [ -n "$have_hist" ]; then
	exec 6< "$E/hist"
	fds+=" 6"
fi
missing=
# The test kernel has CONFIG_HIST_TRIGGERS (kunit/configs/debug.config).
[ -n "$have_hist" ] || missing+=" hist"
for fd in $fds; do
	[ -e "/proc/$$/fd/$fd" ] || missing+=" $fd"
done
ktap_check_msg "event files open" "not open:$missing" test -z "$missing"

rmmod mct_events_a
insmod "$M/mct_events_b.ko"
ktap_check "event replaced with its files open" format_is B

# 6.1 shows the event (its fields are gone with it), 6.12 says -ENODEV.
if out=$(cat <&3 2>&1); then
	ktap_check_msg "format read after removal shows the event" "read: $out" \
		grep -q '^name: mct_ev$' <<< "$out"
else
	ktap_diag "format read refused: ${out##*: }"
	ktap_ok "format read after removal is refused"
fi

late_write filter 'seq == 1' 4
late_read filter 4
ktap_ok "filter written and read after removal"

# hist:keys parses against the fields, traceoff gets as far as enabling.
refused=1
if [ -n "$have_hist" ]; then
	late_write trigger 'hist:keys=seq' 5 && refused=0
fi
late_write trigger 'traceoff' 5 && refused=0
ktap_check_eq "no trigger taken after removal" 1 "$refused"

if [ -n "$have_hist" ]; then
	late_read hist 6
	ktap_ok "hist read after removal"
else
	ktap_not_ok "hist read after removal" "no $E/hist"
fi

late_read id 7
ktap_ok "id read after removal"
# Refused through the open file: a closed descriptor would refuse too.
ktap_check "enable refused after removal" \
	sh -c '[ -e /proc/$$/fd/8 ] && ! echo 1 >&8 2> /dev/null'

exec 3<&- 4<&- 5>&- 7<&- 8<&-
[ -n "$have_hist" ] && exec 6<&-

# The first format comes back: its event, fields defined again, recording.
rmmod mct_events_b
insmod "$M/mct_events_a.ko"
ktap_check "event back with its fields" \
	grep -q 'field:unsigned int seq;	offset:8;	size:4;	signed:0;' "$E/format"

echo > "$T/trace"
echo 1 > "$E/enable"
echo 2 > "$FIRE"
ktap_check_eq "returned event records" 2 "$(records)"
echo 0 > "$E/enable"
rmmod mct_events_a
insmod "$M/mct_events_b.ko"
ktap_check "event replaced again" format_is B
rmmod mct_events_b

kmemleak_check "kmemleak finds nothing new"

ktap_finished
