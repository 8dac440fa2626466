#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.sh: run the 6.12 tree's checkpatch.pl --strict over every C
# source and header of the project (tracked files plus untracked files
# that are not ignored).  Fails on any ERROR, WARNING or CHECK.
#
# Not checked, because findings there are intended, not defects:
#  - coccinelle/tests/: inputs and expected outputs of the semantic
#    patches, deliberately written as old-style (2.6.2x) code;
#  - coccinelle/sample/legacy_subsys.c: the legacy subsystem the
#    differential test converts, instrumented the way 2.6.2x code was
#    (e.g. format strings split across lines); the rest of
#    coccinelle/sample/ is checked;
#  - tests/compile-fail/: code written to be rejected by the compiler
#    (e.g. a marker name longer than the limit, on one line).
set -euo pipefail
. "$(dirname "$0")/env.sh"

tree=$("$MARKER_REPO/scripts/prepare-tree.sh" --unpack-only 6.12)
checkpatch=$tree/scripts/checkpatch.pl
[ -x "$checkpatch" ] || { echo "checkpatch: $checkpatch not found" >&2; exit 1; }

cd "$MARKER_REPO"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	list=$(git ls-files --cached --others --exclude-standard -- '*.c' '*.h')
else
	# Not a git checkout (an exported tarball): every C file but build
	# products.
	list=$(find . -name .git -prune -o -type f \( -name '*.c' -o -name '*.h' \) \
		! -name '*.mod.c' -print | sed 's|^\./||')
fi

files=()
while IFS= read -r f; do
	[ -n "$f" ] || continue
	case $f in
	coccinelle/tests/* | coccinelle/sample/legacy_subsys.c) continue ;;
	tests/compile-fail/*) continue ;;
	esac
	# Tracked but deleted in the working tree.
	[ -f "$f" ] || continue
	files+=("$f")
done < <(printf '%s\n' "$list" | sort -u)

# The project has C files: finding none is a broken listing, not a pass.
if [ ${#files[@]} -eq 0 ]; then
	echo "checkpatch: FAILED: no C files found to check" >&2
	exit 1
fi

# Waivers: one file, the checkpatch types it may break, and why.  Each is
# checked with only those types ignored; everything else still counts.
# (Commas separate checkpatch types inside one value, not elements.)
# shellcheck disable=SC2054
declare -A waive=(
	# The marker macros reuse identifiers (name, tp_name, tp_cb) and the
	# format string literal, as the historic API's did; by contract none
	# of these arguments can have side effects.
	[include/compat/marker.h]=MACRO_ARG_REUSE
	# __mark_nargs_() counts a site's arguments by the position of its
	# result, as the kernel's COUNT_ARGS() does: the positions before it
	# are unused by design.
	[include/compat/marker_slots.h]=MACRO_ARG_UNUSED
	# A site's arguments given by a macro ("a, b"): the case under test.
	[kunit/marker_slots_kunit.c]=COMPLEX_MACRO
	# An X-macro table expanding to file-scope definitions (a hundred
	# tracepoints and their callbacks); checkpatch's rules for
	# statement-like macros do not apply to it.
	[kunit/marker_bridge_bulk.c]=COMPLEX_MACRO,MULTISTATEMENT_MACRO_USE_DO_WHILE,TRAILING_SEMICOLON,MACRO_ARG_REUSE
	# File-scope definitions, as the kernel's DEFINE_TRACE() and
	# include/trace/bpf_probe.h write them: a tracepoint's name, prototype
	# and arguments are used several times by design, the argument casts
	# are comma lists, and the stub without BPF events uses none of them.
	[include/compat/tracepoint.h]=MULTISTATEMENT_MACRO_USE_DO_WHILE,MACRO_ARG_REUSE
	[include/compat/tracepoint_bpf.h]=COMPLEX_MACRO,MACRO_ARG_REUSE,MACRO_ARG_UNUSED
	# The benchmark compares marker events with trace_printk(): it must
	# call it.  It is a tool, never built into a kernel.
	[tools/bench/event_bench.c]=TRACE_PRINTK
	# TRACE_EVENT() laid out as include/trace/events/*.h lay it out.
	[tools/bench/event_bench_trace.h]=OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT
	# BENCH_DEFINE_LOOPS() defines functions at file scope: its type and
	# loop arguments are names used once per copy, and checkpatch reads
	# "fn_type *fn" inside a macro as a multiplication.
	[tools/bench/placements.h]=MACRO_ARG_REUSE,MACRO_ARG_PRECEDENCE,SPACING
)

run_checkpatch() {
	"$checkpatch" --strict --no-tree --quiet --no-summary --color=never \
		--show-types "$@" 2>&1 || true
}

plain=()
out=""
for f in "${files[@]}"; do
	if [ -n "${waive[$f]:-}" ]; then
		out+=$(run_checkpatch --ignore "${waive[$f]}" -f "$f")$'\n'
	else
		plain+=("$f")
	fi
done
echo "checkpatch: ${#files[@]} files, $checkpatch --strict --no-tree"
if [ ${#plain[@]} -ne 0 ]; then
	out+=$(run_checkpatch -f "${plain[@]}")$'\n'
fi
out=$(printf '%s' "$out" | sed '/^$/d')
[ -z "$out" ] || printf '%s\n' "$out"

n=$(printf '%s\n' "$out" | grep -cE '^(ERROR|WARNING|CHECK):' || true)
# With --quiet --no-summary a clean file prints nothing: output without a
# finding is checkpatch itself failing (a missing data file, a Perl error).
if [ "$n" -eq 0 ] && [ -n "$out" ]; then
	echo "checkpatch: FAILED: output that is not a finding (above)" >&2
	exit 1
fi
if [ "$n" -ne 0 ]; then
	echo "checkpatch: FAILED: $n findings:" >&2
	printf '%s\n' "$out" | grep -E '^(ERROR|WARNING|CHECK):' |
		sed -E 's/^([A-Z]+):([A-Z_]+):.*/\1 \2/' | sort | uniq -c | sort -rn >&2
	exit 1
fi
echo "checkpatch: OK (${#files[@]} files clean)"
