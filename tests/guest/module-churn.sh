#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module churn under armed markers: a module with sites loaded and
# unloaded 100 times while its name stays armed (a C probe and the name's
# trace event), a probe module loaded and unloaded while sites fire on
# every CPU, and a tracepoint-owning module unloaded and reloaded while a
# bridge on its tracepoint is armed.  Hit counts must add up, and kmemleak
# (the debug kernel has it) must find nothing new afterwards.
. "$(dirname "$0")/lib/ktap.sh"
. "$(dirname "$0")/lib/kmemleak.sh"

M=$MARKER_MODULES
P=/sys/module
T=/sys/kernel/tracing

# load_unload N MODULE: insmod, fire once, rmmod, N times; count failures.
fail=0
load_fire_unload() {
	local i

	for ((i = 0; i < $1; i++)); do
		insmod "$M/$2.ko" || fail=$((fail + 1))
		echo 1 > "$P/$2/parameters/fire" || fail=$((fail + 1))
		rmmod "$2" || fail=$((fail + 1))
	done
}

ktap_plan 9

kmemleak_clear

# 1. A site module churned under an armed name: a probe and the event.
insmod "$M/mct_probe.ko"
insmod "$M/mct_sites_a.ko"
echo > "$T/trace"
echo 1 > "$T/events/markers/mct_shared/enable"
rmmod mct_sites_a
load_fire_unload 100 mct_sites_a
ktap_check_eq "100 loads and unloads of a module with armed sites" 0 "$fail"
ktap_check_eq "the armed probe saw every hit" 100 "$(cat $P/mct_probe/parameters/hits_a)"
ktap_check_eq "no hit reached the probe with bad arguments" 0 \
	"$(cat $P/mct_probe/parameters/hits_bad)"
ktap_check_eq "the event recorded every hit" 100 \
	"$(grep -c ' mct_shared: src 1 seq ' $T/trace)"
echo 0 > "$T/events/markers/mct_shared/enable"
rmmod mct_probe

# 2. A probe module churned while sites fire on every CPU.
insmod "$M/mct_sites_b.ko"
pids=()
for ((c = 0; c < $(nproc); c++)); do
	(while :; do echo 100 > "$P/mct_sites_b/parameters/fire"; done) &
	pids+=($!)
done
fail=0
for ((i = 0; i < 30; i++)); do
	insmod "$M/mct_probe.ko" || fail=$((fail + 1))
	rmmod mct_probe || fail=$((fail + 1))
done
kill "${pids[@]}"
wait "${pids[@]}" 2> /dev/null
ktap_check_eq "30 loads and unloads of a probe module while sites fire" 0 "$fail"
# The site must be listed before its lack of probes means anything.
ktap_check "no probe left on the sites" sh -c \
	"grep -q '^mct_shared mct_sites_b ' /sys/kernel/debug/markers/list &&
	 ! grep '^mct_shared mct_sites_b ' /sys/kernel/debug/markers/list | grep -v ' probes=0 '"
rmmod mct_sites_b

# 3. A tracepoint's owner churned under an armed bridge.
insmod "$M/mct_tp_bridge.ko"
echo 1 > "$P/mct_tp_bridge/parameters/reg"
fail=0
for ((i = 0; i < 20; i++)); do
	insmod "$M/mct_tp_owner.ko" || fail=$((fail + 1))
	[ "$(cat $P/mct_tp_owner/parameters/callbacks)" = 1 ] || fail=$((fail + 1))
	echo 1 > "$P/mct_tp_owner/parameters/fire"
	rmmod mct_tp_owner || fail=$((fail + 1))
done
ktap_check_eq "20 loads and unloads of a bridged tracepoint's owner" 0 "$fail"
ktap_check_eq "the bridge saw every hit" 20 "$(cat $P/mct_tp_bridge/parameters/hits)"
echo 0 > "$P/mct_tp_bridge/parameters/reg"
rmmod mct_tp_bridge

# 4. Nothing leaked (kmemleak reports only objects unreferenced twice).
kmemleak_check "kmemleak finds nothing new"

ktap_finished
