#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/shellcheck.sh: run shellcheck on every shell script (tracked
# *.sh files, and tracked files whose first line runs bash or sh), at
# severity "warning": errors and warnings fail, style notes do not.
# Sourced files are followed (-x).  Fails if shellcheck is missing or if
# no script is found.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v shellcheck >/dev/null ||
	{ echo "shellcheck.sh: no shellcheck (apt-get install shellcheck)" >&2; exit 1; }

mapfile -t scripts < <(git ls-files -z | xargs -0 awk '
	FNR == 1 { if (FILENAME ~ /\.sh$/ || $0 ~ /^#!\/bin\/(ba)?sh/) print FILENAME; nextfile }')
[ ${#scripts[@]} -gt 0 ] || { echo "shellcheck.sh: no shell script found" >&2; exit 1; }

echo "shellcheck.sh: $(shellcheck --version | sed -n 's/^version: //p'), ${#scripts[@]} scripts"
shellcheck -x -S warning "${scripts[@]}"
echo "shellcheck.sh: OK"
