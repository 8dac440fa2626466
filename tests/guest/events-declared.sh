#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A marker event declared ahead of its sites (Documentation/marker-events.rst,
# "Declared events"), so that a module's init can be recorded:
#
# 1. Bad declarations are refused with their errno and change nothing: a
#    bad or too long name, a format the event compiler refuses or too
#    long, a name whose event has another format, a second declaration.
# 2. "declare mct_decl seq %u tag %s" creates markers:mct_decl with the
#    format's fields, listed in <debugfs>/markers/declared; it is enabled
#    before any site exists.
# 3. mct_decl_a.ko, whose init fires mct_decl, loads: the init's hit is
#    in the trace with its values, so its site was armed before its init.
# 4. mct_decl_b.ko, whose site has another format, loads: its site is
#    refused (dmesg, event=mismatch in the listing, other=1), and the
#    event is untouched: same format, still enabled, nothing recorded
#    from B.
# 5. Both unload and A comes back: the event stayed, enabled, and records
#    A's init again.
# 6. Withdrawing: refused while the event is enabled; with a site of the
#    name loaded the event stays, the sites' own; without, it goes and a
#    new declaration brings it back; withdrawn while a site of another
#    format is loaded, the event takes that site's format.
. "$(dirname "$0")/lib/ktap.sh"
. "$(dirname "$0")/lib/wait.sh"

T=/sys/kernel/tracing
EV=$T/events/markers/mct_decl
D=/sys/kernel/debug/markers
M=$MARKER_MODULES
FMT='seq %u tag %s'

# ctl CMD: write CMD to the control file, exactly these bytes; print "ok"
# or the errno's name.
ctl() {
	python3 -c '
import errno, os, sys
fd = os.open(sys.argv[1], os.O_WRONLY)
try:
	os.write(fd, sys.argv[2].encode())
	print("ok")
except OSError as e:
	print(errno.errorcode[e.errno])
finally:
	os.close(fd)' "$D/control" "$1"
}

# count PATTERN: lines of the trace matching PATTERN (extended regex).
count() {
	grep -cE "$1" "$T/trace"
}

# site MODULE: the listing's line of mct_decl in MODULE.
site() {
	grep "^mct_decl $1 " "$D/list"
}

ktap_plan 33

# 1. Refusals.  marker-example.ko's subsystem_event has an event.
insmod "$M/marker-example.ko"
before=$(cat "$D/declared" "$D/list"; ls "$T/events/markers")
ktap_check_eq "bad name refused" EINVAL "$(ctl "declare 9mct $FMT")"
ktap_check_eq "name too long refused" EINVAL \
	"$(ctl "declare $(printf 'n%.0s' $(seq 128)) $FMT")"
ktap_check_eq "format the compiler refuses (%f)" EINVAL \
	"$(ctl 'declare mct_decl v %f')"
ktap_check_eq "format the compiler refuses (%n)" EINVAL \
	"$(ctl 'declare mct_decl v %n')"
ktap_check_eq "format too long refused" EINVAL \
	"$(ctl "declare mct_decl $(printf 'f%.0s' $(seq 1025))")"
ktap_check_eq "an event with another format refuses" EPERM \
	"$(ctl 'declare subsystem_event other %d')"
ktap_check_eq "undeclare of a name not declared" ENOENT \
	"$(ctl 'undeclare mct_decl')"
ktap_check_eq "refusals changed nothing" "$before" \
	"$(cat "$D/declared" "$D/list"; ls "$T/events/markers")"

# 2. Declared and enabled before any site.
echo > "$T/trace"
ktap_check_eq "declare" ok "$(ctl "declare mct_decl $FMT"$'\n')"
ktap_check "the event has the format's fields" sh -c "
	grep -q 'field:unsigned int seq;' $EV/format &&
	grep -q 'field:__data_loc char\[\] tag;' $EV/format"
fmt_before=$(cat "$EV/format")
ktap_check_eq "declared twice" EBUSY "$(ctl "declare mct_decl $FMT")"
ktap_check_eq "declared again with another format" EPERM \
	"$(ctl 'declare mct_decl seq %d')"
echo 1 > "$EV/enable"
ktap_check_eq "listed, enabled, no site" \
	"mct_decl event=on sites=0 other=0 format=\"$FMT\"" "$(cat "$D/declared")"
ktap_check_eq "undeclare refused while enabled" EBUSY \
	"$(ctl 'undeclare mct_decl')"

# 3. The init's hit is recorded.
insmod "$M/mct_decl_a.ko"
ktap_check_eq "the init's hit is recorded with its values" 1 \
	"$(count 'mct_decl: seq 4242 tag init_a$')"
ktap_check "A's site is armed" sh -c \
	"grep -q '^mct_decl mct_decl_a armed probes=1 event=on ' $D/list"

# 4. Another format: refused, the event untouched.
dmesg -C
insmod "$M/mct_decl_b.ko"
ktap_check "B's site is reported" sh -c "dmesg | grep -qF \
	'marker mct_decl in mct_decl_b has format \"seq %d\", declared \"$FMT\": not recorded'"
ktap_check "B's site is listed event=mismatch" sh -c \
	"grep -q '^mct_decl mct_decl_b .* event=mismatch ' $D/list"
ktap_check_eq "B's site counted as other" \
	"mct_decl event=on sites=2 other=1 format=\"$FMT\"" "$(cat "$D/declared")"
ktap_check_eq "the event's format is untouched" "$fmt_before" \
	"$(cat "$EV/format")"
ktap_check_eq "the event is still enabled" 1 "$(cat "$EV/enable")"
echo 3 > /sys/module/mct_decl_b/parameters/fire
echo 2 > /sys/module/mct_decl_a/parameters/fire
ktap_check_eq "only A's hits are recorded" "3 3" \
	"$(count 'mct_decl: ') $(count 'mct_decl: seq (4242|1|2) tag init_a$')"

# 5. Unload and reload: the event stays, enabled, and is armed again.
rmmod mct_decl_b
rmmod mct_decl_a
ktap_check_eq "the event stays, enabled, when its sites go" \
	"1 mct_decl event=on sites=0 other=0 format=\"$FMT\"" \
	"$(cat "$EV/enable") $(cat "$D/declared")"
echo > "$T/trace"
insmod "$M/mct_decl_a.ko"
ktap_check_eq "the reloaded module's init is recorded" 1 \
	"$(count 'mct_decl: seq 4242 tag init_a$')"

# 6. Withdrawing.
echo 0 > "$EV/enable"
ktap_check_eq "undeclare with a site loaded" ok "$(ctl 'undeclare mct_decl')"
ktap_check "the event stays, its site's own" sh -c "
	[ -z \"\$(cat $D/declared)\" ] && [ -d $EV ] &&
	grep -q '^mct_decl mct_decl_a idle probes=0 event=off ' $D/list"
ktap_check_eq "declare an existing event of the format" ok \
	"$(ctl "declare mct_decl $FMT")"
rmmod mct_decl_a
ktap_check_eq "undeclare without a site" ok "$(ctl 'undeclare mct_decl')"
ktap_check "the event is gone" sh -c "[ ! -e $EV ] && [ -z \"\$(cat $D/declared)\" ]"
ktap_check_eq "declared again" ok "$(ctl "declare mct_decl $FMT")"
ktap_check_eq "and back, as it was (but its ID)" \
	"$(printf '%s\n' "$fmt_before" | grep -v '^ID: ')" \
	"$(grep -v '^ID: ' "$EV/format")"
insmod "$M/mct_decl_b.ko"
ktap_check_eq "undeclare with a site of another format" ok \
	"$(ctl 'undeclare mct_decl')"
ktap_check "the event takes the site's format" \
	wait_for grep -q 'field:int seq;' "$EV/format"
rmmod mct_decl_b
rmmod marker_example
ktap_finished
