#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Marker events with bpftrace: a one-liner keyed by a field of a bridged
# marker's event counts what the workload did, and args-> reads a legacy
# marker's string field.
. "$(dirname "$0")/lib/ktap.sh"

P=/sys/module/virt_tracer/parameters

ktap_plan 2

insmod "$MARKER_MODULES/marker-example.ko"
insmod "$MARKER_MODULES/virt-tracer.ko"

# bpftrace -c splits its command on blanks, without a shell.
W=/tmp/events-bpftrace-workload.sh
echo "echo 2 > $P/run; echo 3 > $P/run" > $W
bpftrace -e 'tracepoint:markers:virt_exit { @exits[args->exit_reason] = count(); }' \
	-c "/bin/sh $W" 2>&1 |
	grep '^@exits\[' | sort > /tmp/bpftrace-exits
ktap_check_eq "histogram keyed by a field" "@exits[1]: 2
@exits[2]: 2
@exits[3]: 1" "$(cat /tmp/bpftrace-exits)"

echo "cat /proc/marker-example; cat /proc/marker-example" > $W
bpftrace -e 'tracepoint:markers:subsystem_event { printf("%d %s\n", args->integer, str(args->string)); }' \
	-c "/bin/sh $W" 2>&1 |
	grep -E '^[0-9]+ ' > /tmp/bpftrace-strings
ktap_check_eq "args-> reads integer and string fields" "1 cat
2 cat" "$(cat /tmp/bpftrace-strings)"

rmmod virt_tracer
rmmod marker_example
ktap_finished
