# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The workload of marker-example.ko, sourced by the tests that drive it:
#
#   read_example N     read /proc/marker-example N times: each read fires
#                      subsystem_event once (the read's number and the
#                      reader's comm) and subsystem_eventb ten times

read_example() {
	local i

	for ((i = 0; i < $1; i++)); do
		cat /proc/marker-example > /dev/null
	done
}
