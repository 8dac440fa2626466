# SPDX-License-Identifier: GPL-2.0
"""Tests of the top Makefile's choice of headers for make modules."""

import os
import subprocess
import tempfile
import unittest
from pathlib import Path

from mct import env


class ModulesTest(unittest.TestCase):

	def modules(self, running: bool, *args: str) -> str:
		"""What make modules says and would run, with args, when the
		running kernel's headers are (running) or are not installed:
		its sub-make is echoed (make -n would still run it)."""
		environ = dict(os.environ)
		environ.pop('KDIR', None)
		with tempfile.TemporaryDirectory() as d:
			self.running = d
			if running:
				(Path(d) / 'Makefile').write_text('')
			return subprocess.run(
				['make', '-s', 'modules', 'MAKE=echo make',
				 f'RUNNING_KDIR={d}', 'NEWEST_KDIR=/newest', *args],
				cwd=env.REPO, env=environ, check=True, text=True,
				capture_output=True).stdout

	def test_choice(self):
		for running, args, kdir, why in (
				(True, (), None, "the running kernel's headers"),
				(False, (), '/newest', 'the newest installed headers'),
				(True, ('KDIR=/mine',), '/mine', 'KDIR as given')):
			with self.subTest(why):
				out = self.modules(running, *args)
				kdir = kdir or self.running
				self.assertIn(f'make -C {kdir} M={env.REPO} modules',
					      out)
				self.assertIn(f'building against {kdir} ({why}', out)


if __name__ == '__main__':
	unittest.main()
