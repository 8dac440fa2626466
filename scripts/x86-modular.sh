#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# x86-modular.sh [VERSION]: the shim dropped into a kernel tree and built
# as modules (CONFIG_MARKER_COMPAT=m, the example and the KUnit suites =m),
# on x86_64 under QEMU TCG.  The guest (x86-lib.sh's x86_guest: the host's
# root over virtio-9p) runs tests/modular/in-tree.sh: it loads the core,
# the example and the suites module, whose KUnit suites run as it loads,
# then unloads them all, the core last.  One KTAP document, the suites a
# subtest of their load, parsed by kunit.py.
#
# Fails on a failed case or step, a missing result, or any kernel report
# on the console.  Console: $MARKER_CACHE/logs/x86-modular-VERSION-console.log.
set -uo pipefail
[ $# -eq 0 ] || export MARKER_X86_KVER=$1
export MARKER_X86_FLAVOUR=modular
. "$(dirname "$0")/x86-lib.sh"

logdir=$MARKER_CACHE/logs
mkdir -p "$logdir"

x86_ready x86-modular
# The suites of a module run as it loads; let them all through the filter.
x86_guest x86-modular "$logdir/x86-modular-$X86_KVER-console.log" 1 \
	tests/modular "$X86_BUILD/drivers/marker-compat" in-tree.sh \
	"kunit.filter_glob=*"
