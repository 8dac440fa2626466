#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-doc.sh: every kernel-doc comment of the project's kernel code
# (public headers, core, tracepoints, tests, samples) is well formed and
# complete: scripts/kernel-doc -none -Wall from the 6.12 tree reports
# nothing.  W=1 builds check only the .c files they compile; this also
# covers the headers, where the API is documented.
set -euo pipefail
. "$(dirname "$0")/env.sh"

tree=$("$MARKER_REPO/scripts/prepare-tree.sh" --unpack-only 6.12)
cd "$MARKER_REPO"
# Every pattern must match: one that matches nothing is a directory moved
# or emptied, whose comments would silently go unchecked.
list=$(ls include/compat/*.h tracepoints/include/virt/*.h \
	markers/*.[ch] tracepoints/*.c kunit/*.[ch] tests/modules/*.[ch] \
	samples/*.c tools/bench/*.c) ||
	{ echo "kernel-doc: FAILED: a source pattern matches nothing" >&2; exit 1; }
mapfile -t files <<< "$list"
out=$("$tree/scripts/kernel-doc" -none -Wall "${files[@]}" 2>&1 || true)
if [ -n "$out" ]; then
	printf '%s\n' "$out"
	echo "kernel-doc: FAILED: $(printf '%s\n' "$out" | wc -l) findings in ${#files[@]} files" >&2
	exit 1
fi
echo "kernel-doc: OK (${#files[@]} files)"
