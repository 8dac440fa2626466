#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/pyflakes.sh: run pyflakes on every Python file (tracked *.py
# files, and tracked files whose first line runs python): unused or
# undefined names and imports, shadowed definitions, f-strings without
# a field.  Any finding fails.  Fails if pyflakes3 is missing or if no
# Python file is found.  (The style itself is written down in
# Documentation/testing-x86.rst, "Python".)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v pyflakes3 >/dev/null ||
	{ echo "pyflakes.sh: no pyflakes3 (apt-get install pyflakes3)" >&2; exit 1; }

mapfile -t files < <(git ls-files -z | xargs -0 awk '
	FNR == 1 { if (FILENAME ~ /\.py$/ || $0 ~ /^#!.*python/) print FILENAME; nextfile }')
[ ${#files[@]} -gt 0 ] || { echo "pyflakes.sh: no Python file found" >&2; exit 1; }

echo "pyflakes.sh: pyflakes $(pyflakes3 --version | head -1), ${#files[@]} files"
pyflakes3 "${files[@]}"
echo "pyflakes.sh: OK"
