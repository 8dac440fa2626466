#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# x86-modular.sh [VERSION]: the shim dropped into a kernel tree and built
# as modules (CONFIG_MARKER_COMPAT=m, the example and the KUnit suites =m),
# on x86_64 under QEMU TCG.  The guest loads the core, the example and the
# suites module, whose KUnit suites run as it loads, then unloads them all,
# the core last.  kunit.py parses the suites' KTAP from the console.
#
# Fails on a failed case or step, a missing result, or any WARNING, BUG or
# Oops on the console.  Last line: "N passed, N failed".
set -uo pipefail
[ $# -eq 0 ] || export MARKER_X86_KVER=$1
export MARKER_X86_FLAVOUR=modular
. "$(dirname "$0")/x86-lib.sh"

logdir=$MARKER_CACHE/logs
mkdir -p "$logdir"
console=$logdir/x86-modular-$X86_KVER-console.log
passed=0
failed=0

result() {
	if [ "$1" = ok ]; then
		echo "x86-modular: ok: $2"
		passed=$((passed + 1))
	else
		echo "x86-modular: FAIL: $2"
		failed=$((failed + 1))
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

x86_ready "x86-modular"
mods=$X86_BUILD/drivers/marker-compat
for ko in marker_compat marker_compat_virt marker_compat_kunit; do
	if [ ! -f "$mods/$ko.ko" ]; then
		result FAIL "in-tree module $ko.ko was not built"
		finish
	fi
done
result ok "in-tree build made marker_compat.ko, marker_compat_virt.ko, marker_compat_kunit.ko"

initrd=$X86_BUILD-initramfs.cpio.gz
x86_initramfs "$initrd" "$MARKER_REPO/scripts/x86-init-modular.sh" \
	"$mods/marker_compat.ko" "$mods/marker_compat_virt.ko" \
	"$mods/marker_compat_kunit.ko" || { result FAIL "initramfs"; finish; }

# The suites of a module run as it loads; let them all through the filter.
x86_boot "$initrd" "$console" "kunit.filter_glob=*"

while read -r _ status name; do
	result "$status" "guest step $name"
done < <(grep '^MOD-RESULT ' "$console")
grep -q '^MOD-END' "$console" || result FAIL "the guest ran to the end"

# The module's KTAP: what the console shows while the suites module loads
# (the built-in run before it printed an empty plan of its own).
ktap=$logdir/x86-modular-$X86_KVER-ktap.log
sed -n '/^MOD-RESULT .* load_example$/,/^MOD-RESULT .* load_suites$/p' \
	"$console" > "$ktap"
summary=$(cd "$X86_TREE" && python3 tools/testing/kunit/kunit.py parse \
	< "$ktap" 2>&1 | grep 'Testing complete' || true)
echo "x86-modular: kunit.py parse: ${summary:-no KTAP found}"
p=$(grep -oE 'passed: [0-9]+' <<< "$summary" | grep -oE '[0-9]+' || echo 0)
f=0
for n in $(grep -oE '(failed|crashed|errors): [0-9]+' <<< "$summary" |
	   grep -oE '[0-9]+'); do
	f=$((f + n))
done
passed=$((passed + p))
failed=$((failed + f))
[ "$p" -gt 0 ] || result FAIL "the suites module ran KUnit cases"

if x86_log_clean "$console"; then
	result ok "console has no WARNING/BUG/Oops"
else
	result FAIL "console has a WARNING/BUG/Oops (see $console)"
fi
finish
