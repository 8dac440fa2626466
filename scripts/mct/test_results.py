# SPDX-License-Identifier: GPL-2.0
"""Tests of the results layer: consoles, KTAP, kunit.py's summary."""

import contextlib
import io
import subprocess
import tempfile
import unittest
from pathlib import Path

from mct import env, results
from mct.results import Counts

# A guest console as init.sh prints it, around the kernel's own lines.
CONSOLE = f"""\
[    0.000000] Linux version 6.1.0
{results.GUEST_BEGIN}
KTAP version 1
1..2
    KTAP version 1
    # Subtest: one
    1..2
    ok 1 first
    not ok 2 second # want [1] got [2]
not ok 1 one # exit status 1
    KTAP version 1
    # Subtest: two
    1..1
    ok 1 only # SKIP no tool
ok 2 two
{results.GUEST_END}
[    1.0] some kernel line
{results.GUEST_DONE}
""".splitlines()


def _trees() -> list[Path]:
	"""Every tree unpacked in the cache, listed or not in MARKER_KVERS:
	the runner reads KTAP with the newest tree's parser, so each parser
	it may meet (6.1's, 6.12's, 7.3's, whose parse_run_tests() takes a
	printer) must read the same document the same way."""
	return sorted(t for t in env.CACHE.glob('linux-source-*')
		      if (t / 'tools/testing/kunit/kunit_parser.py').exists())


def _each_tree(test: unittest.TestCase, check) -> None:
	"""check(tree) for each tree, quietly (the parser prints its view),
	as a subtest of test named after the tree."""
	for tree in _trees():
		with test.subTest(tree=tree.name), \
		     contextlib.redirect_stdout(io.StringIO()):
			check(tree)


class ConsoleTest(unittest.TestCase):

	def test_clean(self):
		self.assertEqual(results.console_faults(CONSOLE), [])

	def test_each_report_is_a_fault(self):
		for report in ('WARNING: CPU: 0 PID: 1 at kernel/x.c:1',
			       'BUG: KASAN: slab-use-after-free in f',
			       'Oops: 0000 [#1] PREEMPT SMP',
			       'WARNING: possible circular locking dependency',
			       'WARNING: suspicious RCU usage',
			       'unreferenced object 0xffff888 (size 64):',
			       'rcu: INFO: rcu_preempt detected stalls',
			       ' Call Trace:'):
			lines = CONSOLE[:3] + [report] + CONSOLE[3:]
			self.assertEqual(results.console_faults(lines),
					 [f'4:{report}'], report)

	def test_colour_codes_do_not_hide_a_report(self):
		line = '\x1b[0mWARN\x1b[0mING: CPU: 1'
		self.assertEqual(results.console_faults([line]), [f'1:{line}'])

	def test_injected_allocation_report_passes(self):
		lines = [results.INJECT_BEGIN,
			 'insmod: page allocation failure: order:0',
			 'CPU: 0 PID: 7 Comm: insmod',
			 'Call Trace:',
			 ' <TASK>',
			 ' warn_alloc+0x1/0x2',
			 ' </TASK>',
			 results.INJECT_END]
		self.assertEqual(results.console_faults(lines), [])

	def test_injection_marks_with_colours(self):
		begin = results.INJECT_BEGIN.replace(': ', ':\x1b[0m ', 1)
		lines = [f'\x1b[33m{begin}',
			 'vmalloc error: size 4096, vm_struct allocation failed',
			 'Call Trace:', ' </TASK>']
		self.assertEqual(results.console_faults(lines), [])

	def test_report_outside_injection_is_a_fault(self):
		lines = ['insmod: page allocation failure: order:0',
			 'Call Trace:', ' </TASK>']
		self.assertEqual(results.console_faults(lines),
				 ['2:Call Trace:'])

	def test_other_report_inside_injection_is_a_fault(self):
		lines = [results.INJECT_BEGIN,
			 'insmod: page allocation failure: order:0',
			 ' </TASK>',
			 'WARNING: CPU: 0 PID: 1 at kernel/x.c:1',
			 results.INJECT_END]
		self.assertEqual(results.console_faults(lines),
				 ['4:WARNING: CPU: 0 PID: 1 at kernel/x.c:1'])

	def test_guest_ktap_and_end(self):
		ktap = results.guest_ktap(CONSOLE)
		self.assertEqual(ktap[0], results.GUEST_BEGIN)
		self.assertEqual(ktap[-1], results.GUEST_END)
		self.assertNotIn('[    1.0] some kernel line', ktap)
		self.assertTrue(results.guest_done(CONSOLE))
		self.assertFalse(results.guest_done(CONSOLE[:-1]))

	def test_subtest_lines(self):
		self.assertEqual(results.subtest_lines(CONSOLE, 'two'),
				 ['# Subtest: two', '1..1',
				  'ok 1 only # SKIP no tool', 'ok 2 two'])


class MarksTest(unittest.TestCase):
	"""The guest's marks, one file for both sides: what bash makes of
	tests/guest/lib/marks.sh is what the runner reads."""

	def test_bash_reads_the_same(self):
		marks = results.read_marks(results.MARKS_FILE)
		self.assertGreaterEqual(set(marks), {
			'MARKER_GUEST_BEGIN', 'MARKER_GUEST_END',
			'MARKER_GUEST_DONE', 'MARKER_INJECT_BEGIN',
			'MARKER_INJECT_END'})
		script = '. "$0"; ' + '; '.join(
			f'printf "%s\\n" "${name}"' for name in marks)
		out = subprocess.run(['bash', '-c', script,
				      str(results.MARKS_FILE)], check=True,
				     text=True, capture_output=True).stdout
		self.assertEqual(out.splitlines(), list(marks.values()))

	def test_only_assignments(self):
		with tempfile.TemporaryDirectory() as d:
			path = Path(d) / 'marks.sh'
			path.write_text("# c\n\nA_B='x y'\n")
			self.assertEqual(results.read_marks(path), {'A_B': 'x y'})
			path.write_text('A_B="x $y"\n')
			with self.assertRaises(ValueError):
				results.read_marks(path)


class KunitSummaryTest(unittest.TestCase):

	def test_last_summary_counts(self):
		out = ('[10:00:00] Testing complete. Ran 3 tests: passed: 3\n'
		       '[10:01:00] \x1b[1;31mTesting complete. Ran 9 tests: '
		       'passed: 5, failed: 1, crashed: 1, skipped: 1, '
		       'errors: 1\x1b[0m\n')
		c = results.kunit_summary(out)
		self.assertEqual((c.passed, c.failed, c.skipped), (5, 3, 1))

	def test_no_summary(self):
		self.assertIsNone(results.kunit_summary('[10:00:00] Building\n'))


@unittest.skipIf(not _trees(), 'no kernel tree unpacked in the cache')
class ParseKtapTest(unittest.TestCase):
	"""Each tree's own kunit_parser reads the guest's document."""

	def test_counts_and_parts(self):
		def check(tree):
			c = results.parse_ktap(tree, results.guest_ktap(CONSOLE))
			self.assertEqual((c.passed, c.failed, c.skipped), (1, 1, 1))
			self.assertEqual(c.parts,
					 [('one', 1, 1, 0), ('two', 0, 0, 1)])
		_each_tree(self, check)

	def test_no_ktap_is_a_failure(self):
		def check(tree):
			c = results.parse_ktap(tree, ['no tests here'])
			self.assertEqual((c.passed, c.failed), (0, 1))
		_each_tree(self, check)

	def test_missing_result_is_a_failure(self):
		lines = ['KTAP version 1', '1..2', 'ok 1 a']

		def check(tree):
			c = results.parse_ktap(tree, lines)
			self.assertEqual(c.passed, 1)
			self.assertGreaterEqual(c.failed, 1)
		_each_tree(self, check)

	def test_judge_guest_console_fault(self):
		lines = CONSOLE[:-1] + ['WARNING: CPU: 0 PID: 1 at x.c:1']

		def check(tree):
			c = results.judge_guest(tree, lines, 'test')
			# one failed case, one for the report, one for no end
			self.assertEqual((c.passed, c.failed), (1, 3))
		_each_tree(self, check)


# A shell test's calls of the KTAP library (scripts/lib/ktap.sh): its
# output is what ShellKtapTest parses.
SHELL_TEST = r"""
. "$1"
ktap_plan 5
ktap_diag "starting"
ktap_check first true
ktap_check_eq second 1 "$(printf '2\n3')"
ktap_check_msg third "no such file" test -e /nonexistent
ktap_skip fourth "no tool"
printf 'a diff\n+line\n' | ktap_diag_file
ktap_ok fifth
ktap_finished --summary
"""


class ShellKtapTest(unittest.TestCase):
	"""The shell steps' KTAP library, as the runner reads it."""

	def run_shell(self, script):
		lib = env.REPO / 'scripts/lib/ktap.sh'
		p = subprocess.run(['bash', '-c', script, 'test', str(lib)],
				   capture_output=True, text=True)
		return p.returncode, p.stdout.splitlines()

	def test_lines_totals_and_exit(self):
		rc, out = self.run_shell(SHELL_TEST)
		self.assertEqual(rc, 1)
		self.assertEqual(out, [
			'KTAP version 1', '1..5', '# starting', 'ok 1 first',
			'not ok 2 second # want [1] got [2 3]',
			'not ok 3 third # no such file',
			'ok 4 fourth # SKIP no tool', '# a diff', '# +line',
			'ok 5 fifth',
			'# Totals: pass:2 fail:2 xfail:0 xpass:0 skip:1 error:0',
			'2 passed, 2 failed'])

	def test_plan_not_kept_fails(self):
		rc, out = self.run_shell('. "$1"; ktap_plan 2; ktap_ok a; '
					 'ktap_finished')
		self.assertEqual(rc, 1)
		self.assertEqual(out[-2:], [
			'# planned 2 tests, ran 1',
			'# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:0'])

	def test_all_passed(self):
		rc, _ = self.run_shell('. "$1"; ktap_plan 2; ktap_ok a; '
				       'ktap_skip b why; ktap_finished')
		self.assertEqual(rc, 0)

	@unittest.skipIf(not _trees(), 'no kernel tree unpacked in the cache')
	def test_each_parser_reads_it(self):
		_, out = self.run_shell(SHELL_TEST)

		def check(tree):
			c = results.parse_ktap(tree, out)
			self.assertEqual((c.passed, c.failed, c.skipped), (2, 2, 1))
		_each_tree(self, check)


class CountsTest(unittest.TestCase):

	def test_add_and_round_trip(self):
		a = Counts(2, 1, 0)
		a.add(Counts(3, 0, 1), 'part')
		self.assertEqual(a.line(), '5 passed, 1 failed')
		with tempfile.TemporaryDirectory() as d:
			path = Path(d) / 'r.json'
			a.save(path)
			b = Counts.load(path)
		self.assertEqual(b, a)
		self.assertEqual(b.parts, [('part', 3, 0, 1)])


if __name__ == '__main__':
	unittest.main()
