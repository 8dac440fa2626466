# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# kmemleak checks for guest tests (the debug kernel has kmemleak), after
# lib/ktap.sh:
#
#   kmemleak_clear            forget what was found before this test
#   kmemleak_check NAME       one test: ok if a scan finds nothing new,
#                             the first reports as diagnostics; not ok
#                             without kmemleak (the test kernel has it)

KMEMLEAK=/sys/kernel/debug/kmemleak

kmemleak_clear() {
	[ -e "$KMEMLEAK" ] && echo clear > "$KMEMLEAK"
}

# An object is reported only once it was unreferenced in two scans.
kmemleak_check() {
	local leaks

	if [ ! -e "$KMEMLEAK" ]; then
		ktap_not_ok "$1" "no $KMEMLEAK: the test kernel has CONFIG_DEBUG_KMEMLEAK"
		return
	fi
	echo scan > "$KMEMLEAK"
	echo scan > "$KMEMLEAK"
	leaks=$(grep -c '^unreferenced object' "$KMEMLEAK")
	ktap_check_eq "$1" 0 "$leaks"
	[ "$leaks" = 0 ] || head -n 40 "$KMEMLEAK" | sed 's/^/# /'
}
