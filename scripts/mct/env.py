# SPDX-License-Identifier: GPL-2.0
"""Where things are: the repository, the cache of kernel trees and build
directories (outside the repository, where scripts/env.sh says, which
MARKER_CACHE overrides), and the kernel versions tested (scripts/kernels,
also read by scripts/env.sh)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _cache() -> Path:
	"""MARKER_CACHE as scripts/env.sh sets it: the scripts and the
	runner find the cache by one rule, written there."""
	out = subprocess.run(['bash', '-c', '. "$0" && printf %s "$MARKER_CACHE"',
			      str(REPO / 'scripts/env.sh')], check=True,
			     text=True, capture_output=True).stdout
	if not out:
		raise RuntimeError('scripts/env.sh set no MARKER_CACHE')
	return Path(out)


CACHE = _cache()
LOGS = CACHE / 'logs'
BUILDS = CACHE / 'build'


# The per-kernel steps a line of scripts/kernels may name.
CHECKS = ('kunit-uml', 'kunit-arm64', 'kunit-x86', 'guest', 'modular')


@dataclasses.dataclass(frozen=True)
class Kernel:
	"""One line of scripts/kernels."""
	ver: str
	package: str
	suite: str
	checks: tuple[str, ...]


def _kernels(path: Path) -> list[Kernel]:
	kernels = []
	for line in path.read_text().splitlines():
		f = line.split()
		if not f or f[0].startswith('#'):
			continue
		if len(f) != 4:
			raise ValueError(f'{path}: want 4 fields: {line!r}')
		checks = () if f[3] == '-' else tuple(f[3].split(','))
		if set(checks) - set(CHECKS):
			raise ValueError(f'{path}: checks are of {CHECKS}: {line!r}')
		kernels.append(Kernel(f[0], f[1], f[2], checks))
	return kernels


KERNELS = _kernels(REPO / 'scripts/kernels')
# Every kernel the runner knows; any of them can be named on its command
# line (mct.py kunit-uml 7.3) once setup.sh has fetched and unpacked it.
ALL_KVERS = [k.ver for k in KERNELS]
# The kernels the runner works on: MARKER_KVERS, else those make check
# runs a per-kernel step on.
KVERS = os.environ.get('MARKER_KVERS', '').split() or \
	[k.ver for k in KERNELS if k.checks]


def check_kvers(step: str) -> list[str]:
	"""The kernels make check runs a per-kernel step (of CHECKS) on:
	scripts/kernels says which, unless MARKER_KVERS names the kernels,
	for every step."""
	named = os.environ.get('MARKER_KVERS', '').split()
	return named or [k.ver for k in KERNELS if step in k.checks]

JOBS = int(os.environ.get('MARKER_X86_JOBS') or os.cpu_count() or 1)
