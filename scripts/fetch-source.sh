#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-source.sh VERSION: download Debian's source package of a kernel
# whose apt suite (scripts/kernels) is not the machine's own, and put its
# tarball in $MARKER_CACHE/src, where prepare-tree.sh finds it.  Prints
# the tarball's path.  Nothing is installed: the machine's apt sources,
# lists, cache and packages are left as they are.
#
# apt runs with a configuration of its own under $MARKER_CACHE/apt/SUITE:
# a sources list naming only that suite, signed-by the Debian archive
# keyring, an empty sources.list.d, and its own lists and cache (without
# Dir::Cache, apt would rewrite the machine's pkgcache.bin).  apt checks
# the suite's signature as always; the .deb is then checked against the
# SHA256 of that signed index before anything is taken out of it.
set -euo pipefail
. "$(dirname "$0")/env.sh"

ver=${1:?usage: fetch-source.sh VERSION}
pkg=$(marker_kernel package "$ver") || { echo "fetch-source: no kernel $ver in $MARKER_KERNELS" >&2; exit 1; }
suite=$(marker_kernel suite "$ver")
mirror=${MARKER_DEBIAN_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
tarball=$MARKER_CACHE/src/$pkg.tar.xz

if [ -f "$tarball" ]; then
	echo "$tarball"
	exit 0
fi
[ -f "$keyring" ] || { echo "fetch-source: missing $keyring (apt-get install debian-archive-keyring)" >&2; exit 1; }

apt_dir=$MARKER_CACHE/apt/$suite
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" \
	 "$apt_dir/cache/archives/partial" "$apt_dir/debs" "$MARKER_CACHE/src"
exec 9>"$apt_dir/.lock"
flock 9
echo "deb [signed-by=$keyring] $mirror $suite main" > "$apt_dir/sources.list"
# apt downloads as the unprivileged _apt user when run as root; let it
# write where it downloads, as apt does for its own directories.
if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
	chown _apt "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
fi
apt=(-o Dir::Etc::sourcelist="$apt_dir/sources.list"
     -o Dir::Etc::sourceparts="$apt_dir/sources.list.d"
     -o Dir::State::Lists="$apt_dir/lists"
     -o Dir::Cache="$apt_dir/cache")

echo "fetch-source: $pkg from $suite into $apt_dir" >&2
apt-get "${apt[@]}" -q update </dev/null >&2
want=$(apt-cache "${apt[@]}" show --no-all-versions "$pkg" | awk '/^SHA256:/ { print $2; exit }')
[ -n "$want" ] || { echo "fetch-source: $pkg not in $suite" >&2; exit 1; }
# A .deb already there (an earlier run, or one seeded by hand) is used
# only if it is the one the signed index names.
deb=
for f in "$apt_dir/debs/${pkg}_"*.deb; do
	if [ -f "$f" ] && [ "$(sha256sum < "$f" | cut -d' ' -f1)" = "$want" ]; then
		deb=$f
	fi
done
if [ -z "$deb" ]; then
	rm -f "$apt_dir/debs/${pkg}_"*.deb
	(cd "$apt_dir/debs" && apt-get "${apt[@]}" -q download "$pkg" </dev/null >&2)
	deb=$(ls "$apt_dir/debs/${pkg}_"*.deb)
	[ "$(sha256sum < "$deb" | cut -d' ' -f1)" = "$want" ] ||
		{ echo "fetch-source: $deb does not match the signed index" >&2; exit 1; }
fi

dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "./usr/src/$pkg.tar.xz" > "$tarball.tmp"
mv "$tarball.tmp" "$tarball"
echo "$tarball"
