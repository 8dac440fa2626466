#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit-x86.sh: the shim on a real x86_64 kernel (QEMU TCG), where jump
# labels and static calls are live.
#
#  1. kunit.py run --arch=x86_64: the KUnit suites, built in (the kernel
#     also gets CONFIG_JUMP_LABEL, modules, the guest's options and the
#     samples as in-tree modules).
#  2. Disassembly: the disabled path of a marker site is the jump label's
#     NOP, keyed on the site's embedded tracepoint, without the arguments.
#
# The loadable-module scenarios run in the guest tests
# (tests/guest/module-scenarios.sh, scripts/x86-guest.sh), on the same
# kernel build.
#
# Any failed check, and any WARNING/BUG/Oops on the console, fails the run.
# Last line: "N passed, N failed".  Logs: $MARKER_CACHE/logs/x86-*.
# Usage: kunit-x86.sh [VERSION] (default $MARKER_X86_KVER, else 6.1).
set -uo pipefail
[ $# -eq 0 ] || export MARKER_X86_KVER=$1
. "$(dirname "$0")/x86-lib.sh"

logdir=$MARKER_CACHE/logs
mkdir -p "$logdir"
passed=0
failed=0

result() {
	if [ "$1" = ok ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	echo "kunit-x86: $1: $2"
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

x86_tree || { result FAIL "prepare-tree $X86_KVER"; finish; }
t0=$SECONDS

# 1. KUnit suites, built in.
kunit_log=$logdir/x86-kunit.log
x86_say "kunit.py run --arch=x86_64 ($X86_KVER, $X86_BUILD)"
x86_stamp_begin
x86_kunit run --timeout=600 > "$kunit_log" 2>&1
kunit_rc=$?
grep -E '^\[[0-9:]+\] (=|\[|Testing|Ran|Elapsed)' "$kunit_log" | tail -n 40
summary=$(grep -E 'Testing complete\. Ran [0-9]+ tests' "$kunit_log" | tail -n 1)
echo "kunit-x86: kunit.py exited $kunit_rc after $((SECONDS - t0)) s: ${summary:-no summary}"
if [ -n "$summary" ]; then
	x86_stamp_end
	p=$(grep -oE 'passed: [0-9]+' <<< "$summary" | grep -oE '[0-9]+' || echo 0)
	f=0
	for k in failed crashed errors; do
		n=$(grep -oE "$k: [0-9]+" <<< "$summary" | grep -oE '[0-9]+' || true)
		f=$((f + ${n:-0}))
	done
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$kunit_rc" -eq 0 ] || [ "$f" -gt 0 ] ||
		result FAIL "kunit.py exited $kunit_rc (see $kunit_log)"
else
	# No kernel to trust: do not boot a stale bzImage.
	tail -n 30 "$kunit_log"
	result FAIL "kunit.py run: no results (see $kunit_log)"
	finish
fi
if [ -f "$X86_BUILD/test.log" ]; then
	if x86_log_clean "$X86_BUILD/test.log" > "$logdir/x86-kunit-warnings.txt"; then
		result ok "KUnit boot console has no WARNING/BUG/Oops"
	else
		cat "$logdir/x86-kunit-warnings.txt"
		result FAIL "KUnit boot console has a WARNING/BUG/Oops ($X86_BUILD/test.log)"
	fi
fi
[ -f "$X86_BZIMAGE" ] || { result FAIL "no $X86_BZIMAGE"; finish; }

# 2 needs a loadable module's object.
if ! x86_ext_build tests/modules > "$logdir/x86-modules-build.log" 2>&1; then
	cat "$logdir/x86-modules-build.log"
	result FAIL "building tests/modules"
	finish
fi
mods=$X86_EXT/tests/modules

# 2. Disassembly of a disabled site.
if "$MARKER_REPO/scripts/x86-disasm.sh" "$mods/mct_sites_a.o" \
		mct_fire_shared mct_shared > "$logdir/x86-disasm.log" 2>&1; then
	result ok "disabled site is a jump label NOP without argument work"
else
	result FAIL "disassembly check (see $logdir/x86-disasm.log)"
fi
cat "$logdir/x86-disasm.log"

echo "kunit-x86: total $((SECONDS - t0)) s"
finish
