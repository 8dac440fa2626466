# SPDX-License-Identifier: GPL-2.0
"""Tests of the kernel list: scripts/kernels, as env.py and env.sh read it."""

import os
import pwd
import subprocess
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from mct import env


class KernelsTest(unittest.TestCase):

	def test_list_is_ordered_and_unique(self):
		vers = [tuple(map(int, v.split('.'))) for v in env.ALL_KVERS]
		self.assertEqual(vers, sorted(set(vers)))
		for k in env.KERNELS:
			self.assertTrue(set(k.checks) <= set(env.CHECKS), k)

	def test_fields(self):
		with tempfile.TemporaryDirectory() as d:
			path = Path(d) / 'kernels'
			path.write_text('# version package suite checks\n\n'
					'1.0\tlinux-source-1.0\told\tguest,kunit-uml\n'
					'2.0 linux-source-2.0 new -\n')
			k = env._kernels(path)
			path.write_text('3.0 linux-source-3.0 new\n')
			with self.assertRaises(ValueError):
				env._kernels(path)
			# A misspelt step would run nothing: refused.
			path.write_text('3.0 linux-source-3.0 new kunit-um\n')
			with self.assertRaises(ValueError):
				env._kernels(path)
		self.assertEqual(k, [env.Kernel('1.0', 'linux-source-1.0', 'old',
						('guest', 'kunit-uml')),
				     env.Kernel('2.0', 'linux-source-2.0', 'new',
						())])

	def test_check_kvers(self):
		with mock.patch.dict(os.environ, {'MARKER_KVERS': ''}):
			for step in env.CHECKS:
				self.assertEqual(env.check_kvers(step),
						 [k.ver for k in env.KERNELS
						  if step in k.checks])
		with mock.patch.dict(os.environ, {'MARKER_KVERS': '6.1 7.3'}):
			self.assertEqual(env.check_kvers('guest'), ['6.1', '7.3'])

	def test_cache_as_env_sh_says(self):
		"""One rule for the cache: MARKER_CACHE, else XDG_CACHE_HOME's
		marker-compat, else HOME's .cache/marker-compat, else the
		passwd entry's, as scripts/env.sh writes it."""
		home = pwd.getpwuid(os.getuid()).pw_dir
		cases = [({'MARKER_CACHE': '/c'}, '/c'),
			 ({'XDG_CACHE_HOME': '/x'}, '/x/marker-compat'),
			 ({'HOME': '/h'}, '/h/.cache/marker-compat'),
			 ({}, f'{home}/.cache/marker-compat')]
		for add, want in cases:
			environ = {k: v for k, v in os.environ.items()
				   if k not in ('MARKER_CACHE', 'XDG_CACHE_HOME',
						'HOME')}
			with self.subTest(add=add), \
			     mock.patch.dict(os.environ, {**environ, **add},
					     clear=True):
				self.assertEqual(env._cache(), Path(want))

	def test_shell_reads_the_same_list(self):
		"""env.sh's default MARKER_KVERS and its marker_kernel fields are
		those of env.py: one list, two readers."""
		environ = dict(os.environ)
		environ.pop('MARKER_KVERS', None)
		script = ('. scripts/env.sh; echo "$MARKER_KVERS"; '
			  'for v in ' + ' '.join(env.ALL_KVERS) + '; do '
			  'echo "$v $(marker_kernel package $v) '
			  '$(marker_kernel suite $v)"; done')
		out = subprocess.run(['bash', '-c', script], cwd=env.REPO,
				     env=environ, check=True, text=True,
				     capture_output=True).stdout.splitlines()
		self.assertEqual(out[0].split(),
				 [k.ver for k in env.KERNELS if k.checks])
		self.assertEqual(out[1:], [f'{k.ver} {k.package} {k.suite}'
					   for k in env.KERNELS])


if __name__ == '__main__':
	unittest.main()
