#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# prepare-tree.sh [--unpack-only] VERSION: unpack Debian's linux-source-VERSION into the cache
# (once) and drop this repository in as drivers/marker-compat, the way a
# subsystem would carry it: one line in drivers/Makefile, one in
# drivers/Kconfig.  Prints the tree's path.
#
# The symlink is re-pointed on every call, so the tree always builds the
# checkout that called this script (CI clones to arbitrary paths).
set -euo pipefail
. "$(dirname "$0")/env.sh"

# --unpack-only: only unpack, for callers that run the tree's own scripts
# (checkpatch.pl, kernel-doc) and must not re-point the drop-in link
# under a build that another checkout is running.
unpack_only=
if [ "${1:-}" = --unpack-only ]; then
	unpack_only=1
	shift
fi
ver=${1:?usage: prepare-tree.sh [--unpack-only] VERSION}
tree=$MARKER_CACHE/linux-source-$ver
# Installed from the machine's own suite, or downloaded into the cache by
# fetch-source.sh from another suite (scripts/kernels says which).
pkg=$(marker_kernel package "$ver") || pkg=linux-source-$ver
tarball=/usr/src/$pkg.tar.xz
[ -f "$tarball" ] || tarball=$MARKER_CACHE/src/$pkg.tar.xz

mkdir -p "$MARKER_CACHE"
# Several scripts may prepare the same tree at once: serialise.
exec 9>"$MARKER_CACHE/.prepare-$ver.lock"
flock 9

if [ ! -f "$tree/.marker-unpacked" ]; then
	[ -f "$tarball" ] || { echo "missing /usr/src/$pkg.tar.xz and $tarball (MARKER_KVERS=$ver scripts/setup.sh)" >&2; exit 1; }
	echo "prepare-tree: unpacking $tarball into $MARKER_CACHE" >&2
	rm -rf "$tree"
	tar -C "$MARKER_CACHE" -xf "$tarball"
	touch "$tree/.marker-unpacked"
fi

if [ -n "$unpack_only" ]; then
	echo "$tree"
	exit 0
fi
ln -sfn "$MARKER_REPO" "$tree/drivers/marker-compat"
grep -q 'marker-compat/' "$tree/drivers/Makefile" ||
	echo 'obj-$(CONFIG_MARKER_COMPAT)		+= marker-compat/' >> "$tree/drivers/Makefile"
grep -q 'drivers/marker-compat/Kconfig' "$tree/drivers/Kconfig" ||
	sed -i '$ i source "drivers/marker-compat/Kconfig"' "$tree/drivers/Kconfig"
# The converter's differential test (mct.py cocci-differential,
# scripts/mct/differential.py) adds a second drop-in the same way; its
# Kconfig line is sourced unconditionally, so its link must never dangle
# (a previous checkout may be gone): point it at this checkout's sample.
if grep -q 'drivers/marker-cocci-sample/Kconfig' "$tree/drivers/Kconfig"; then
	ln -sfn "$MARKER_REPO/coccinelle/sample" "$tree/drivers/marker-cocci-sample"
fi
echo "$tree"
