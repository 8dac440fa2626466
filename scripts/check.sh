#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh [STEP...]: run every check of the project, in order, each as a
# named step, then print a summary table and a last line
# "N passed, N failed".  Exits non-zero if any step failed.  With STEP
# arguments, only those steps run.
#
# Steps: checkpatch, kernel-doc, oot-build (sparse, W=1), kunit-uml-6.1,
# kunit-uml-6.12,
# compile-fail (negative compile tests), kunit-x86-6.1, kunit-x86-6.12
# (QEMU: jump labels, modules), guest-6.1, guest-6.12 (tests/guest/*.sh in
# a guest that runs the machine's own userspace), x86-modular-6.12 (the shim built in tree
# as modules, its KUnit suites run by loading them), coccinelle (semantic patch, parser and
# converter tests), cocci-differential (a legacy subsystem's suite before
# and after conversion, on both kernels).  A "hook" step, if any is added,
# is skipped when its script is absent.
#
# Counting: a step that runs test cases counts its cases, otherwise it
# counts as one.  A step's cases are taken from
#  - its last line of the exact form "N passed, N failed", if it prints
#    one (the protocol for step scripts that run several tests), else
#  - kunit.py's "Testing complete. Ran N tests: passed: N, ..." lines,
#    summed (crashed cases and parser errors count as failed; skipped
#    cases are shown in the table but counted as neither), else
#  - the exit status, 1 passed or 1 failed, if no case was reported.
# A step that exits non-zero without any failed case (a build error, a
# timeout) adds one failure, so a failed step is never hidden.
#
# Logs: $MARKER_CACHE/logs/check-STEP.log.  MARKER_STEP_TIMEOUT (seconds,
# default 4800) bounds each step: it catches a hung step, and must leave
# room for a debug kernel built from nothing on a slow machine.
set -euo pipefail
. "$(dirname "$0")/env.sh"

cd "$MARKER_REPO"
logdir=$MARKER_CACHE/logs
mkdir -p "$logdir"
step_timeout=${MARKER_STEP_TIMEOUT:-4800}

# name|script|arguments; "hook" steps are skipped if their script is absent.
steps=(
	"checkpatch|scripts/checkpatch.sh|"
	"kernel-doc|scripts/kernel-doc.sh|"
	"oot-build|scripts/oot-build.sh|"
)
for ver in $MARKER_KVERS; do
	steps+=("kunit-uml-$ver|scripts/kunit-uml.sh|$ver")
done
steps+=("compile-fail|scripts/compile-fail.sh|")
for ver in $MARKER_KVERS; do
	steps+=("kunit-x86-$ver|scripts/kunit-x86.sh|$ver")
done
for ver in $MARKER_KVERS; do
	steps+=("guest-$ver|scripts/x86-guest.sh|$ver")
done
steps+=(
	"x86-modular-6.12|scripts/x86-modular.sh|6.12"
	"coccinelle|coccinelle/run-tests.sh|"
	"cocci-differential|coccinelle/differential-test.sh|"
)

want=("$@")
wanted()
{
	local w
	[ ${#want[@]} -eq 0 ] && return 0
	for w in "${want[@]}"; do
		[ "$w" = "$1" ] && return 0
	done
	return 1
}

fmt_time()
{
	printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}

# count_cases LOG STATUS: print "passed failed skipped" for a step's log.
count_cases()
{
	local log=$1 rc=$2 line p=0 f=0 s=0
	local clean
	clean=$(sed -e 's/\x1b\[[0-9;]*m//g' "$log")
	line=$(printf '%s\n' "$clean" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1 || true)
	if [ -n "$line" ]; then
		p=${line%% passed*}
		f=${line#*, }
		f=${f%% failed}
	elif printf '%s\n' "$clean" | grep -q 'Testing complete\. Ran [0-9]* tests'; then
		read -r p f s < <(printf '%s\n' "$clean" |
			grep -o 'Testing complete\. Ran [0-9]* tests:.*' |
			awk '{
				for (i = 1; i <= NF; i++) {
					k = $i; v = $(i + 1); sub(/,$/, "", v)
					if (k == "passed:") P += v
					else if (k == "failed:" || k == "crashed:" || k == "errors:") F += v
					else if (k == "skipped:") S += v
				}
			} END { print P + 0, F + 0, S + 0 }')
	fi
	if [ $((p + f)) -eq 0 ]; then
		# No test case ran (or none was reported): the step is one.
		if [ "$rc" -eq 0 ]; then p=1; else f=1; fi
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	echo "$p $f $s"
}

echo "check: repository $MARKER_REPO"
echo "check: cache      $MARKER_CACHE"
echo "check: $(nproc) CPUs, kernels: $MARKER_KVERS, started $(date -u '+%F %T') UTC"

rows=()
total_p=0
total_f=0
any_failed=0
t_all=$SECONDS

for s in "${steps[@]}"; do
	IFS='|' read -r name script args <<<"$s"
	wanted "$name" || continue
	if [ "$args" = hook ]; then
		args=
		if [ ! -e "$script" ]; then
			rows+=("$name|skipped|-|-|-|-|$script not present")
			echo "check: $name: skipped ($script not present)"
			continue
		fi
		if [ ! -x "$script" ]; then
			rows+=("$name|skipped|-|-|-|-|$script not executable")
			echo "check: $name: skipped ($script not executable)"
			continue
		fi
	fi

	log=$logdir/check-$name.log
	echo
	echo "==================== $name: $script $args ===================="
	t0=$SECONDS
	rc=0
	# shellcheck disable=SC2086 # $args is a word list on purpose
	timeout -k 60 "$step_timeout" "$script" $args </dev/null 2>&1 |
		tee "$log" || rc=$?
	dt=$((SECONDS - t0))

	read -r p f sk < <(count_cases "$log" "$rc")
	if [ "$rc" -eq 0 ] && [ "$f" -eq 0 ]; then
		result=PASS
	elif [ "$rc" -eq 124 ]; then
		result=TIMEOUT
	else
		result=FAIL
	fi
	[ "$result" = PASS ] || any_failed=1
	total_p=$((total_p + p))
	total_f=$((total_f + f))
	rows+=("$name|$result|$p|$f|$sk|$(fmt_time "$dt")|$log")
	echo "==================== $name: $result in $(fmt_time "$dt") (status $rc) ===================="
done

summary=$logdir/check-summary.txt
{
	echo
	echo "Summary (test cases for steps that run them, else 1 per step):"
	printf '%-16s %-8s %7s %7s %8s %8s  %s\n' STEP RESULT PASSED FAILED SKIPPED TIME LOG
	for r in "${rows[@]}"; do
		IFS='|' read -r name result p f sk t log <<<"$r"
		printf '%-16s %-8s %7s %7s %8s %8s  %s\n' "$name" "$result" "$p" "$f" "$sk" "$t" "$log"
	done
	echo "total wall time $(fmt_time $((SECONDS - t_all)))"
	echo "$total_p passed, $total_f failed"
} | tee "$summary"

exit "$any_failed"
