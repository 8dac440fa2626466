#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Under lockdown=integrity (this test's boot: tests/guest/cmdline), as on
# a Secure Boot machine: debugfs refuses its files to a writer, so the
# control file is refused there and taken in procfs (/proc/markers/control,
# markers/control.c); debugfs's read-only files, tracefs and the markers:*
# events work.  Lockdown wants signed modules: the runner signs the
# guest's modules with the build's own key, and an unsigned copy of one
# is refused, so the loads below are the signed path.
. "$(dirname "$0")/lib/ktap.sh"
. "$(dirname "$0")/lib/example.sh"

D=/sys/kernel/debug/markers
C=/proc/markers/control
T=/sys/kernel/tracing
UNSIGNED=/tmp/unsigned-marker-example.ko

# strip_signature KO OUT: KO without its appended signature, as a module
# built and not signed is (the signature, struct module_signature with
# its big-endian length last, and the marker, at the end of the file).
strip_signature() {
	python3 - "$1" "$2" <<'PY'
import struct
import sys

MAGIC = b'~Module signature appended~\n'
data = open(sys.argv[1], 'rb').read()
if not data.endswith(MAGIC):
	sys.exit(f'{sys.argv[1]}: not signed')
end = len(data) - len(MAGIC)
sig_len = struct.unpack('>I', data[end - 4:end])[0]
open(sys.argv[2], 'wb').write(data[:end - 12 - sig_len])
PY
}

ktap_plan 11

mount -t securityfs securityfs /sys/kernel/security 2> /dev/null
ktap_check_eq "the kernel is locked down for integrity" "[integrity]" \
	"$(grep -o '\[[a-z]*\]' /sys/kernel/security/lockdown)"

if strip_signature "$MARKER_MODULES/marker-example.ko" "$UNSIGNED"; then
	ktap_check_msg "an unsigned module is refused" "it loaded" \
		sh -c "! insmod $UNSIGNED 2> /dev/null"
else
	ktap_not_ok "an unsigned module is refused" \
		"marker-example.ko is not signed"
fi
ktap_check "a signed module loads" \
	insmod "$MARKER_MODULES/marker-example.ko"

ktap_check_msg "debugfs refuses the control file" "a write was taken" \
	sh -c "! echo 'count subsystem_event' 2> /dev/null > $D/control"
ktap_check_msg "debugfs lists the sites" "no subsystem_event in $D/list" \
	grep -q '^subsystem_event marker_example ' $D/list

ktap_check "procfs takes a command" \
	sh -c "echo 'count subsystem_event' > $C"
read_example 3
ktap_check_eq "the counter counts" "subsystem_event 3" \
	"$(grep '^subsystem_event ' $D/counters)"
ktap_check "procfs declares an event" \
	sh -c "echo 'declare lockdown_declared v %d' > $C"
ktap_check "tracefs has the declared event" \
	test -f $T/events/markers/lockdown_declared/format

echo > $T/trace
ktap_check "tracefs enables a marker event" \
	sh -c "echo 1 > $T/events/markers/subsystem_event/enable"
read_example 2
echo 0 > $T/events/markers/subsystem_event/enable
ktap_check_eq "the event records each hit" 2 \
	"$(grep -c ' subsystem_event: ' $T/trace)"

echo 'undeclare lockdown_declared' > $C
echo 'nocount subsystem_event' > $C
rmmod marker_example
rm -f "$UNSIGNED"
ktap_finished
