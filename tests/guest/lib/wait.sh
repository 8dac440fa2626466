# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Waiting in guest tests, sourced by those that need it:
#
#   wait_for CMD...    run CMD every 0.2 s until it succeeds, for at most
#                      10 s; succeed if it did
#
# For what the kernel finishes asynchronously, such as a marker event's
# removal, which runs from a work item once its last user is gone.

wait_for() {
	local _

	for _ in $(seq 50); do
		"$@" && return 0
		sleep 0.2
	done
	return 1
}
