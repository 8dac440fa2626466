# SPDX-License-Identifier: GPL-2.0
"""Tests of the differential test's verdicts on fixed outputs, and of
its drop-in: a run that compares nothing, or the wrong copy, fails."""

import contextlib
import io
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from mct import differential as d
from mct import env, results

PASSED = {'legacy_irq_test': 'SUCCESS', 'legacy_sum_test': 'SUCCESS'}

# nm's listing of a vmlinux with the converted sample in it.
NM_CONV = """\
0000000060051234 t legacy_irq_entry_marker_bridge
0000000060051300 t legacy_sum_marker_bridge
0000000060060000 T marker_probe_register
"""
NM_ORIG = """\
0000000060060000 T marker_probe_register
0000000060060100 t legacy_irq_entry
"""

# A kunit.py run's test.log with the sample's suite, on a UML console.
TEST_LOG = """\
Core dump limits :
KTAP version 1
1..1
    KTAP version 1
    # Subtest: marker_cocci_legacy
    1..3
    ok 1 legacy_irq_test
    not ok 2 legacy_sum_test
    ok 3 legacy_left_alone_test # SKIP not here
ok 1 marker_cocci_legacy
reboot: System halted
""".splitlines()


class ReportTest(unittest.TestCase):

	def test_same_report(self):
		self.assertEqual(d.report_diff('# SPDX\na: x\nb: y\n',
					       'a: x\nb: y\n'), [])

	def test_missing_line(self):
		diff = d.report_diff('# SPDX\na: x\nb: y\n', 'a: x\n')
		self.assertIn('-b: y', diff)

	def test_empty_report_of_a_converter_that_did_nothing(self):
		self.assertNotEqual(d.report_diff('a: x\n', ''), [])


class BridgeTest(unittest.TestCase):

	def test_each_copy_built(self):
		self.assertIsNone(d.bridge_verdict('conv', NM_CONV))
		self.assertIsNone(d.bridge_verdict('orig', NM_ORIG))

	def test_wrong_copy_built(self):
		self.assertIn('not built', d.bridge_verdict('conv', NM_ORIG))
		self.assertIn('2 *_marker_bridge',
			      d.bridge_verdict('orig', NM_CONV))

	def test_no_vmlinux(self):
		self.assertIsNotNone(d.bridge_verdict('conv', ''))


class SuiteTest(unittest.TestCase):

	def test_passed(self):
		self.assertIsNone(d.suite_verdict(PASSED))

	def test_not_run(self):
		self.assertIn('did not run', d.suite_verdict({}))

	def test_failed_and_skipped_cases(self):
		why = d.suite_verdict({**PASSED, 'legacy_sum_test': 'FAILURE',
				       'legacy_tick_test': 'SKIPPED'})
		self.assertIn('legacy_sum_test FAILURE', why)
		self.assertIn('legacy_tick_test SKIPPED', why)
		self.assertNotIn('legacy_irq_test', why)


class CompareTest(unittest.TestCase):

	def test_same(self):
		self.assertIsNone(d.compare_verdict(PASSED, dict(PASSED)))

	def test_nothing_compared(self):
		self.assertIn('nothing to compare', d.compare_verdict({}, {}))
		self.assertIn('no case ran on conv',
			      d.compare_verdict(PASSED, {}))

	def test_case_lost_in_the_conversion(self):
		conv = {'legacy_irq_test': 'SUCCESS'}
		self.assertEqual(d.compare_verdict(PASSED, conv),
				 'legacy_sum_test: SUCCESS before, not run after')

	def test_case_failing_after(self):
		conv = {**PASSED, 'legacy_irq_test': 'FAILURE'}
		self.assertIn('legacy_irq_test: SUCCESS before, FAILURE after',
			      d.compare_verdict(PASSED, conv))


class SparseTest(unittest.TestCase):

	def test_hits(self):
		log = ('  CHECK   drivers/marker-cocci-sample/legacy_trace.c\n'
		       'drivers/marker-cocci-sample/legacy_trace.c:3:1: '
		       'warning: symbol x was not declared\n'
		       'drivers/marker-compat/markers/sites.c:1:1: warning: '
		       'not the sample\n')
		self.assertEqual(len(d.sparse_hits(log)), 1)

	def test_verdicts(self):
		checked = ('  CHECK   /t/drivers/marker-cocci-sample/legacy_trace.c\n'
			   '  CHECK   /t/drivers/marker-cocci-sample/legacy_subsys.c\n')
		hit = ('drivers/marker-cocci-sample/legacy_trace.c:3:1: '
		       'warning: symbol x was not declared\n')
		self.assertEqual(d.sparse_verdict(0, checked, False), ('ok', ''))
		self.assertEqual(d.sparse_verdict(0, checked + hit, False)[0],
				 'fail')
		self.assertEqual(d.sparse_verdict(2, checked, False)[0], 'fail')
		self.assertEqual(d.sparse_verdict(0, '', True)[0], 'skip')
		# The sample not configured: nothing checked is no pass.
		self.assertEqual(d.sparse_verdict(0, '  CALL    scripts/x.sh\n',
						  False),
				 ('fail', 'sparse checked no file of '
				  'drivers/marker-cocci-sample/'))

	def test_refused_as_env_sh_says(self):
		with tempfile.TemporaryDirectory() as t:
			log = Path(t) / 'log'
			log.write_text('warning: C=2 specified, but sparse is not '
				       'available or not up to date\n')
			self.assertTrue(d.sparse_refused(log))
			log.write_text('  CHECK   drivers/x.c\n')
			self.assertFalse(d.sparse_refused(log))


class SuiteCasesTest(unittest.TestCase):
	"""The cases as each tree's kunit_parser reads a test.log."""

	def test_cases(self):
		trees = sorted(t for t in env.CACHE.glob('linux-source-*') if
			       (t / 'tools/testing/kunit/kunit_parser.py').exists())
		if not trees:
			self.skipTest(f'no kernel tree in {env.CACHE}')
		for tree in trees:
			with self.subTest(tree=tree.name), \
			     contextlib.redirect_stdout(io.StringIO()):
				self.assertEqual(
					results.suite_cases(tree, TEST_LOG,
							    d.SUITE),
					{'legacy_irq_test': 'SUCCESS',
					 'legacy_sum_test': 'FAILURE',
					 'legacy_left_alone_test': 'SKIPPED'})
				self.assertEqual(results.suite_cases(
					tree, TEST_LOG, 'other'), {})
				self.assertEqual(results.suite_cases(
					tree, [], d.SUITE), {})


class DropInTest(unittest.TestCase):

	def setUp(self):
		self.tmp = tempfile.TemporaryDirectory()
		top = Path(self.tmp.name)
		self.tree = top / 'linux'
		(self.tree / 'drivers').mkdir(parents=True)
		(self.tree / 'drivers/Makefile').write_text('obj-y += base/\n')
		(self.tree / 'drivers/Kconfig').write_text(
			'menu "Device Drivers"\nsource "drivers/base/Kconfig"\n'
			'endmenu\n')
		self.copies = [top / 'orig', top / 'conv']
		for c in self.copies:
			c.mkdir()
		patch = mock.patch.object(env, 'CACHE', top)
		patch.start()
		self.addCleanup(patch.stop)

	def tearDown(self):
		self.tmp.cleanup()

	def test_once_and_repointed(self):
		for c in self.copies + self.copies:
			d.drop_in(self.tree, '1.0', c)
			link = self.tree / 'drivers' / d.LINK
			self.assertEqual(link.resolve(), c)
		self.assertEqual((self.tree / 'drivers/Makefile').read_text(),
				 'obj-y += base/\n'
				 'obj-$(CONFIG_MARKER_COCCI_SAMPLE)\t+= '
				 'marker-cocci-sample/\n')
		self.assertEqual((self.tree / 'drivers/Kconfig').read_text(),
				 'menu "Device Drivers"\n'
				 'source "drivers/base/Kconfig"\n'
				 'source "drivers/marker-cocci-sample/Kconfig"\n'
				 'endmenu\n')
		self.assertEqual([p.name for p in
				  (self.tree / 'drivers').iterdir()
				  if p.name.startswith('.')], [])


if __name__ == '__main__':
	unittest.main()
