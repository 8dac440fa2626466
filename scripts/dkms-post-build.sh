#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# dkms-post-build.sh DIR: dkms's POST_BUILD step (dkms.conf), run in the
# build directory once marker_compat.ko is built.  Client modules need the
# core's Module.symvers (KBUILD_EXTRA_SYMBOLS) and the public headers of
# the same version (-I DIR/include): copy both to DIR, dkms's directory of
# this build (<dkms tree>/marker-compat/<version>/<kernel>/<arch>), which
# dkms removes with the build, so they never outlive the module.
set -eu
dir=${1:?usage: dkms-post-build.sh DIR}

[ -s Module.symvers ] || { echo "dkms-post-build.sh: no Module.symvers in $(pwd)" >&2; exit 1; }
grep -q '	marker_probe_register	' Module.symvers ||
	{ echo "dkms-post-build.sh: Module.symvers lists no marker_probe_register" >&2; exit 1; }
mkdir -p "$dir/include"
cp Module.symvers "$dir/Module.symvers"
rm -rf "$dir/include/compat"
cp -R include/compat "$dir/include/compat"
echo "dkms-post-build.sh: Module.symvers and include/compat in $dir"
