# SPDX-License-Identifier: GPL-2.0
"""Tests of the top Makefile's choice of headers for make modules."""

import os
import subprocess
import tempfile
import unittest
from pathlib import Path

from mct import env


def _make_modules(*args: str) -> str:
	"""What make modules says and would run, with args: its sub-make
	is echoed (make -n would still run it)."""
	environ = dict(os.environ)
	environ.pop('KDIR', None)
	return subprocess.run(['make', '-s', 'modules', 'MAKE=echo make',
			       *args],
			      cwd=env.REPO, env=environ, check=True, text=True,
			      capture_output=True).stdout


class ModulesTest(unittest.TestCase):

	def test_running_kernel_first(self):
		with tempfile.TemporaryDirectory() as d:
			(Path(d) / 'Makefile').write_text('')
			out = _make_modules(f'RUNNING_KDIR={d}',
					    'NEWEST_KDIR=/newest')
		self.assertIn(f'make -C {d} M={env.REPO} modules', out)
		self.assertIn("the running kernel's headers", out)

	def test_newest_headers_without_the_running_kernels(self):
		with tempfile.TemporaryDirectory() as d:
			out = _make_modules(f'RUNNING_KDIR={d}/none',
					    'NEWEST_KDIR=/newest')
		self.assertIn(f'make -C /newest M={env.REPO} modules', out)
		self.assertIn('the newest installed headers', out)

	def test_kdir_as_given(self):
		with tempfile.TemporaryDirectory() as d:
			(Path(d) / 'Makefile').write_text('')
			out = _make_modules(f'RUNNING_KDIR={d}', 'KDIR=/mine')
		self.assertIn(f'make -C /mine M={env.REPO} modules', out)
		self.assertIn('KDIR as given', out)


if __name__ == '__main__':
	unittest.main()
