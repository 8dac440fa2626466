# SPDX-License-Identifier: GPL-2.0
"""Tests of which checkout a build directory's shim objects come from,
and of the kernel configurations' fragments."""

import tempfile
import unittest
from pathlib import Path
from unittest import mock

from mct import env, kernel


class ClaimBuildTest(unittest.TestCase):

	def setUp(self):
		self.tmp = tempfile.TemporaryDirectory()
		self.build = Path(self.tmp.name) / 'build'
		self.objs = self.build / 'drivers/marker-compat/markers'
		self.objs.mkdir(parents=True)
		(self.objs / 'event.o').write_text('old')
		(self.build / 'vmlinux').write_text('kept')

	def tearDown(self):
		self.tmp.cleanup()

	def claim(self, repo):
		with mock.patch.object(env, 'REPO', Path(repo)):
			kernel.claim_build(self.build)

	def test_other_checkout_rebuilds_the_shim(self):
		self.claim('/work/a')
		self.assertFalse(self.objs.exists())
		self.assertEqual((self.build / 'vmlinux').read_text(), 'kept')
		self.assertEqual((self.build / '.marker-compat-repo').read_text(),
				 '/work/a\n')

	def test_same_checkout_keeps_the_objects(self):
		self.claim('/work/a')
		self.objs.mkdir(parents=True)
		(self.objs / 'event.o').write_text('new')
		self.claim('/work/a')
		self.assertEqual((self.objs / 'event.o').read_text(), 'new')

	def test_back_to_an_earlier_checkout_rebuilds(self):
		self.claim('/work/a')
		self.objs.mkdir(parents=True)
		self.claim('/work/b')
		self.assertFalse(self.objs.exists())

	def test_new_build_directory(self):
		fresh = Path(self.tmp.name) / 'fresh'
		with mock.patch.object(env, 'REPO', Path('/work/a')):
			kernel.claim_build(fresh)
		self.assertTrue((fresh / '.marker-compat-repo').exists())


class FragmentTest(unittest.TestCase):

	def options(self, name):
		return dict(o.split('=', 1)
			    for o in kernel.fragment_options(kernel.CONFIGS / name))

	def test_every_fragment_is_used_and_has_a_licence(self):
		named = {f for fl in kernel.FLAVOURS.values()
			 for f in fl.fragments + fl.overrides}
		named.add('arm64.config')
		on_disk = {p.name for p in kernel.CONFIGS.glob('*.config')}
		self.assertEqual(named, on_disk)
		for name in on_disk:
			first = (kernel.CONFIGS / name).read_text().splitlines()[0]
			self.assertEqual(first, '# SPDX-License-Identifier: GPL-2.0')

	def test_fragments_agree_with_the_kunitconfig(self):
		# kunit.py refuses an option two --kunitconfig files set
		# differently: only overrides may change one.
		base = dict(o.split('=', 1) for o in kernel.fragment_options(
			env.REPO / 'kunit/.kunitconfig'))
		for name, fl in kernel.FLAVOURS.items():
			merged = dict(base)
			for f in fl.fragments:
				for opt, val in self.options(f).items():
					self.assertEqual(merged.setdefault(opt, val), val,
							 f'{name}: {f}: {opt}')

	def test_overrides_come_last_as_kconfig_add(self):
		args = kernel.config_args(kernel.FLAVOURS['modular'])
		self.assertEqual(args[:2], [
			f'--kunitconfig={kernel.CONFIGS}/x86_64.config',
			f'--kunitconfig={kernel.CONFIGS}/debug.config'])
		self.assertEqual(args[2:], [
			'--kconfig_add', 'CONFIG_FUNCTION_TRACER=y',
			'--kconfig_add', 'CONFIG_ENABLE_DEFAULT_TRACERS=n',
			'--kconfig_add', 'CONFIG_MARKER_COMPAT=m',
			'--kconfig_add', 'CONFIG_MARKER_COMPAT_VIRT_EXAMPLE=m',
			'--kconfig_add', 'CONFIG_MARKER_COMPAT_KUNIT_TEST=m'])

	def test_options_as_kunit_config_reads_them(self):
		with tempfile.NamedTemporaryFile('w', suffix='.config') as f:
			f.write('# SPDX-License-Identifier: GPL-2.0\n# why\n\n'
				'CONFIG_A=y\n# CONFIG_B is not set\n'
				'CONFIG_C="x y"\n')
			f.flush()
			self.assertEqual(kernel.fragment_options(Path(f.name)),
					 ['CONFIG_A=y', '# CONFIG_B is not set',
					  'CONFIG_C="x y"'])


if __name__ == '__main__':
	unittest.main()
