#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# setup.sh: install what the build and the tests need on Debian 12 (as
# root), then unpack and prepare the kernel trees.  Quick when everything
# is already there: apt is only called for missing packages.
set -euo pipefail
. "$(dirname "$0")/env.sh"

# The kernels of the machine's own suite (scripts/kernels; kernels of
# other suites are fetched below, never installed), the project's list,
# plus the basics a minimal image may lack (make, a C compiler, perl for
# checkpatch, xz to unpack the source tarballs), and the tools the guest
# tests run from the machine's own root (insmod from kmod, trace-cmd,
# perf, bpftrace); for the arm64 KUnit step, the cross compiler and
# QEMU's arm64 machine; and for the dkms step, dkms and what builds the
# marker-compat-dkms package (dh-dkms, debhelper, dpkg-dev).
own_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
mapfile -t kernel_packages < <(awk -v s="$own_suite" '!/^#/ && NF && $3 == s { print $2 }' "$MARKER_KERNELS")
packages=(
	"${kernel_packages[@]}" linux-headers-amd64 debian-archive-keyring
	sparse coccinelle shellcheck pyflakes3 flex bison bc libelf-dev libssl-dev
	qemu-system-x86 rsync python3
	gcc-aarch64-linux-gnu qemu-system-arm
	kmod trace-cmd linux-perf bpftrace
	dkms dh-dkms debhelper dpkg-dev
	make gcc libc6-dev perl xz-utils
)

missing=()
for p in "${packages[@]}"; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) || st=
	[ "$st" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "setup: all ${#packages[@]} packages already installed"
else
	echo "setup: installing: ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup: must run as root to install packages" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q </dev/null
	apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

for ver in $MARKER_KVERS; do
	suite=$(marker_kernel suite "$ver") || { echo "setup: no kernel $ver in $MARKER_KERNELS" >&2; exit 1; }
	if [ "$suite" != "$own_suite" ]; then
		# (assigned first: set -e does not see a failure inside echo's arguments)
		src=$("$MARKER_REPO/scripts/fetch-source.sh" "$ver")
		echo "setup: kernel source $ver ($suite): $src"
	fi
	tree=$("$MARKER_REPO/scripts/prepare-tree.sh" "$ver")
	echo "setup: kernel tree $ver: $tree"
done
