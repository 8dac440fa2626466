#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The shim built in tree as modules (scripts/mct.py modular boots the
# modular kernel with this test last, after core-unload.sh has unloaded
# the core; $MARKER_MODULES holds the build's modules): load the core and
# the example, load the KUnit
# suites module, whose suites run as it loads, then unload everything,
# the core last.  The suites' KTAP, which the kernel logs while the module
# loads, is the subtest of load_suites, so kunit.py counts every case.
. "$(dirname "$0")/../guest/lib/ktap.sh"

M=$MARKER_MODULES
BEGIN="marker-compat modular: suites begin"
END="marker-compat modular: suites end"

# suites_ktap: the kernel's KTAP between the two marks, as a subtest:
# its own header and plan, the suites numbered from 1 (6.1 prints neither
# a header nor a plan for a module, and numbers on from earlier runs).
suites_ktap() {
	dmesg --notime | sed -n "/^$BEGIN\$/,/^$END\$/p" | sed '1d;$d' |
		awk '
		/^KTAP version / || /^1\.\.[0-9]+$/ { next }
		/^(not )?ok [0-9]+ / {
			n++
			sub(/^(not )?ok [0-9]+/, ($1 == "ok" ? "ok " : "not ok ") n)
		}
		{ lines[++l] = $0 }
		END {
			print "KTAP version 1"
			print "# Subtest: load_suites"
			print "1.." n
			for (i = 1; i <= l; i++)
				print lines[i]
		}' | sed 's/^/    /'
}

ktap_plan 8

missing=
for ko in marker_compat marker_compat_virt marker_compat_kunit; do
	[ -f "$M/$ko.ko" ] || missing+=" $ko.ko"
done
ktap_check_msg in_tree_build "not built:$missing" test -z "$missing"
ktap_check load_core insmod "$M/marker_compat.ko"
ktap_check load_example insmod "$M/marker_compat_virt.ko"
echo "$BEGIN" > /dev/kmsg
insmod "$M/marker_compat_kunit.ko"
rc=$?
echo "$END" > /dev/kmsg
suites_ktap
# The load's status and the suites' results: a load that ran no suite
# would pass on its status alone.
suites=$(dmesg --notime | sed -n "/^$BEGIN\$/,/^$END\$/p" |
	grep -cE '^(not )?ok [0-9]+ ')
ktap_check_eq load_suites "0 ran" "$rc $([ "$suites" -gt 0 ] && echo ran || echo 'no suite')"
ktap_check unload_suites rmmod marker_compat_kunit
ktap_check unload_example rmmod marker_compat_virt
ktap_check unload_core rmmod marker_compat
ktap_check core_gone sh -c \
	'test -r /proc/modules && ! grep -q "^marker_compat " /proc/modules'

ktap_finished
