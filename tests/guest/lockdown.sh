#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Under lockdown=integrity (this test's boot: tests/guest/cmdline), as on
# a Secure Boot machine: debugfs refuses its files to a writer, so the
# control file is refused there and taken in procfs (/proc/markers/control,
# markers/control.c); debugfs's read-only files, tracefs and the markers:*
# events work.  The built-in core is used: lockdown loads signed modules
# only, and the guest's are not signed (an unsigned copy of a sample is
# refused, which shows the kernel enforces it).
. "$(dirname "$0")/lib/ktap.sh"

D=/sys/kernel/debug/markers
C=/proc/markers/control
T=/sys/kernel/tracing
E=$T/events/markers/lockdown_declared
NAME=lockdown_declared

ktap_plan 10

mount -t securityfs securityfs /sys/kernel/security 2> /dev/null
ktap_check_eq "the kernel is locked down for integrity" "[integrity]" \
	"$(grep -o '\[[a-z]*\]' /sys/kernel/security/lockdown)"
ktap_check_msg "an unsigned module is refused" "it loaded" \
	sh -c "! insmod $MARKER_MODULES/marker-example.ko 2> /dev/null"

ktap_check_msg "debugfs refuses the control file" "a write was taken" \
	sh -c "! echo 'count $NAME' 2> /dev/null > $D/control"
ktap_check "debugfs lists the sites" grep -q "^virt_exit vmlinux " $D/list

ktap_check "procfs counts a name" sh -c "echo 'count $NAME' > $C"
ktap_check_eq "debugfs shows the counter" "$NAME 0" \
	"$(grep "^$NAME " $D/counters)"
ktap_check "procfs declares its event" \
	sh -c "echo 'declare $NAME v %d' > $C"
ktap_check "debugfs lists the declaration" grep -q "^$NAME " $D/declared
ktap_check "tracefs has the declared event" test -f "$E/format"
ktap_check "tracefs enables it" sh -c "echo 1 > $E/enable"

echo 0 > "$E/enable"
echo "undeclare $NAME" > $C
echo "nocount $NAME" > $C
ktap_finished
