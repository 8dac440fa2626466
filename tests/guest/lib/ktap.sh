# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# KTAP output for guest tests, sourced by every tests/guest/*.sh (and the
# guest scripts of tests/modular and tests/bench): the project's one KTAP
# library, scripts/lib/ktap.sh, which lists its functions.  The guest
# sees the repository at the host's path, so it is found from here.
. "$(dirname "${BASH_SOURCE[0]}")/../../../scripts/lib/ktap.sh"
