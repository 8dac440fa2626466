#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Marker events with perf: counting (perf stat) counts exactly the hits
# fired, and sampling (perf record, perf script) decodes the fields.
. "$(dirname "$0")/lib/ktap.sh"

P=/sys/module/virt_tracer/parameters
DATA=/tmp/events-perf.data

ktap_plan 4

insmod "$MARKER_MODULES/marker-example.ko"
insmod "$MARKER_MODULES/virt-tracer.ko"

# perf stat -x, prints "count,unit,event,..." on stderr.
count() {
	perf stat -x, -a -e "markers:$1" -- sh -c "$2" 2>&1 >/dev/null |
		awk -F, -v e="markers:$1" '$3 == e { print $1 }'
}

ktap_check_eq "perf stat counts a legacy marker" 7 \
	"$(count subsystem_event 'for i in 1 2 3 4 5 6 7; do cat /proc/marker-example; done')"
ktap_check_eq "perf stat counts a noargs marker" 30 \
	"$(count subsystem_eventb 'for i in 1 2 3; do cat /proc/marker-example; done')"
ktap_check_eq "perf stat counts a bridged marker" 9 \
	"$(count virt_exit "echo 4 > $P/run; echo 5 > $P/run")"

perf record -q -a -e markers:virt_exit -o "$DATA" -- sh -c "echo 3 > $P/run" \
	> /dev/null 2>&1
ktap_check_eq "perf script decodes the fields" "1 2 3" \
	"$(perf script -i "$DATA" 2> /dev/null |
	   sed -n 's/.*exit_reason \([0-9]*\) .*/\1/p' | tr '\n' ' ' | sed 's/ $//')"

rmmod virt_tracer
rmmod marker_example
rm -f "$DATA"
ktap_finished
