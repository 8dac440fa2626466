# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Sourced by the scripts: where kernel trees and build directories are
# cached, the kernel list, and the helpers the scripts share.
# Everything lives outside the repository; override with MARKER_CACHE.
# (HOME may be unset in some CI runners: fall back to the passwd entry.)
MARKER_CACHE=${MARKER_CACHE:-${XDG_CACHE_HOME:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache}/marker-compat}
MARKER_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The kernels, their Debian packages and apt suites: scripts/kernels.  By
# default the scripts work on the kernels make check runs per-kernel
# steps on (a "checks" field other than "-").
MARKER_KERNELS=$MARKER_REPO/scripts/kernels
MARKER_KVERS=${MARKER_KVERS:-$(awk '!/^#/ && NF && $4 != "-" { printf "%s%s", s, $1; s = " " }' "$MARKER_KERNELS")}

# marker_kernel FIELD VERSION: the package, suite or checks field of
# VERSION's line in scripts/kernels; fails if VERSION has no line.
marker_kernel() {
	awk -v f="$1" -v v="$2" '
		BEGIN { n = f == "package" ? 2 : f == "suite" ? 3 : f == "checks" ? 4 : 0 }
		!/^#/ && NF && $1 == v && n { print $n; found = 1 }
		END { exit !found }' "$MARKER_KERNELS"
}

# marker_sparse_refused LOG: did the kernel build logged in LOG refuse the
# machine's sparse?  kbuild then says so once and builds with C=0, so a
# C=2 build with no warning checked nothing.  (7.3's checker-valid.sh
# wants __typeof_unqual__, which Debian 12's sparse 0.6.4 lacks.)
marker_sparse_refused() {
	grep -q 'specified, but .* is not available or not up to date' "$1"
}
export MARKER_CACHE MARKER_REPO
