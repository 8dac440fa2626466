#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The registry under concurrent stress on 4 vCPUs for 20 s (mct_stress.ko):
# every CPU fires a plain and a bridged site of mct_stress in a tight loop
# while two threads register and unregister probes at random and make
# calls that must fail (one of them half-way, after a site was armed),
# and this script enables and disables the name's trace event from
# tracefs.  No probe may run while its pair is not registered, every call
# must return what it should, a tap present throughout sees every hit
# exactly, the name's last probe unregistered under fire runs no more,
# and at the end the tracepoint core's probe arrays must be empty.
# Four vCPUs (tests/guest/cpus).
. "$(dirname "$0")/lib/ktap.sh"

P=/sys/module/mct_stress/parameters
E=/sys/kernel/tracing/events/markers/mct_stress

ktap_plan 9

insmod "$MARKER_MODULES/mct_stress.ko"
ktap_check_eq "4 CPUs" 4 "$(nproc)"
(
	end=$((SECONDS + 18))
	while [ $SECONDS -lt $end ]; do
		echo 1 > "$E/enable"
		sleep 0.3
		echo 0 > "$E/enable"
	done
) &
toggler=$!
echo 20 > "$P/run"
wait "$toggler"
echo 0 > "$E/enable"

ktap_check_eq "no probe ran while its pair was not registered" 0 "$(cat $P/violations)"
ktap_check_eq "every call returned what it should" 0 "$(cat $P/errors)"
ktap_check "registrations happened" test "$(cat $P/registrations)" -gt 0
ktap_check "calls made to fail were refused" test "$(cat $P/failures_expected)" -gt 0
ktap_check "probes ran" test "$(cat $P/hits)" -gt 0
ktap_check "the plain and the bridged site fired" test "$(cat $P/fires)" -gt 0
ktap_check_eq "a tap present throughout saw every hit of both sites" \
	"$((2 * $(cat $P/fires)))" "$(cat $P/tap_hits)"
ktap_check_eq "nothing left on the tracepoint core's arrays" 0 "$(cat $P/leftover)"
ktap_diag "registrations $(cat $P/registrations), refused calls $(cat $P/failures_expected), hits $(cat $P/hits), fires $(cat $P/fires)"

rmmod mct_stress
ktap_finished
