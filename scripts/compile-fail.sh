#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# compile-fail.sh: negative compile tests.  Each tests/compile-fail/*.c is
# built alone as an external module against Debian's installed headers,
# with -Werror as a W=1/-Werror build has it.  A file carrying
# "expect: REGEX" must fail to build with a compiler message matching
# REGEX; a file carrying "expect-success" must build.  A file carrying
# "legacy-include-only" is built with no include directory of the shim's
# but include/legacy, as a 2.6.2x source with one -I added.  The control
# case keeps a broken harness from passing the negative ones.  Output is KTAP
# (scripts/lib/ktap.sh: one "ok N name" / "not ok N name # reason" per
# file, the compiler's words as "# " lines, the totals), then "N passed,
# N failed".
set -euo pipefail
. "$(dirname "$0")/env.sh"
. "$(dirname "$0")/lib/ktap.sh"

kdir=${KDIR:-$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)}
[ -d "$kdir" ] || { echo "no kernel headers found (apt-get install linux-headers-amd64)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
srcs=("$MARKER_REPO"/tests/compile-fail/*.c)

ktap_plan "${#srcs[@]}"
for src in "${srcs[@]}"; do
	name=$(basename "$src" .c)
	dir=$work/$name
	mkdir -p "$dir"
	cp "$src" "$dir/"
	if grep -q 'legacy-include-only' "$src"; then
		cat > "$dir/Kbuild" <<KBUILD
obj-m := $name.o
ccflags-y += -I$MARKER_REPO/include/legacy -Werror
KBUILD
	else
		# The repository's include directories, and the example
		# subsystem's: the cases use its tracepoints as a client uses
		# a subsystem's.
		cat > "$dir/Kbuild" <<KBUILD
include $MARKER_REPO/scripts/Kbuild.paths
obj-m := $name.o
ccflags-y += \$(marker_compat_example_cflags) -Werror
KBUILD
	fi
	set +e
	# Only the compile is under test: build the object, not the module.
	LANG=C LC_CTYPE=C LC_MESSAGES=C make -C "$kdir" M="$dir" "$name.o" \
		> "$dir/log" 2>&1
	rc=$?
	set -e
	if grep -q 'expect-success' "$src"; then
		if [ $rc -eq 0 ]; then
			ktap_ok "$name"
		else
			ktap_not_ok "$name" "should build, did not"
			head -n 20 "$dir/log" | ktap_diag_file
		fi
		continue
	fi
	expect=$(sed -n 's/^ \* expect: //p' "$src")
	# An empty REGEX would match any refusal.
	if [ -z "$expect" ]; then
		ktap_not_ok "$name" "no 'expect: REGEX' line and no expect-success"
		continue
	fi
	if [ $rc -eq 0 ]; then
		ktap_not_ok "$name" "compiled, but must not"
	elif grep -Eq -- "$expect" "$dir/log"; then
		ktap_diag "refused with: $(grep -Eo -- "$expect" "$dir/log" | head -n 1)"
		ktap_ok "$name"
	else
		ktap_not_ok "$name" "refused, but not with /$expect/"
		grep -E 'error|warning' "$dir/log" | head -n 10 | ktap_diag_file
	fi
done

ktap_finished --summary
