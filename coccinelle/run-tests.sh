#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-tests.sh: tests of the trace_mark -> tracepoint conversion.
#
#  1. python unit tests of lib/markerfmt.py;
#  2. tests/X.c through "spatch -D patch -o" compared with tests/X.res, and
#     through "-D report" compared with tests/X.report (sorted);
#     context and org modes must run;
#  3. coccinelle/convert on a copy of tests/convert/input, compared with
#     tests/convert/expected and tests/convert/expected.report, then run
#     again: nothing may change (idempotence);
#  4. convert over a generated corpus of old sites (tests/corpus/):
#     what it converted and reported, against tests/corpus/expected;
#     its time is printed, never judged.
#
# Not here: the differential test, which builds UML kernels (the step
# cocci-differential: scripts/mct.py cocci-differential).
# UPDATE=1 rewrites the expected files from the current output.
#
# Output is KTAP (scripts/lib/ktap.sh, as kselftest's ktap_helpers.sh
# prints it): the plan, one "ok N name" / "not ok N name # reason" line
# per check, diagnostics (diffs, logs) as "# " lines, the "# Totals:"
# line; then the line "N passed, N failed".  Exit status non-zero on any
# failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/env.sh"
. "$here/../scripts/lib/ktap.sh"
cocci=$here/trace_mark_to_tracepoint.cocci
cases=$here/tests
convert_cases=(convert convert_naming convert_define)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MARKERFMT_LIB=$here/lib PYTHONDONTWRITEBYTECODE=1
unset MARKER_COCCI_DB MARKER_COCCI_OUT MARKER_COCCI_NAMING

# expected files carry an SPDX line starting with '#'
expected() { grep -v '^# SPDX-License-Identifier' "$1"; }
spdx() { { echo '# SPDX-License-Identifier: GPL-2.0'; cat "$1"; } > "$2"; }
spatch_ok() { # log: no python trouble
	! grep -qE 'Error in Python script|^EXN|Traceback|exception' "$1"
}

if ! command -v spatch > /dev/null; then
	ktap_plan 1
	ktap_not_ok spatch "spatch not found"
	ktap_finished --summary
fi
# unit tests, 2 per semantic patch case, 2 modes, 4 per convert case, the
# missing directory, coccicheck, the corpus
ncases=$(find "$cases" -maxdepth 1 -name '*.c' | wc -l)
ktap_plan $((1 + 2 * ncases + 2 + 4 * ${#convert_cases[@]} + 3))

# --- 1. unit tests ------------------------------------------------------------
if python3 -m unittest discover -s "$here/lib" -p 'test_*.py' \
	> "$tmp/unit.log" 2>&1; then
	ktap_diag "unit tests: $(grep -E '^Ran ' "$tmp/unit.log")"
	ktap_ok unit_tests
else
	ktap_diag_file "$tmp/unit.log"
	ktap_not_ok unit_tests "python unit tests of lib/markerfmt.py"
fi

# --- 2. semantic patch cases --------------------------------------------------
cd "$here" || exit 1
for c in tests/*.c; do
	t=${c%.c}
	n=$(basename "$t")
	out=$tmp/$n.out.c
	spatch --very-quiet --sp-file "$cocci" -D patch "$c" -o "$out" \
		> "$tmp/$n.patch.log" 2>&1
	rc=$?
	# -o: rc 255 and no file when nothing matched
	if [ ! -f "$out" ] && [ $rc -eq 255 ] &&
		grep -q 'no modified files' "$tmp/$n.patch.log"; then
		cp "$c" "$out"
		rc=0
	fi
	if [ ! -f "$out" ] || [ $rc -ne 0 ] || ! spatch_ok "$tmp/$n.patch.log"; then
		ktap_diag_file "$tmp/$n.patch.log"
		ktap_not_ok "patch_$n" "spatch -D patch rc $rc or a python error"
	else
		[ "${UPDATE:-}" ] && cp "$out" "$t.res"
		if diff -u "$t.res" "$out" > "$tmp/$n.diff"; then
			ktap_ok "patch_$n"
		else
			ktap_diag_file "$tmp/$n.diff"
			ktap_not_ok "patch_$n" "result differs from $t.res"
		fi
	fi

	spatch --very-quiet --sp-file "$cocci" -D report --no-show-diff "$c" \
		> "$tmp/$n.rep.raw" 2> "$tmp/$n.rep.err"
	rc=$?
	sort -t: -k2,2n -k3,3n "$tmp/$n.rep.raw" > "$tmp/$n.rep"
	[ "${UPDATE:-}" ] && spdx "$tmp/$n.rep" "$t.report"
	if [ $rc -eq 0 ] && spatch_ok "$tmp/$n.rep.err" &&
		diff -u <(expected "$t.report") "$tmp/$n.rep" > "$tmp/$n.diff"; then
		ktap_ok "report_$n"
	else
		ktap_diag_file "$tmp/$n.rep.err" "$tmp/$n.diff"
		ktap_not_ok "report_$n" "report differs from $t.report (rc $rc)"
	fi
done

for mode in context org; do
	if spatch --very-quiet --sp-file "$cocci" -D $mode tests/basic.c \
		> "$tmp/$mode.out" 2>&1 && spatch_ok "$tmp/$mode.out" &&
		grep -q 'kvm_exit' "$tmp/$mode.out"; then
		ktap_ok "mode_$mode"
	else
		ktap_diag_file "$tmp/$mode.out"
		ktap_not_ok "mode_$mode" "spatch -D $mode failed or found nothing"
	fi
done

# --- 3. convert ---------------------------------------------------------------
conv_case() { # NAME ARGS...: tests/NAME/{input,expected,expected.report}
	local n=$1 d=$cases/$1
	shift
	rm -rf "${tmp:?}/$n" && mkdir -p "$tmp/$n" && cp -r "$d/input" "$tmp/$n/input"
	(cd "$tmp/$n" && "$here/convert" "$@" input) > "$tmp/$n.report" 2> "$tmp/$n.err"
	local rc=$?
	if [ "${UPDATE:-}" ]; then
		rm -rf "$d/expected" && cp -r "$tmp/$n/input" "$d/expected"
		spdx "$tmp/$n.report" "$d/expected.report"
	fi
	if [ $rc -eq 0 ]; then
		ktap_ok "${n}_rc"
	else
		ktap_diag_file "$tmp/$n.err"
		ktap_not_ok "${n}_rc" "convert exit status $rc"
	fi
	if diff -ru "$d/expected" "$tmp/$n/input" > "$tmp/$n.diff"; then
		ktap_ok "${n}_result"
	else
		ktap_diag_file "$tmp/$n.diff"
		ktap_not_ok "${n}_result" "result differs from $d/expected"
	fi
	if diff -u <(expected "$d/expected.report") "$tmp/$n.report" > "$tmp/$n.diff"; then
		ktap_ok "${n}_report"
	else
		ktap_diag_file "$tmp/$n.diff"
		ktap_not_ok "${n}_report" "report differs from $d/expected.report"
	fi
	# idempotence: same files, same report
	cp -r "$tmp/$n/input" "$tmp/$n/first"
	(cd "$tmp/$n" && "$here/convert" "$@" input) > "$tmp/$n.report2" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && diff -ru "$tmp/$n/first" "$tmp/$n/input" > "$tmp/$n.diff" &&
		diff -u "$tmp/$n.report" "$tmp/$n.report2" > "$tmp/$n.diff"; then
		ktap_ok "${n}_idempotent"
	else
		ktap_diag_file "$tmp/$n.diff"
		ktap_not_ok "${n}_idempotent" "second run changed something (rc $rc)"
	fi
}
conv_case convert --header input/include/net_trace.h --source input/net_trace.c
conv_case convert_naming --header input/spu_trace.h --source input/spu_trace.c \
	--name-fields arg
conv_case convert_define --header input/mm_trace.h --source input/mm_trace.c

# a failing tool must say so
"$here/convert" --header x.h --source x.c /nonexistent > /dev/null 2> "$tmp/nodir.err"
rc=$?
if [ $rc -eq 2 ] && grep -q 'is not a directory' "$tmp/nodir.err"; then
	ktap_ok convert_missing_dir
else
	ktap_not_ok convert_missing_dir "convert on a missing directory: rc $rc, $(cat "$tmp/nodir.err")"
fi

# --- coccicheck ----------------------------------------------------------------
# The tree scripts/checkpatch.sh uses, unpacked if need be.
tree=$("$MARKER_REPO/scripts/prepare-tree.sh" --unpack-only 6.12 2> "$tmp/tree.err")
if [ -f "$tree/scripts/coccicheck" ]; then
	mkdir -p "$tmp/cc-src" "$tmp/cc-obj"
	cp tests/basic.c tests/unnamed.c "$tmp/cc-src/"
	make -s -C "$tree" O="$tmp/cc-obj" coccicheck MODE=report \
		COCCI="$cocci" M="$tmp/cc-src" > "$tmp/cc.out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] &&
		grep -q 'basic.c:5:1-11: WARNING: trace_mark(kvm_exit) can become' "$tmp/cc.out" &&
		grep -q 'unnamed.c:5:1-11: WARNING: trace_mark(spu_switch) left alone' "$tmp/cc.out"; then
		ktap_ok coccicheck_report
	else
		ktap_diag_file "$tmp/cc.out"
		ktap_not_ok coccicheck_report "make coccicheck MODE=report (rc $rc)"
	fi
else
	ktap_skip coccicheck_report "no 6.12 tree: $(tail -1 "$tmp/tree.err")"
fi

# --- 4. corpus ------------------------------------------------------------------
# What convert made of the generated corpus, against tests/corpus/expected:
# the sites it converted (trace_<name>() calls, each name's tracepoint
# declared once), those it left, and why, as its report says, one line
# per reason with its count.  A converter that converts or reports
# nothing differs.  The time is printed, never judged.
corpus_summary() { # DIR REPORT SITES
	local dir=$1
	echo "sites $3"
	echo "converted $(grep -rhoE 'trace_subsys[0-9]+_k[0-9]+_event[0-9]+\(' \
		"$dir" --include='file*.c' | wc -l)"
	echo "left $(grep -rho 'trace_mark(' "$dir" --include='file*.c' | wc -l)"
	if [ -f "$dir/trace.h" ]; then
		echo "tracepoints $(grep -c '^COMPAT_DECLARE_TRACE(' "$dir/trace.h")"
	else
		echo "tracepoints none: no $dir/trace.h"
	fi
	sed 's/^[^:]*:[0-9]*: //' "$2" | LC_ALL=C sort | uniq -c |
		awk '{ n = $1; sub(/^ *[0-9]+ /, ""); print "reported " n " " $0 }'
}
corpus=$tmp/corpus
python3 "$cases/corpus/generate.py" "$corpus"
nsites=$(grep -rho 'trace_mark(' "$corpus" | wc -l)
TIMEFORMAT='%R s elapsed, %U s user, %S s system'
{ time "$here/convert" --header "$corpus/trace.h" --source "$corpus/trace.c" \
	"$corpus" > "$tmp/corpus.report" 2> "$tmp/corpus.err"; } 2> "$tmp/corpus.time"
rc=$?
corpus_summary "$corpus" "$tmp/corpus.report" "$nsites" > "$tmp/corpus.summary" 2>&1
[ "${UPDATE:-}" ] && spdx "$tmp/corpus.summary" "$cases/corpus/expected"
ktap_diag "$(printf 'corpus: %d files, %d sites: %s (load %s)' \
	"$(find "$corpus" -name 'file*.c' | wc -l)" "$nsites" \
	"$(cat "$tmp/corpus.time")" "$(cut -d' ' -f1 /proc/loadavg)")"
if [ $rc -eq 0 ] && diff -u <(expected "$cases/corpus/expected") \
	"$tmp/corpus.summary" > "$tmp/corpus.diff"; then
	ktap_ok corpus
else
	ktap_diag_file "$tmp/corpus.err" "$tmp/corpus.diff"
	ktap_not_ok corpus "convert on the corpus: rc $rc, or what it did differs from tests/corpus/expected"
fi

ktap_finished --summary
