# SPDX-License-Identifier: GPL-2.0
"""The results layer: what a run's output says.

Every test prints KTAP.  It is read with the kernel tree's own parser
(tools/testing/kunit/kunit_parser.py), so KUnit suites, guest tests,
module scenarios and the shell steps are all counted the same way.  A
console is also scanned for the reports a healthy kernel never prints:
one of them fails the run whatever the KTAP says.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import re
import sys
from pathlib import Path
from typing import Iterable, Optional

from mct import env

_COLOUR = re.compile(r'\x1b\[[0-9;]*m')

# Lines a healthy kernel never prints: warnings, bugs and oopses, lockdep,
# RCU and KASAN reports, kmemleak findings, stalls.
FAULT = re.compile(r'WARNING:|BUG:|Oops|Kernel panic|Call Trace:|'
                   r'general protection|possible circular locking|'
                   r'inconsistent lock state|suspicious RCU usage|KASAN:|'
                   r'unreferenced object|detected stall')

# The lines the guest writes that the host looks for, as the guest
# defines them.
MARKS_FILE = env.REPO / 'tests/guest/lib/marks.sh'


def read_marks(path: Path) -> dict[str, str]:
	"""The NAME='line' assignments of path, by name.  Anything else
	but comments and blank lines is refused: bash would read it some
	other way."""
	marks = {}
	for n, line in enumerate(path.read_text().splitlines(), 1):
		if not line.strip() or line.startswith('#'):
			continue
		m = re.fullmatch(r"([A-Z_]+)='([^']*)'", line)
		if not m:
			raise ValueError(f'{path}:{n}: not NAME=\'line\': {line!r}')
		marks[m.group(1)] = m.group(2)
	return marks


_MARKS = read_marks(MARKS_FILE)
# A test that injects allocation failures on purpose
# (tests/guest/lib/alloc_sweep.py) logs these around them; in between,
# the kernel's report of a failed allocation (warn_alloc(): its first
# line to the end of its stack dump) is expected, not a fault.
INJECT_BEGIN = _MARKS['MARKER_INJECT_BEGIN']
INJECT_END = _MARKS['MARKER_INJECT_END']
_ALLOC_REPORT = re.compile(r'vmalloc error: size|page allocation failure:')

# The guest's init (tests/guest/lib/init.sh) brackets the tests' KTAP
# and says when the guest is done.
GUEST_BEGIN = _MARKS['MARKER_GUEST_BEGIN']
GUEST_END = _MARKS['MARKER_GUEST_END']
GUEST_DONE = _MARKS['MARKER_GUEST_DONE']

# kunit.py's own summary of a run.
_KUNIT_SUMMARY = re.compile(r'Testing complete\. Ran \d+ tests:(.*)')


def uncoloured(line: str) -> str:
	"""The line without the terminal colour codes a console may carry."""
	return _COLOUR.sub('', line)


@dataclasses.dataclass
class Counts:
	"""Test cases of a run.  Crashed cases and parse errors are failed;
	skipped ones are neither passed nor failed.  parts: the counts of
	each top-level test (a guest test, a suite), for the summary."""
	passed: int = 0
	failed: int = 0
	skipped: int = 0
	parts: list = dataclasses.field(default_factory=list)

	def add(self, other: Counts, name: Optional[str] = None) -> None:
		self.passed += other.passed
		self.failed += other.failed
		self.skipped += other.skipped
		if name is not None:
			self.parts.append((name, other.passed, other.failed,
					   other.skipped))
		else:
			self.parts.extend(other.parts)

	def ok(self, name: str) -> None:
		self.passed += 1
		print(f'ok: {name}')

	def fail(self, name: str) -> None:
		self.failed += 1
		print(f'FAILED: {name}')

	def skip(self, name: str) -> None:
		self.skipped += 1
		print(f'SKIP: {name}')

	def check(self, good: bool, name: str) -> bool:
		(self.ok if good else self.fail)(name)
		return good

	def judge(self, name: str, why: Optional[str]) -> bool:
		"""A case that failed for the reason why, or passed (None)."""
		return self.check(why is None, f'{name}: {why}' if why else name)

	def line(self) -> str:
		return f'{self.passed} passed, {self.failed} failed'

	def save(self, path: Path) -> None:
		path.write_text(json.dumps(dataclasses.asdict(self)))

	@classmethod
	def load(cls, path: Path) -> Counts:
		d = json.loads(path.read_text())
		return cls(d['passed'], d['failed'], d['skipped'],
			   [tuple(p) for p in d['parts']])


_parsers: dict = {}


def _parser(tree: Path):
	"""The tree's kunit_parser module.  Each tree has its own (6.1's,
	6.12's and 7.3's differ), under the same module names: import each
	once, with its kunit_printer, under its own path."""
	key = str(tree)
	if key not in _parsers:
		for mod in ('kunit_parser', 'kunit_printer'):
			sys.modules.pop(mod, None)
		sys.path.insert(0, str(tree / 'tools/testing/kunit'))
		try:
			_parsers[key] = importlib.import_module('kunit_parser')
		finally:
			sys.path.pop(0)
			for mod in ('kunit_parser', 'kunit_printer'):
				sys.modules.pop(mod, None)
	return _parsers[key]


def has_ktap(lines: Iterable[str]) -> bool:
	return any(re.match(r'\s*K?TAP version \d+$', l) for l in lines)


def _parse_run_tests(parser, lines: list[str]):
	"""The parser's parse_run_tests(), whichever form it has.  6.1's and
	6.12's take the lines and print the view with its summary line; 7.3's
	also take the Printer to print it with and leave the summary line to
	the caller (kunit.py), so give it both.  Told apart by the signature,
	not the version, as the compat headers tell kernels apart."""
	if 'printer' not in inspect.signature(parser.parse_run_tests).parameters:
		return parser.parse_run_tests(lines)
	printer = parser.Printer(output=sys.stdout)
	test = parser.parse_run_tests(lines, printer)
	parser.print_summary_line(test, printer)
	return test


def parse_ktap(tree: Path, lines: list[str]) -> Counts:
	"""Parse a KTAP document with the tree's parser, which prints its
	condensed view as kunit.py parse does.  No KTAP at all is a failure."""
	test = _parse_run_tests(_parser(tree), lines)
	c = test.counts
	counts = Counts(c.passed, c.failed + c.crashed + c.errors, c.skipped)
	if counts.passed + counts.failed + counts.skipped == 0:
		counts.failed = 1
	# The summary names each test that is a group of cases (a guest
	# test, the suites of a module), not each case.
	for sub in test.subtests:
		if not sub.subtests:
			continue
		s = sub.counts
		counts.parts.append((sub.name, s.passed,
				     s.failed + s.crashed + s.errors, s.skipped))
	return counts


def suite_cases(tree: Path, lines: list[str], suite: str) -> dict[str, str]:
	"""The cases of the KUnit suite named suite in a KTAP document (a
	kunit.py run's test.log), read with the tree's parser: each case's
	status (SUCCESS, FAILURE, SKIPPED, TEST_CRASHED, ...) by name; empty
	if the suite is not there."""
	test = _parse_run_tests(_parser(tree), lines)
	for sub in test.subtests:
		if sub.name == suite:
			return {c.name: c.status.name for c in sub.subtests}
	return {}


def kunit_summary(text: str) -> Optional[Counts]:
	"""The counts of kunit.py run's last "Testing complete" line, if any."""
	found = _KUNIT_SUMMARY.findall(uncoloured(text))
	if not found:
		return None
	n = dict((k, int(v)) for k, v in re.findall(r'(\w+): (\d+)', found[-1]))
	return Counts(n.get('passed', 0),
		      n.get('failed', 0) + n.get('crashed', 0) +
		      n.get('errors', 0), n.get('skipped', 0))


def console_faults(lines: list[str]) -> list[str]:
	"""The console's lines (numbered from 1) a healthy kernel never
	prints, but for allocation reports inside injected failures."""
	faults = []
	injecting = skipping = False
	for n, raw in enumerate(lines, 1):
		line = uncoloured(raw)
		if INJECT_BEGIN in line:
			injecting = True
		elif INJECT_END in line:
			injecting = False
		if injecting and _ALLOC_REPORT.search(line):
			skipping = True
		if not skipping and FAULT.search(line):
			faults.append(f'{n}:{raw}')
		if skipping and '</TASK>' in line:
			skipping = False
	return faults


def guest_ktap(lines: list[str]) -> list[str]:
	"""The tests' KTAP on a guest console, without the kernel's own."""
	out, inside = [], False
	for line in lines:
		if line.startswith(GUEST_BEGIN):
			inside = True
		if inside:
			out.append(line)
			if line.startswith(GUEST_END):
				break
	return out


def guest_done(lines: list[str]) -> bool:
	return any(l.startswith(GUEST_DONE) for l in lines)


def subtest_lines(lines: list[str], name: str) -> list[str]:
	"""A guest test's own lines in the document, unindented."""
	out, inside = [], False
	for line in lines:
		if line.strip() == f'# Subtest: {name}':
			inside = True
		if inside:
			out.append(line[4:] if line.startswith('    ') else line)
			if re.match(rf'(not )?ok \d+ {re.escape(name)}\b', line):
				break
	return out


def judge_guest(tree: Path, lines: list[str], who: str) -> Counts:
	"""A guest console: the tests' KTAP, and one more failure if the
	kernel complained or the guest did not finish."""
	counts = parse_ktap(tree, guest_ktap(lines))
	faults = console_faults(lines)
	if faults:
		print('\n'.join(faults))
		counts.fail(f'{who}: the kernel complained on the console (above)')
	if not guest_done(lines):
		counts.fail(f'{who}: the guest did not finish')
	return counts
