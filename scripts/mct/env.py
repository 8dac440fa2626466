# SPDX-License-Identifier: GPL-2.0
"""Where things are: the repository, the cache of kernel trees and build
directories (outside the repository; MARKER_CACHE overrides it, as it
does for scripts/env.sh), and the kernel versions tested."""

import os
import pwd
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _cache() -> Path:
	if os.environ.get('MARKER_CACHE'):
		return Path(os.environ['MARKER_CACHE'])
	# HOME may be unset in some CI runners: fall back to the passwd entry.
	home = os.environ.get('HOME') or pwd.getpwuid(os.getuid()).pw_dir
	return Path(os.environ.get('XDG_CACHE_HOME') or Path(home) / '.cache') \
		/ 'marker-compat'


CACHE = _cache()
LOGS = CACHE / 'logs'
BUILDS = CACHE / 'build'
KVERS = os.environ.get('MARKER_KVERS', '6.1 6.12').split()
JOBS = int(os.environ.get('MARKER_X86_JOBS') or os.cpu_count() or 1)
