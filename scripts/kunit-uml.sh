#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit-uml.sh VERSION [kunit.py options...]: build a UML kernel from the
# prepared linux-source-VERSION tree with this repository as
# drivers/marker-compat, boot it and run the KUnit suites.
#
# Extra arguments go to "kunit.py run" unchanged, e.g. more fragments:
#   kunit-uml.sh 6.12 --kunitconfig=/path/e2e.kunitconfig \
#                     --kconfig_add=CONFIG_HOSTFS=y
# MARKER_KUNITCONFIG replaces the project's kunit/.kunitconfig (a file, or
# a directory holding .kunitconfig).
#
# The build directory ($MARKER_CACHE/build/um-VERSION) is kept between runs,
# so later builds are incremental.  The log is saved under
# $MARKER_CACHE/logs/.  The exit status is kunit.py's.
set -euo pipefail
. "$(dirname "$0")/env.sh"

ver=${1:?usage: kunit-uml.sh VERSION [kunit.py options...]}
shift

tree=$("$MARKER_REPO/scripts/prepare-tree.sh" "$ver")
build=$MARKER_CACHE/build/um-$ver
logdir=$MARKER_CACHE/logs
log=$logdir/kunit-uml-$ver.log
kunitconfig=${MARKER_KUNITCONFIG:-$tree/drivers/marker-compat/kunit}
mkdir -p "$build" "$logdir"

# One build at a time per build directory.
exec 9>"$build.lock"
if ! flock -n 9; then
	echo "kunit-uml: $build is in use, waiting" >&2
	flock 9
fi

cmd=(python3 tools/testing/kunit/kunit.py run
     "--kunitconfig=$kunitconfig" "--build_dir=$build"
     "--jobs=$(nproc)" "$@")
echo "kunit-uml: $ver: in $tree: ${cmd[*]}"
echo "kunit-uml: log: $log"

# With pipefail the status is kunit.py's (tee does not fail).
rc=0
(cd "$tree" && "${cmd[@]}") 2>&1 | tee "$log" || rc=$?
if [ "$rc" -ne 0 ]; then
	echo "kunit-uml: $ver: FAILED (kunit.py exit status $rc), log: $log" >&2
else
	echo "kunit-uml: $ver: OK"
fi
exit "$rc"
