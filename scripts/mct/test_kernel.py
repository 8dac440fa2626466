# SPDX-License-Identifier: GPL-2.0
"""Tests of which checkout a build directory's shim objects come from."""

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


if __name__ == '__main__':
	unittest.main()
