#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Loads the modules the tests after it need, before them: init.sh runs it
# first when the kernel command line has marker_preload (mct.py modular:
# the modular core and the example, which the kernel has built in
# elsewhere).  One result per module of $MARKER_PRELOAD, in order, from
# $MARKER_MODULES: a module missing or refused fails, never skips.
. "$(dirname "$0")/ktap.sh"

IFS=, read -r -a mods <<< "$MARKER_PRELOAD"
ktap_plan "${#mods[@]}"
for m in "${mods[@]}"; do
	if [ ! -f "$MARKER_MODULES/$m.ko" ]; then
		ktap_not_ok "insmod $m" "no $MARKER_MODULES/$m.ko"
	elif out=$(insmod "$MARKER_MODULES/$m.ko" 2>&1); then
		ktap_ok "insmod $m"
	else
		ktap_not_ok "insmod $m" "$out"
	fi
done
ktap_finished
