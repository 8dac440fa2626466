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
#  4. a timed corpus run of convert over generated old sites (time is
#     printed, never judged).
#
# Not here: differential-test.sh (builds UML kernels; run it separately).
# UPDATE=1 rewrites the expected files from the current output.
# Exit status non-zero on any failure; the last line is "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
cocci=$here/trace_mark_to_tracepoint.cocci
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MARKERFMT_LIB=$here/lib PYTHONDONTWRITEBYTECODE=1
unset MARKER_COCCI_DB MARKER_COCCI_OUT MARKER_COCCI_NAMING

ok() { pass=$((pass + 1)); }
ko() { echo "FAIL: $*"; fail=$((fail + 1)); }
# expected files carry an SPDX line starting with '#'
expected() { grep -v '^# SPDX-License-Identifier' "$1"; }
spdx() { { echo '# SPDX-License-Identifier: GPL-2.0'; cat "$1"; } > "$2"; }
spatch_ok() { # log: no python trouble
	! grep -qE 'Error in Python script|^EXN|Traceback|exception' "$1"
}

if ! command -v spatch > /dev/null; then
	echo "spatch not found"
	echo "0 passed, 1 failed"
	exit 1
fi

# --- 1. unit tests ------------------------------------------------------------
if python3 -m unittest discover -s "$here/lib" -p 'test_*.py' \
	> "$tmp/unit.log" 2>&1; then
	ok
	echo "unit tests: $(grep -E '^Ran ' "$tmp/unit.log")"
else
	cat "$tmp/unit.log"
	ko "python unit tests"
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
	if [ ! -f "$out" ]; then
		# -o: rc 255 and no file when nothing matched
		if [ $rc -eq 255 ] && grep -q 'no modified files' "$tmp/$n.patch.log"; then
			cp "$c" "$out"
		else
			cat "$tmp/$n.patch.log"
			ko "$n: spatch -D patch rc $rc"
			continue
		fi
	elif [ $rc -ne 0 ]; then
		ko "$n: spatch -D patch rc $rc"
	fi
	spatch_ok "$tmp/$n.patch.log" || { cat "$tmp/$n.patch.log"; ko "$n: python error in patch mode"; }
	[ "${UPDATE:-}" ] && cp "$out" "$t.res"
	if diff -u "$t.res" "$out"; then ok; else ko "$n: patch result differs from $t.res"; fi

	spatch --very-quiet --sp-file "$cocci" -D report --no-show-diff "$c" \
		> "$tmp/$n.rep.raw" 2> "$tmp/$n.rep.err"
	rc=$?
	sort -t: -k2,2n -k3,3n "$tmp/$n.rep.raw" > "$tmp/$n.rep"
	[ "${UPDATE:-}" ] && spdx "$tmp/$n.rep" "$t.report"
	if [ $rc -eq 0 ] && spatch_ok "$tmp/$n.rep.err" &&
		diff -u <(expected "$t.report") "$tmp/$n.rep"; then
		ok
	else
		cat "$tmp/$n.rep.err"
		ko "$n: report differs from $t.report (rc $rc)"
	fi
done

for mode in context org; do
	if spatch --very-quiet --sp-file "$cocci" -D $mode tests/basic.c \
		> "$tmp/$mode.out" 2>&1 && spatch_ok "$tmp/$mode.out" &&
		grep -q 'kvm_exit' "$tmp/$mode.out"; then
		ok
	else
		cat "$tmp/$mode.out"
		ko "mode $mode"
	fi
done

# --- 3. convert ---------------------------------------------------------------
conv_case() { # NAME ARGS...: tests/NAME/{input,expected,expected.report}
	local n=$1 d=$here/tests/$1
	shift
	rm -rf "$tmp/$n" && mkdir -p "$tmp/$n" && cp -r "$d/input" "$tmp/$n/input"
	(cd "$tmp/$n" && "$here/convert" "$@" input) > "$tmp/$n.report" 2> "$tmp/$n.err"
	local rc=$?
	if [ "${UPDATE:-}" ]; then
		rm -rf "$d/expected" && cp -r "$tmp/$n/input" "$d/expected"
		spdx "$tmp/$n.report" "$d/expected.report"
	fi
	if [ $rc -eq 0 ]; then ok; else cat "$tmp/$n.err"; ko "convert $n: rc $rc"; fi
	if diff -ru "$d/expected" "$tmp/$n/input"; then ok; else ko "convert $n: result differs from $d/expected"; fi
	if diff -u <(expected "$d/expected.report") "$tmp/$n.report"; then ok; else ko "convert $n: report differs"; fi
	# idempotence
	cp -r "$tmp/$n/input" "$tmp/$n/first"
	(cd "$tmp/$n" && "$here/convert" "$@" input) > "$tmp/$n.report2" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && diff -ru "$tmp/$n/first" "$tmp/$n/input" &&
		diff -u "$tmp/$n.report" "$tmp/$n.report2"; then
		ok
	else
		ko "convert $n: second run changed something (rc $rc)"
	fi
}
conv_case convert --header input/include/net_trace.h --source input/net_trace.c
conv_case convert_naming --header input/spu_trace.h --source input/spu_trace.c \
	--name-fields arg
conv_case convert_define --header input/mm_trace.h --source input/mm_trace.c

# a failing tool must say so
if "$here/convert" --header x.h --source x.c /nonexistent > /dev/null 2>&1; then
	ko "convert on a missing directory exits 0"
else
	ok
fi

# --- coccicheck ----------------------------------------------------------------
tree=${MARKER_CACHE:-$HOME/.cache/marker-compat}/linux-source-6.12
if [ -f "$tree/scripts/coccicheck" ]; then
	mkdir -p "$tmp/cc-src" "$tmp/cc-obj"
	cp tests/basic.c tests/unnamed.c "$tmp/cc-src/"
	make -s -C "$tree" O="$tmp/cc-obj" coccicheck MODE=report \
		COCCI="$cocci" M="$tmp/cc-src" > "$tmp/cc.out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] &&
		grep -q 'basic.c:5:1-11: WARNING: trace_mark(kvm_exit) can become' "$tmp/cc.out" &&
		grep -q 'unnamed.c:5:1-11: WARNING: trace_mark(spu_switch) left alone' "$tmp/cc.out"; then
		ok
	else
		cat "$tmp/cc.out"
		ko "make coccicheck MODE=report (rc $rc)"
	fi
else
	echo "coccicheck: skipped, no kernel tree at $tree"
fi

# --- 4. corpus timing -----------------------------------------------------------
corpus=$tmp/corpus
python3 - "$corpus" <<'PY'
import os, random, sys
random.seed(4)
top = sys.argv[1]
kinds = [
    ('"pid %d comm %s"', ['p->pid', 'p->comm']),
    ('"irq %d ret %d"', ['irq', 'ret']),
    ('"call_site %lu ptr %p bytes_req %zu "\n\t\t   "bytes_alloc %zu gfp_flags %u"',
     ['_RET_IP_', 'ret', 'size', 'ksize(ret)', '(unsigned int) flags']),
    ('"exit_reason %u guest_rip 0x%lx"', ['exit_reason', 'kvm_rip_read(vcpu)']),
    ('MARK_NOARGS', []),
    ('"%d %d"', ['a', 'b']),
    ('"pfn %lu order %d"', ['page_to_pfn(page)', 'order']),
    ('"value %lld"', ['(long long) v++']),
]
nfiles, per = 100, 20
for i in range(nfiles):
    d = os.path.join(top, 'sub%d' % (i % 10))
    os.makedirs(d, exist_ok=True)
    out = ['// SPDX-License-Identifier: GPL-2.0', '#include <linux/kernel.h>', '']
    for j in range(per):
        k = random.randrange(len(kinds))
        fmt, args = kinds[k]
        # names recur across files, always with the same format
        name = 'subsys%d_k%d_event%d' % (i % 7, k, j % 4)
        call = 'trace_mark(%s, %s%s);' % (name, fmt, ''.join(', ' + a for a in args))
        out += ['static void f%d_%d(struct task_struct *p, int irq, int ret, '
                'void *page, int order, long v, int a, int b)' % (i, j), '{',
                '\tif (irq)', '\t\t' + call, '\telse', '\t\tret = 0;',
                '\t' + call, '}', '']
    with open(os.path.join(d, 'file%d.c' % i), 'w') as fd:
        fd.write('\n'.join(out))
PY
nsites=$(grep -r 'trace_mark(' "$corpus" | wc -l)
TIMEFORMAT='%R s elapsed, %U s user, %S s system'
{ time "$here/convert" --header "$corpus/trace.h" --source "$corpus/trace.c" \
	"$corpus" > "$tmp/corpus.report" 2> "$tmp/corpus.err"; } 2> "$tmp/corpus.time"
rc=$?
left=$(grep -r 'trace_mark(' "$corpus" --include='file*.c' | wc -l)
if [ $rc -eq 0 ]; then
	ok
	printf 'corpus: %d files, %d sites, %d converted, %d reported: %s (load %s)\n' \
		"$(find "$corpus" -name 'file*.c' | wc -l)" "$nsites" \
		$((nsites - left)) "$(wc -l < "$tmp/corpus.report")" \
		"$(cat "$tmp/corpus.time")" "$(cut -d' ' -f1 /proc/loadavg)"
else
	cat "$tmp/corpus.err"
	ko "corpus convert rc $rc"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
