#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of x86-modular.sh (runs in the guest under busybox): load the shim
# built in tree as modules, which runs the KUnit suites of
# marker_compat_kunit.ko as it loads, then unload everything, core last.
# Prints "MOD-RESULT ok|FAIL NAME" per step and "MOD-END".

/bin/busybox --install -s /bin
mount -t proc none /proc
mount -t sysfs none /sys

step() {
	name=$1
	shift
	if "$@"; then
		echo "MOD-RESULT ok $name"
	else
		echo "MOD-RESULT FAIL $name"
	fi
}

step load_core insmod /mod/marker_compat.ko
step load_example insmod /mod/marker_compat_virt.ko
# The suites run now, printing KTAP on the console.
step load_suites insmod /mod/marker_compat_kunit.ko
step unload_suites rmmod marker_compat_kunit
step unload_example rmmod marker_compat_virt
step unload_core rmmod marker_compat
step core_gone sh -c '! grep -q "^marker_compat " /proc/modules'
echo "MOD-END"
reboot -f
