# SPDX-License-Identifier: GPL-2.0
"""Tests of the guest's command line and of how guest tests are found."""

import os
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from mct import check, env, qemu, runs


class FakeKernel:
	ver = '6.1'
	bzimage = Path('/cache/build/x86_64-6.1/arch/x86/boot/bzImage')


class CommandTest(unittest.TestCase):

	def setUp(self):
		self.cmd = qemu.command(FakeKernel(), 4, 'tests/guest',
					['a.sh', 'b.sh'], Path('/mods'),
					['kunit.filter_glob=*'])
		self.append = self.cmd[self.cmd.index('-append') + 1].split()

	def test_machine(self):
		self.assertEqual(self.cmd[self.cmd.index('-smp') + 1], '4')
		self.assertEqual(self.cmd[self.cmd.index('-kernel') + 1],
				 str(FakeKernel.bzimage))
		# TCG alone: never a KVM the guest may not run on.
		self.assertEqual([self.cmd[i + 1] for i, a in enumerate(self.cmd)
				  if a == '-accel'], ['tcg,thread=single'])
		virtfs = self.cmd[self.cmd.index('-virtfs') + 1]
		self.assertIn('path=/,', virtfs)
		self.assertIn('mount_tag=host0,', virtfs)
		self.assertIn('readonly=on', virtfs)

	def test_repository_and_cache_shared_at_their_paths(self):
		"""A checkout or a cache under /tmp, which the guest covers with
		tmpfs, comes on a share of its own that init.sh mounts at the
		host's path, named by the kernel argument of the same tag."""
		shares = {}
		for i, a in enumerate(self.cmd):
			if a == '-virtfs':
				opts = dict(o.split('=', 1) for o in
					    self.cmd[i + 1].split(',')[1:])
				self.assertEqual(opts['readonly'], 'on')
				shares[opts['mount_tag']] = opts['path']
		self.assertEqual(shares, {'host0': '/',
					  'marker_repo': str(env.REPO),
					  'marker_cache': str(env.CACHE)})
		self.assertIn(f'marker_repo={env.REPO}', self.append)
		self.assertIn(f'marker_cache={env.CACHE}', self.append)
		init = (env.REPO / 'tests/guest/lib/init.sh').read_text()
		self.assertRegex(init, r'shares="marker_cache marker_repo"')
		self.assertRegex(init, r'mount -t 9p .*\\\n\s*"\$tag" "\$\{!tag\}"')

	def test_kernel_arguments(self):
		for arg in ('root=host0', 'rootfstype=9p', 'ro',
			    f'init={env.REPO}/tests/guest/lib/init.sh',
			    'marker_tests=a.sh,b.sh', 'marker_modules=/mods',
			    'marker_testdir=tests/guest', 'marker_kver=6.1',
			    f'marker_timeout={qemu.TEST_TIMEOUT}'):
			self.assertIn(arg, self.append)

	def test_extra_argument_comes_last(self):
		# The kernel takes the last of two kunit.filter_glob= words.
		self.assertEqual(self.append[-1], 'kunit.filter_glob=*')
		self.assertIn('kunit.filter_glob=marker_compat_no_suite',
			      self.append)


	def test_no_preload_by_default(self):
		self.assertFalse([a for a in self.append
				  if a.startswith('marker_preload=')])

	def test_preload(self):
		cmd = qemu.command(FakeKernel(), 2, 'tests/modular',
				   ['tests/guest/a.sh', 'b.sh'], Path('/mods'),
				   preload=['core', 'example'])
		append = cmd[cmd.index('-append') + 1].split()
		self.assertIn('marker_preload=core,example', append)
		self.assertIn('marker_tests=tests/guest/a.sh,b.sh', append)
		# init.sh runs lib/preload.sh first when it is given.
		init = (env.REPO / 'tests/guest/lib/init.sh').read_text()
		self.assertIn('marker_preload', init)
		self.assertIn('tests=(tests/guest/lib/preload.sh "${tests[@]}")',
			      init)
		self.assertTrue(os.access(env.REPO / 'tests/guest/lib/preload.sh',
					  os.X_OK))


class KunitCommandTest(unittest.TestCase):

	def test_kunit_boot(self):
		cmd = qemu.kunit_command(FakeKernel())
		append = cmd[cmd.index('-append') + 1].split()
		self.assertEqual([cmd[i + 1] for i, a in enumerate(cmd)
				  if a == '-accel'], ['tcg,thread=single'])
		self.assertEqual(cmd[cmd.index('-smp') + 1], '1')
		self.assertNotIn('-virtfs', cmd)
		self.assertIn('-no-reboot', cmd)
		for arg in ('console=ttyS0', 'kunit_shutdown=reboot', 'panic=-1'):
			self.assertIn(arg, append)
		# Every built-in suite runs: no filter.
		self.assertFalse([a for a in append if 'filter' in a])


class GuestTestsTest(unittest.TestCase):

	def test_executable_scripts_only(self):
		with tempfile.TemporaryDirectory() as repo:
			d = Path(repo) / runs.GUEST_DIR
			(d / 'lib').mkdir(parents=True)
			for name, mode in (('b.sh', 0o755), ('a.sh', 0o755),
					   ('off.sh', 0o644), ('notes.txt', 0o755)):
				(d / name).write_text('# guest: cpus=1\n')
				os.chmod(d / name, mode)
			(d / 'lib/x.sh').write_text('')
			with mock.patch.object(env, 'REPO', Path(repo)):
				self.assertEqual(runs.guest_tests(),
						 ['a.sh', 'b.sh'])

	def repo(self, tables: dict, ask) -> dict:
		"""ask(test) of the tests four.sh and plain.sh, in a repository
		with those tests and tests/guest's tables given, by file name."""
		with tempfile.TemporaryDirectory() as repo:
			d = Path(repo) / runs.GUEST_DIR
			d.mkdir(parents=True)
			for name in ('four.sh', 'plain.sh'):
				(d / name).write_text('#!/bin/bash\n')
				os.chmod(d / name, 0o755)
			for name, text in tables.items():
				(d / name).write_text(text)
			with mock.patch.object(env, 'REPO', Path(repo)):
				return {t: ask(t) for t in ('four.sh', 'plain.sh')}

	def cpus(self, table: str) -> dict:
		"""guest_cpus() with the cpus table given."""
		return self.repo({'cpus': table}, runs.guest_cpus)

	def test_cpus(self):
		self.assertEqual(self.cpus('# c\n*\t2\n\nfour.sh 4\n'),
				 {'four.sh': 4, 'plain.sh': 2})

	def test_cpus_refused(self):
		for table in ('four.sh 4\n', '* 2\nfuor.sh 4\n',
			      '* 2\nfour.sh four\n', '* 2\nfour.sh 0\n',
			      '* 2\nfour.sh 4 # why\n'):
			with self.subTest(table=table), \
			     self.assertRaises(ValueError):
				self.cpus(table)

	def boots(self, table: str) -> dict:
		"""guest_boot() with four.sh on 4 vCPUs and the cmdline table
		given."""
		return self.repo({'cpus': '* 2\nfour.sh 4\n', 'cmdline': table},
				 runs.guest_boot)

	def test_boots(self):
		boots = self.boots('# c\n\nplain.sh lockdown=integrity a=b\n')
		self.assertEqual(boots['four.sh'], runs.Boot(4))
		self.assertEqual(boots['plain.sh'],
				 runs.Boot(2, ('lockdown=integrity', 'a=b')))
		self.assertEqual(boots['plain.sh'].slug(),
				 'cpus2-lockdown-integrity-a-b')
		self.assertEqual(str(boots['plain.sh']),
				 '2 vCPUs lockdown=integrity a=b')
		self.assertEqual(boots['four.sh'].slug(), 'cpus4')
		# Tests of one boot share it: a boot with arguments is its own.
		self.assertNotEqual(boots['plain.sh'], runs.Boot(2))

	def test_boots_refused(self):
		for table in ('plain.sh\n', 'nosuch.sh a=b\n'):
			with self.subTest(table=table), \
			     self.assertRaises(ValueError):
				self.boots(table)

	def test_boots_of_the_repository(self):
		self.assertEqual(runs.guest_boot('lockdown.sh').args,
				 ('lockdown=integrity',))
		self.assertEqual(runs.guest_boot('stress.sh'), runs.Boot(4))

	def test_cpus_of_the_repository(self):
		# Read without complaint; stress.sh checks it has 4.
		self.assertEqual(runs.guest_cpus('stress.sh'), 4)

	def test_every_guest_test_of_the_repository_runs(self):
		# What check's guest steps run: every executable script.
		found = runs.guest_tests()
		self.assertIn('stress.sh', found)
		self.assertNotIn('init.sh', found)
		names = [n for n, _ in check.steps()]
		for step in env.CHECKS:
			self.assertTrue(env.check_kvers(step))
			for ver in env.check_kvers(step):
				self.assertIn(f'{step}-{ver}', names)
		# Each kernel of check is checked by some step.
		for ver in env.KVERS:
			self.assertTrue(any(n.endswith(f'-{ver}') for n in names))


class ModularTest(unittest.TestCase):

	def test_tests_of_the_repository(self):
		tests = runs.modular_tests()
		n = len(runs.MODULAR_EVENT_TESTS)
		# The event tests of tests/guest first, by their path in the
		# repository, then tests/modular's, core-unload.sh before
		# in-tree.sh, which needs the core gone.
		self.assertEqual(tests[:n], [f'tests/guest/{t}' for t in
					     runs.MODULAR_EVENT_TESTS])
		self.assertEqual(tests[n:], ['core-unload.sh', 'in-tree.sh'])
		for t in tests:
			path = env.REPO / (t if '/' in t else
					   f'{runs.MODULAR_DIR}/{t}')
			self.assertTrue(os.access(path, os.X_OK), path)
		for t in ('events-tracefs.sh', 'events-perf.sh',
			  'hostile-input.sh', 'tracepoints-bpf.sh'):
			self.assertIn(f'tests/guest/{t}', tests)
		self.assertEqual(runs.MODULAR_PRELOAD[0], 'marker_compat')

	def test_unknown_test_refused(self):
		for attr, names in (('MODULAR_EVENT_TESTS', ('nosuch.sh',)),
				    ('MODULAR_OWN_TESTS', ('nosuch.sh',))):
			with self.subTest(attr=attr), \
			     mock.patch.object(runs, attr, names), \
			     self.assertRaises(ValueError):
				runs.modular_tests()

	def test_cpus(self):
		self.assertEqual(runs.modular_cpus(), runs.cpus_table()['*'])

	def test_module_dir(self):
		with tempfile.TemporaryDirectory() as tmp:
			a, b, dest = (Path(tmp) / n for n in ('a', 'b', 'dest'))
			for d in (a, b, dest):
				d.mkdir()
			(a / 'core.ko').write_text('core')
			(a / 'core.o').write_text('')
			(b / 'sample.ko').write_text('sample')
			(dest / 'stale.ko').write_text('')
			self.assertEqual(runs._module_dir(dest, [a, b]), dest)
			self.assertEqual(sorted(p.name for p in dest.iterdir()),
					 ['core.ko', 'sample.ko'])

	def test_check_order(self):
		"""A kernel's modular step comes after its guest and KUnit
		steps: they share a build directory, so the check switches
		its flavour once."""
		names = [n for n, _ in check.steps()]
		for ver in env.check_kvers('modular'):
			for before in ('kunit-x86', 'guest'):
				if ver in env.check_kvers(before):
					self.assertLess(names.index(f'{before}-{ver}'),
							names.index(f'modular-{ver}'))


if __name__ == '__main__':
	unittest.main()
