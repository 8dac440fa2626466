# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# KTAP output for guest tests, sourced by every tests/guest/*.sh:
#
#   ktap_plan N                    the plan, after the version line
#   ktap_ok NAME                   one passed test
#   ktap_not_ok NAME REASON        one failed test
#   ktap_skip NAME REASON          one skipped test
#   ktap_check NAME CMD...         ok if CMD succeeds
#   ktap_check_msg NAME REASON CMD...  the same, with the reason to give
#   ktap_check_eq NAME WANT GOT    ok if the strings are equal
#   ktap_diag TEXT...              a diagnostic line ("# TEXT")
#   ktap_finished                  exit: 0 if every test passed and the
#                                  plan was kept, 1 otherwise
#
# Test names must not contain '#': it starts a directive in KTAP.

KTAP_COUNT=0
KTAP_FAILED=0
KTAP_PLANNED=

ktap_plan() {
	KTAP_PLANNED=$1
	echo "KTAP version 1"
	echo "1..$1"
}

ktap_diag() {
	echo "# $*"
}

ktap_ok() {
	KTAP_COUNT=$((KTAP_COUNT + 1))
	echo "ok $KTAP_COUNT $1"
}

ktap_not_ok() {
	KTAP_COUNT=$((KTAP_COUNT + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	echo "not ok $KTAP_COUNT $1 # $(echo "$2" | tr '\n' ' ')"
}

ktap_skip() {
	KTAP_COUNT=$((KTAP_COUNT + 1))
	echo "ok $KTAP_COUNT $1 # SKIP $2"
}

ktap_check() {
	local name=$1

	shift
	if "$@"; then
		ktap_ok "$name"
	else
		ktap_not_ok "$name" "failed: $*"
	fi
}

ktap_check_msg() {
	local name=$1 reason=$2

	shift 2
	if "$@"; then
		ktap_ok "$name"
	else
		ktap_not_ok "$name" "$reason"
	fi
}

ktap_check_eq() {
	if [ "$2" = "$3" ]; then
		ktap_ok "$1"
	else
		ktap_not_ok "$1" "want [$2] got [$3]"
	fi
}

ktap_finished() {
	if [ -n "$KTAP_PLANNED" ] && [ "$KTAP_COUNT" -ne "$KTAP_PLANNED" ]; then
		echo "# planned $KTAP_PLANNED tests, ran $KTAP_COUNT"
		exit 1
	fi
	[ "$KTAP_FAILED" -eq 0 ]
	exit
}
