#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Legacy formats read back through the machine's tools, from the sites of
# mct_formats.ko:
#
# - "len %Zu": the size_t spelling of the 2.6 era, which today's
#   vsnprintf() refuses with a WARN and a cut line; the event prints it
#   as %zu (the console check fails on the WARN);
# - "default %d": a field named after a C keyword, which tools that
#   compile the format file into a struct (bpftrace's args) cannot take;
#   the field is default_val, the output unchanged;
# - "%d%%s": a literal "%s" after a conversion, which 6.1's output
#   checker took for a string conversion (a WARN and [UNSAFE-MEMORY]);
# - "s %s" given an ERR_PTR: recorded and printed as "(efault)", as
#   printf prints it, instead of faulting in the probe.
. "$(dirname "$0")/lib/ktap.sh"

T=/sys/kernel/tracing
EM=$T/events/markers
FIRE=/sys/module/mct_formats/parameters/fire

ktap_plan 6

insmod "$MARKER_MODULES/mct_formats.ko"
echo > "$T/trace"
for n in mct_z mct_kw mct_pct mct_efault; do
	echo 1 > "$EM/$n/enable"
done
echo 1 > "$FIRE"
for n in mct_z mct_kw mct_pct mct_efault; do
	echo 0 > "$EM/$n/enable"
done
grep ' mct_' "$T/trace" | sed 's/^/# /'

ktap_check "%Zu printed whole" grep -q ' mct_z: len 5$' "$T/trace"
ktap_check "a keyword field is renamed" \
	grep -q 'field:int default_val;' "$EM/mct_kw/format"
ktap_check "and prints as the format says" \
	grep -q ' mct_kw: default 1$' "$T/trace"
ktap_check "a literal %s is text" grep -q ' mct_pct: 7%s$' "$T/trace"
ktap_check "an ERR_PTR string is (efault)" \
	grep -q ' mct_efault: s (efault)$' "$T/trace"

# bpftrace -c splits its command on blanks, without a shell.
W=/tmp/events-formats-workload.sh
echo "echo 2 > $FIRE" > $W
out=$(bpftrace -e 'tracepoint:markers:mct_kw { printf("kw %d\n", args->default_val); }' \
	-c "/bin/sh $W" 2>&1)
ktap_check_eq "bpftrace reads the renamed field" "kw 1
kw 1" "$(grep '^kw ' <<< "$out")"
[ -n "$(grep '^kw ' <<< "$out")" ] || ktap_diag "bpftrace said: $out"

rmmod mct_formats
ktap_finished
