#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# init of the x86_64 guest (scripts/mct/qemu.py boots it, for
# mct.py guest, modular and bench): the root is the
# host's own, read-only over virtio-9p, so every host tool is here.
# Mounts the writable and virtual file systems, runs the tests named by
# the kernel command line and prints their KTAP as subtests of one KTAP
# document, then the kernel log, then powers off.
#
# The kernel hands the command line's unknown NAME=VALUE words to init as
# environment variables:
#   marker_repo     the repository (same path as on the host)
#   marker_cache    the cache of kernel builds and modules (same path)
#   marker_testdir  the tests' directory in it (default tests/guest)
#   marker_tests    comma-separated scripts: a name alone is in
#                   marker_testdir, a name with a slash is a path in the
#                   repository (tests/guest/events-perf.sh)
#   marker_modules  directory of the modules the tests may insmod
#   marker_preload  comma-separated modules of marker_modules to insmod
#                   before the tests (the modular core: mct.py modular),
#                   by lib/preload.sh, a test of its own that runs first
#   marker_kver     kernel version of the guest (of scripts/kernels)
#   marker_timeout  seconds one test may take
#
# shellcheck disable=SC2154  # the marker_* variables, from the kernel
set -u
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp LC_ALL=C

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for d in /tmp /run /var/tmp; do
	mount -t tmpfs tmpfs "$d"
done
# The repository and the cache come on shares of their own, tagged with
# the variable that names their path (scripts/mct/qemu.py): mounted there,
# they are seen even where the tmpfs above covers the root's copy (a
# checkout under /tmp).  The outer one first, should one hold the other.
shares="marker_cache marker_repo"
[[ $marker_cache/ == "$marker_repo"/* ]] && shares="marker_repo marker_cache"
for tag in $shares; do
	mkdir -p "${!tag}"
	mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose,ro \
		"$tag" "${!tag}"
done
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing
# Kernel messages go to the log, printed whole at the end: on the console
# they would cut into the KTAP.  Oopses and panics still reach it.
dmesg -n 1

export MARKER_REPO=$marker_repo MARKER_MODULES=$marker_modules
export MARKER_KVER=$marker_kver MARKER_PRELOAD=${marker_preload:-}
# The lines the host looks for, for this script and the tests.
set -a
. "$MARKER_REPO/tests/guest/lib/marks.sh"
set +a

IFS=, read -r -a tests <<< "$marker_tests"
# The modules the tests need loaded: a test of its own, so that a module
# missing or refused fails the run, whatever the tests after it say.
[ -n "$MARKER_PRELOAD" ] && tests=(tests/guest/lib/preload.sh "${tests[@]}")
echo "$MARKER_GUEST_BEGIN"
echo "KTAP version 1"
echo "1..${#tests[@]}"
n=0
for t in "${tests[@]}"; do
	n=$((n + 1))
	name=${t##*/}
	name=${name%.sh}
	case $t in
	*/*)	path=$MARKER_REPO/$t ;;
	*)	path=$MARKER_REPO/${marker_testdir:-tests/guest}/$t ;;
	esac
	echo "    KTAP version 1"
	echo "    # Subtest: $name"
	timeout -k 5 "${marker_timeout:-900}" \
		bash "$path" < /dev/null 2>&1 |
		sed -u -e '/^KTAP version 1$/d' -e 's/^/    /'
	rc=${PIPESTATUS[0]}
	case $rc in
	0)	echo "ok $n $name" ;;
	124)	echo "not ok $n $name # timed out after ${marker_timeout:-900} s" ;;
	*)	echo "not ok $n $name # exit status $rc" ;;
	esac
done

echo "$MARKER_GUEST_END"
dmesg
echo "$MARKER_GUEST_DONE"
# With QEMU's -no-reboot, a reboot ends the virtual machine: reboot(2)
# (RB_AUTOBOOT) directly, there is no init system to ask.
python3 -c 'import ctypes; ctypes.CDLL(None).reboot(0x01234567)'
