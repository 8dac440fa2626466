#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# compile-fail.sh: negative compile tests.  Each tests/compile-fail/*.c is
# built alone as an external module against Debian's installed headers,
# with -Werror as a W=1/-Werror build has it.  A file carrying
# "expect: REGEX" must fail to build with a compiler message matching
# REGEX; a file carrying "expect-success" must build.  The control case
# keeps a broken harness from passing the negative ones.
set -euo pipefail
. "$(dirname "$0")/env.sh"

kdir=${KDIR:-$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)}
[ -d "$kdir" ] || { echo "no kernel headers found (apt-get install linux-headers-amd64)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

for src in "$MARKER_REPO"/tests/compile-fail/*.c; do
	name=$(basename "$src" .c)
	dir=$work/$name
	mkdir -p "$dir"
	cp "$src" "$dir/"
	cat > "$dir/Kbuild" <<KBUILD
obj-m := $name.o
ccflags-y := -I$MARKER_REPO/include -Werror
KBUILD
	set +e
	# Only the compile is under test: build the object, not the module.
	LANG=C LC_CTYPE=C LC_MESSAGES=C make -C "$kdir" M="$dir" "$name.o" \
		> "$dir/log" 2>&1
	rc=$?
	set -e
	if grep -q 'expect-success' "$src"; then
		if [ $rc -eq 0 ]; then
			echo "ok   $name: builds"
			pass=$((pass + 1))
		else
			echo "FAIL $name: should build, did not:"
			sed 's/^/     /' "$dir/log" | head -n 20
			fail=$((fail + 1))
		fi
		continue
	fi
	expect=$(sed -n 's/^ \* expect: //p' "$src")
	if [ $rc -eq 0 ]; then
		echo "FAIL $name: compiled, but must not"
		fail=$((fail + 1))
	elif grep -Eq -- "$expect" "$dir/log"; then
		echo "ok   $name: refused with: $(grep -Eo -- "$expect" "$dir/log" | head -n 1)"
		pass=$((pass + 1))
	else
		echo "FAIL $name: refused, but not with /$expect/:"
		grep -E 'error|warning' "$dir/log" | sed 's/^/     /' | head -n 10
		fail=$((fail + 1))
	fi
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
