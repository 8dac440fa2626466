# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# KTAP output for the project's shell tests: the guest tests (through
# tests/guest/lib/ktap.sh), scripts/compile-fail.sh and the converter's
# coccinelle/run-tests.sh.  Sourced, in bash.
# The library numbers the tests and keeps the counts; its output is read
# by the kernel's kunit_parser (scripts/mct/results.py parse_ktap), and
# ends as kselftest's ktap_helpers.sh ends, with a "# Totals:" line.
#
#   ktap_plan N                    the version line and the plan "1..N"
#   ktap_ok NAME                   one passed test
#   ktap_not_ok NAME REASON        one failed test (REASON on one line)
#   ktap_skip NAME REASON          one skipped test
#   ktap_check NAME CMD...         ok if CMD succeeds
#   ktap_check_msg NAME REASON CMD...  the same, with the reason to give
#   ktap_check_eq NAME WANT GOT    ok if the strings are equal
#   ktap_diag TEXT...              a diagnostic line ("# TEXT")
#   ktap_diag_file [FILE...]       each line of FILEs (or of stdin) as one
#   ktap_finished [--summary]      the totals, then exit: 0 if every test
#                                  passed or was skipped and the plan was
#                                  kept, 1 otherwise; with --summary, the
#                                  line "N passed, N failed" last, as every
#                                  step of scripts/mct.py ends
#
# The plan stays the caller's: it must precede the first result, and
# these tests print as they go (a plan after the results is a stray
# line to 6.1's kunit_parser, a failure to 7.3's, and sends 6.12's into
# an endless loop).  The library counts what ran and fails a test that
# did not keep its plan.
#
# Test names must not contain '#': it starts a directive in KTAP.

KTAP_NUM=0
KTAP_PASS=0
KTAP_FAIL=0
KTAP_SKIP=0
KTAP_PLANNED=

ktap_plan() {
	KTAP_PLANNED=$1
	echo "KTAP version 1"
	echo "1..$1"
}

ktap_diag() {
	echo "# $*"
}

ktap_diag_file() {
	sed 's/^/# /' "$@"
}

# _ktap_result STATUS NAME [DIRECTIVE]: the next test's result line.
_ktap_result() {
	KTAP_NUM=$((KTAP_NUM + 1))
	echo "$1 $KTAP_NUM $2${3:+ # $3}"
}

ktap_ok() {
	KTAP_PASS=$((KTAP_PASS + 1))
	_ktap_result ok "$1"
}

ktap_not_ok() {
	# A reason over several lines would end the result line early.
	local reason=${2-}

	KTAP_FAIL=$((KTAP_FAIL + 1))
	_ktap_result "not ok" "$1" "${reason//$'\n'/ }"
}

ktap_skip() {
	KTAP_SKIP=$((KTAP_SKIP + 1))
	_ktap_result ok "$1" "SKIP ${2-}"
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

ktap_print_totals() {
	echo "# Totals: pass:$KTAP_PASS fail:$KTAP_FAIL xfail:0 xpass:0 skip:$KTAP_SKIP error:0"
}

ktap_finished() {
	local status=0

	if [ -n "$KTAP_PLANNED" ] && [ "$KTAP_NUM" -ne "$KTAP_PLANNED" ]; then
		echo "# planned $KTAP_PLANNED tests, ran $KTAP_NUM"
		status=1
	fi
	[ "$KTAP_FAIL" -eq 0 ] || status=1
	ktap_print_totals
	[ "${1-}" != --summary ] || echo "$KTAP_PASS passed, $KTAP_FAIL failed"
	exit "$status"
}
