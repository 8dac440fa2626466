# SPDX-License-Identifier: GPL-2.0
# Sourced by the scripts: where kernel trees and build directories are cached.
# Everything lives outside the repository; override with MARKER_CACHE.
# (HOME may be unset in some CI runners: fall back to the passwd entry.)
MARKER_CACHE=${MARKER_CACHE:-${XDG_CACHE_HOME:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache}/marker-compat}
MARKER_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MARKER_KVERS=${MARKER_KVERS:-"6.1 6.12"}
export MARKER_CACHE MARKER_REPO
