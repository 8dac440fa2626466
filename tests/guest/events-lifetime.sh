#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The lifetime of marker events (Documentation/marker-events.rst):
#
# 1. A name taken by another event (an eprobe called markers/mct_taken)
#    gets no marker event, and the other event is left alone.
# 2. An event stays when its name loses its last site, so what holds it
#    keeps working: an eprobe on markers:subsystem_event records again
#    once marker-example.ko is back (it read freed fields when the event
#    was removed and added again: KASAN, caught by the console check).
# 3. Nothing recorded is lost or misprinted: a trace_marker line survives
#    an unrelated module's unload after a used event's name lost its
#    sites, and a new event does not take the type of an old one whose
#    records are still in the buffer.
# 4. The event has the format of its sites, not of a probe registered
#    before them: mct_probe.ko fixes mct_fmt's format as "value %u",
#    mct_sites_b.ko's site has "other %d".
# 5. A name back with another format (mct_ev of mct_events_a.ko, then
#    mct_events_b.ko) gets a new event, but not while an eprobe holds the
#    old one: that one is stale, cannot be enabled, and is replaced once
#    the eprobe is gone.  The replacement resets the buffers at once, not
#    at the next unrelated unload; a modular core cannot, and leaves the
#    reset to the next module unload (markers/event.c).
# 6. Disabling 32 events at once waits no grace period: an RCU reader
#    held meanwhile is still holding when the write returns.
. "$(dirname "$0")/lib/ktap.sh"
. "$(dirname "$0")/lib/wait.sh"
. "$(dirname "$0")/lib/example.sh"

T=/sys/kernel/tracing
EM=$T/events/markers
E=$EM/subsystem_event
LIST=/sys/kernel/debug/markers/list
M=$MARKER_MODULES
P=/sys/module

# count PATTERN: lines of the trace matching PATTERN (extended regex).
count() {
	grep -cE "$1" "$T/trace"
}

# dyn TEXT: add or remove a dynamic event.
dyn() {
	echo "$1" >> "$T/dynamic_events"
}

ktap_plan 21

[ -e "$T/dynamic_events" ] || ktap_diag "no $T/dynamic_events: eprobes cannot be made"

# 1. A name taken by another event (mct_events_c.ko, whose mct_taken it
# is, is loaded only here).
insmod "$M/marker-example.ko"
dyn 'e:markers/mct_taken markers.subsystem_event v=$integer'
insmod "$M/mct_events_c.ko"
ktap_check "a taken name gets no marker event" sh -c \
	"grep '^mct_taken ' $LIST | grep -q ' event=- '"
ktap_check "the other event is left alone" \
	grep -q '^print fmt: .*v=' "$EM/mct_taken/format"
rmmod mct_events_c
dyn '-:markers/mct_taken'

# 2. An eprobe across the module's unload and return.
ktap_check "eprobe made on a marker event" \
	dyn 'e:mct/ep markers.subsystem_event v=$integer'
rmmod marker_example
ktap_check "event stays when its name loses its last site" test -d "$E"
insmod "$M/marker-example.ko"
echo > "$T/trace"
echo 1 > "$T/events/mct/ep/enable"
read_example 2
ktap_check_eq "eprobe records after the module's return" 2 \
	"$(count ' ep: .*v=[0-9]+')"
echo 0 > "$T/events/mct/ep/enable"
dyn '-:mct/ep'

# 3a. A used event whose name loses its sites arms no buffer reset.
echo 1 > "$E/enable"
read_example 1
echo 0 > "$E/enable"
rmmod marker_example
echo > "$T/trace"
echo mct-kept-line > "$T/trace_marker"
insmod "$M/mct_probe.ko"
rmmod mct_probe
ktap_check_eq "a line survives an unrelated unload" 1 "$(count 'mct-kept-line')"

# 3b. No new event takes the type of one whose records are kept.
insmod "$M/marker-example.ko"
echo > "$T/trace"
echo 1 > "$E/enable"
echo 1 > "$EM/subsystem_eventb/enable"
read_example 1
echo 0 > "$E/enable"
echo 0 > "$EM/subsystem_eventb/enable"
old_ids="$(cat "$E/id") $(cat "$EM/subsystem_eventb/id")"
rmmod marker_example
insmod "$M/mct_sites_a.ko"
new_id=$(cat "$EM/mct_shared/id")
ktap_check_msg "a new event takes no type of a kept record" \
	"mct_shared id $new_id, old ids $old_ids" \
	sh -c "! echo ' $old_ids ' | grep -q ' $new_id '"
ktap_check_eq "no record printed as another event" 0 "$(count ' mct_shared: ')"
rmmod mct_sites_a

# 4. The format of the sites, not of an earlier probe.
insmod "$M/mct_probe.ko"
insmod "$M/mct_sites_b.ko"
ktap_check_msg "event has its site's format" \
	"$(grep -s 'field:.*offset:8;' "$EM/mct_fmt/format" || echo 'no format file')" \
	grep -q 'field:int other;' "$EM/mct_fmt/format"
rmmod mct_probe
echo > "$T/trace"
echo 1 > "$EM/mct_fmt/enable"
echo 3 > "$P/mct_sites_b/parameters/fire"
echo 0 > "$EM/mct_fmt/enable"
ktap_check_eq "event of the site's format records" 3 \
	"$(count ' mct_fmt: other [0-9]+$')"
rmmod mct_sites_b

# 5. Another format: a stale event while an eprobe holds it.
insmod "$M/mct_events_a.ko"
echo 1 > "$EM/mct_ev/enable"
echo 1 > "$P/mct_events_a/parameters/fire"
echo 0 > "$EM/mct_ev/enable"
dyn 'e:mct/ep2 markers.mct_ev s=$seq'
rmmod mct_events_a
insmod "$M/mct_events_b.ko"
ktap_check "an event held by an eprobe is not replaced" sh -c \
	"grep -q 'field:unsigned int seq;' $EM/mct_ev/format &&
	 ! grep -q 'tag' $EM/mct_ev/format"
ktap_check "the listing says stale" sh -c \
	"grep '^mct_ev ' $LIST | grep -q ' event=stale '"
ktap_check "a stale event cannot be enabled" \
	sh -c "! echo 1 > $EM/mct_ev/enable 2> /dev/null"
dyn '-:mct/ep2'
echo > "$T/trace"
echo mct-before-replace > "$T/trace_marker"
# Enabling a stale event asks for its replacement: it comes at once.
echo 1 > "$EM/mct_ev/enable" 2> /dev/null
ktap_check "replaced once the eprobe is gone" \
	wait_for grep -q 'field:__data_loc char\[\] tag;' "$EM/mct_ev/format"
if [ -e /sys/module/marker_compat/initstate ]; then
	# A modular core cannot reset the buffers as it replaces an event
	# (the trace core does not export the reset; markers/event.c): the
	# records stay until the next module unload, which resets them.
	ktap_check_eq "the replacement keeps the buffer (modular core)" 1 \
		"$(count 'mct-before-replace')"
	echo mct-after-replace > "$T/trace_marker"
	insmod "$M/mct_probe.ko"
	rmmod mct_probe
	ktap_check_eq "the next module unload resets it (modular core)" 0 \
		"$(count 'mct-(before|after)-replace')"
else
	ktap_check_eq "the replacement resets the buffer" 0 \
		"$(count 'mct-before-replace')"
	echo mct-after-replace > "$T/trace_marker"
	insmod "$M/mct_probe.ko"
	rmmod mct_probe
	ktap_check_eq "and arms no later reset" 1 "$(count 'mct-after-replace')"
fi
echo 1 > "$EM/mct_ev/enable"
echo 2 > "$P/mct_events_b/parameters/fire"
echo 0 > "$EM/mct_ev/enable"
ktap_check_eq "the new event records" 2 "$(count ' mct_ev: seq [0-9]+ tag b$')"
rmmod mct_events_b
# Back to the first format: its event is the one it had.
insmod "$M/mct_events_a.ko"
ktap_check "the first format's event comes back" \
	grep -q 'field:unsigned int seq;' "$EM/mct_ev/format"

# 6. Disabling many events at once waits no grace period.
for ((i = 0; i < 32; i++)); do
	echo 1 > "$EM/mct_many_$i/enable"
done
on=$(grep -c '^mct_many_[0-9]* .* event=on ' "$LIST")
ktap_check_eq "32 events enabled" 32 "$on"
if echo 5000 > "$P/mct_events_a/parameters/rcu_hold"; then
	t0=$(date +%s%N)
	echo 0 > "$EM/enable"
	t1=$(date +%s%N)
	held=$(cat "$P/mct_events_a/parameters/rcu_held")
	echo 0 > "$P/mct_events_a/parameters/rcu_hold"
	ktap_diag "disabling 32 events took $(((t1 - t0) / 1000000)) ms"
	ktap_check_eq "disabling 32 events waits no grace period" Y "$held"
else
	ktap_not_ok "disabling 32 events waits no grace period" \
		"cannot hold an RCU reader (no preemptible RCU?)"
fi
off=$(grep -c '^mct_many_[0-9]* .* event=off ' "$LIST")
ktap_check_eq "32 events disabled" 32 "$off"
rmmod mct_events_a

ktap_finished
