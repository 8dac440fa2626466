#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Marker events with trace-cmd: record one legacy marker and one bridged
# marker around a known workload, and read the events back with their
# field names, in order, with nothing from other markers.  The bridged
# marker, virt_exit, arms exactly its one tracepoint callback while it is
# recorded: virt-tracer.ko reports the tracepoint core's count.  This is
# also what `make demo` shows (scripts/mct.py demo).
. "$(dirname "$0")/lib/ktap.sh"

P=/sys/module/virt_tracer/parameters
DAT=/tmp/events-trace-cmd.dat

ktap_plan 6

insmod "$MARKER_MODULES/marker-example.ko"
insmod "$MARKER_MODULES/virt-tracer.ko"
ktap_diag "markers:virt_exit, as the kernel describes it to every tool:"
sed -n 's/^\tfield:\([^;]*\);.*/#   field \1/p; s/^print fmt: /#   print fmt: /p' \
	/sys/kernel/tracing/events/markers/virt_exit/format | grep -v common_
ktap_diag "callbacks on the virt_exit tracepoint before recording: $(cat $P/callbacks)"
ktap_check_eq "virt_exit has no callback before recording" 0 "$(cat $P/callbacks)"

trace-cmd record -q -o "$DAT" -e markers:virt_exit -e markers:subsystem_event \
	sh -c "cat $P/callbacks > /tmp/callbacks-during; echo 3 > $P/run;
	       cat /proc/marker-example > /dev/null; echo 2 > $P/run" \
	> /tmp/trace-cmd-record.log 2>&1
ktap_diag "callbacks while trace-cmd records: $(cat /tmp/callbacks-during)"
ktap_check_eq "exactly one callback while recording" 1 "$(cat /tmp/callbacks-during)"
ktap_diag "callbacks after recording: $(cat $P/callbacks)"
ktap_check_eq "no callback after recording" 0 "$(cat $P/callbacks)"

trace-cmd report -i "$DAT" 2> /dev/null |
	sed -n 's/.* \(virt_exit\|subsystem_event\): *//p' > /tmp/events-report
want="vm_id 1 vcpu_id 2 exit_reason 1 guest_rip 0xffffffff81000010
vm_id 1 vcpu_id 2 exit_reason 2 guest_rip 0xffffffff81000020
vm_id 1 vcpu_id 2 exit_reason 3 guest_rip 0xffffffff81000030
integer 1 string cat
vm_id 1 vcpu_id 2 exit_reason 1 guest_rip 0xffffffff81000010
vm_id 1 vcpu_id 2 exit_reason 2 guest_rip 0xffffffff81000020"
ktap_check_eq "events decoded in order" "$want" "$(cat /tmp/events-report)"
# The report must have the six events above before the lack of others
# means anything.
ktap_check_eq "nothing from other markers" "6 0" \
	"$(wc -l < /tmp/events-report) $(trace-cmd report -i "$DAT" 2> /dev/null | grep -c 'subsystem_eventb\|virt_entry\|virt_vcpu')"
# Raw output: each field by the name the event's format gave it.
ktap_check_eq "fields decoded by name" \
	"vm_id=1 vcpu_id=2 exit_reason=3 guest_rip=0xffffffff81000030" \
	"$(trace-cmd report -i "$DAT" -R 2> /dev/null |
	   sed -n 's/.* virt_exit: *//p' | sed -n 3p)"
# What a user sees, for the demo and the log.
ktap_diag "trace-cmd report:"
trace-cmd report -i "$DAT" 2> /dev/null | grep -E 'virt_exit|subsystem_event' |
	sed 's/^/#   /'

rmmod virt_tracer
rmmod marker_example
rm -f "$DAT"
ktap_finished
