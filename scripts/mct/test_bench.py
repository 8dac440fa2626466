# SPDX-License-Identifier: GPL-2.0
"""Tests of the benchmark's tables, on lines made with the modules'
pr_info() formats from times in picoseconds, as the modules keep them."""

import unittest

from mct import bench


def ns(ps: int) -> str:
	"""%llu.%03llu of ps / 1000 and ps % 1000."""
	return f'{ps // 1000}.{ps % 1000:03d}'


def marker_line(name: str, lo: int, med: int) -> str:
	"""mcb_report()'s line, as a KTAP diagnostic."""
	return (f'# marker_bench: {name:<14} min {ns(lo)} ns/call '
		f'median {ns(med)} ns/call')


def event_line(mode: str, name: str, lo: int, med: int, p90: int) -> str:
	"""ebench_print()'s line, as a KTAP diagnostic."""
	return (f'# event_bench: {mode} {name} min {ns(lo)} median {ns(med)} '
		f'p90 {ns(p90)} ns/event')


MARKER = {
	'empty': (10250, 10500),
	'marker_off': (11300, 11900),
	'marker_var_off': (12004, 12600),
	'tp_off': (10900, 11450),
	'marker_on': (48123, 50007),
	'tp_on': (31870, 33000),
}

EVENT = {
	('enabled', 'empty'): (10100, 10200, 10950),
	('enabled', 'marker_event'): (402300, 410000, 455555),
	('enabled', 'trace_event'): (300000, 305100, 330000),
	('enabled', 'trace_printk'): (620000, 640000, 700000),
	('filtered', 'empty'): (10100, 10200, 10950),
	('filtered', 'marker_event'): (150000, 152000, 160000),
	('filtered', 'trace_event'): (140000, 141000, 150000),
}


def run_lines(marker=MARKER, event=EVENT) -> list[str]:
	"""What the guest's bench.sh prints of one run, the modules' other
	lines included."""
	lines = ['# marker_bench: 51 rounds of 100000 calls per variant']
	lines += [marker_line(n, *t) for n, t in marker.items()]
	lines.append('# marker_bench: done')
	for mode in ('enabled', 'filtered'):
		lines.append(f'# event_bench: {mode}: 31 rounds of 20000 events '
			     'per variant')
		lines += [event_line(m, n, *t) for (m, n), t in event.items()
			  if m == mode]
		lines.append(f'# event_bench: {mode}: done')
	return lines


# The old shell tables' output on run_lines().
TABLES = [
	'marker_bench: 51 rounds of 100000 calls per variant',
	'',
	'  ns per call                               min     median  min-empty',
	'  empty function call (loop cost)        10.250     10.500      0.000',
	'  marker site, disabled                  11.300     11.900      1.050',
	'  _trace_mark() site, disabled           12.004     12.600      1.754',
	'  native tracepoint, disabled            10.900     11.450      0.650',
	'  marker site, empty probe               48.123     50.007     37.873',
	'  native tracepoint, empty probe         31.870     33.000     21.620',
	'',
	'  ratio marker / tracepoint                 min     median  min-empty',
	'  disabled                                 1.04       1.04          -',
	'  enabled, empty probe                     1.51       1.52       1.75',
	'',
	'  ns per recorded event                     min     median        p90',
	'  empty function call (loop cost)          10.1       10.2       10.9',
	'  marker event markers:ebench_marker      402.3      410.0      455.6',
	'  TRACE_EVENT() of the same payload       300.0      305.1      330.0',
	'  trace_printk() of the same payload      620.0      640.0      700.0',
	'  marker event, filtered out              150.0      152.0      160.0',
	'  TRACE_EVENT(), filtered out             140.0      141.0      150.0',
	'',
	'  ratio                                     min     median        p90',
	'  marker event / TRACE_EVENT()             1.34       1.34       1.38',
	'  trace_printk() / marker event            1.54       1.56       1.54',
	'  filtered out: marker / TRACE_EVENT()       1.07       1.08       1.07',
]


# The tables' headers.
HEADS = [l for l in TABLES if l.endswith(('min-empty', 'p90'))]


def row(table: list[str], what: str, nth: int = 0) -> list[str]:
	"""The three columns of the row labelled what (the nth such)."""
	found = [l for l in table if l.startswith(f'  {what} ')]
	return found[nth].split()[-3:]


class TablesTest(unittest.TestCase):

	def test_run(self):
		self.assertEqual(bench.tables(run_lines()), TABLES)

	def test_without_ktap_prefix(self):
		lines = [l.removeprefix('# ') for l in run_lines()]
		self.assertEqual(bench.tables(lines), TABLES)

	def test_net_noise(self):
		# 1 ns of net cost is enough for a ratio, 0.999 ns is not.
		for tp_off, net in ((11250, '1.05'), (11249, '-')):
			t = bench.tables(run_lines(
				marker=MARKER | {'tp_off': (tp_off, 11450)}))
			self.assertEqual(row(t, 'disabled'), ['1.00', '1.04', net])

	def test_last_line_counts(self):
		t = bench.tables(run_lines() + [marker_line('tp_on', 30000, 31000)])
		self.assertEqual(row(t, 'native tracepoint, empty probe'),
				 ['30.000', '31.000', '19.750'])
		self.assertEqual(row(t, 'enabled, empty probe'),
				 ['1.60', '1.61', '1.92'])

	def test_missing_variants(self):
		marker = {k: v for k, v in MARKER.items() if k != 'tp_on'}
		event = {k: v for k, v in EVENT.items()
			 if k != ('enabled', 'trace_event')}
		t = bench.tables(run_lines(marker, event))
		self.assertEqual(len(t), len(TABLES))
		self.assertEqual(row(t, 'native tracepoint, empty probe'),
				 ['-', '-', '-'])
		self.assertEqual(row(t, 'enabled, empty probe'), ['-', '-', '-'])
		self.assertEqual(row(t, 'TRACE_EVENT() of the same payload'),
				 ['-', '-', '-'])
		self.assertEqual(row(t, 'marker event / TRACE_EVENT()'),
				 ['-', '-', '-'])
		# The others are as they were.
		self.assertEqual(row(t, 'disabled'), ['1.04', '1.04', '-'])
		self.assertEqual(row(t, 'trace_printk() / marker event'),
				 ['1.54', '1.56', '1.54'])

	def test_missing_empty(self):
		marker = {k: v for k, v in MARKER.items() if k != 'empty'}
		t = bench.tables(run_lines(marker))
		self.assertEqual(row(t, 'empty function call (loop cost)'),
				 ['-', '-', '-'])
		self.assertEqual(row(t, 'empty function call (loop cost)', 1),
				 ['10.1', '10.2', '10.9'])
		self.assertEqual(row(t, 'marker site, empty probe'),
				 ['48.123', '50.007', '-'])
		self.assertEqual(row(t, 'enabled, empty probe'),
				 ['1.51', '1.52', '-'])

	def test_zero_divisor(self):
		event = EVENT | {('filtered', 'trace_event'): (0, 141000, 150000)}
		t = bench.tables(run_lines(event=event))
		self.assertEqual(row(t, 'filtered out: marker / TRACE_EVENT()'),
				 ['-', '1.08', '1.07'])

	def test_nothing(self):
		# No header line; the same rows, every cell a "-".
		t = bench.tables([])
		self.assertEqual(len(t), len(TABLES) - 1)
		for got, want in zip(t, TABLES[1:]):
			if want in HEADS or not want:
				self.assertEqual(got, want)
			else:
				self.assertEqual(got.split()[:-3], want.split()[:-3])
				self.assertEqual(got.split()[-3:], ['-', '-', '-'])

	def test_other_lines(self):
		noise = ['[    3.210000] marker_bench: marker_probe_register: -12',
			 '# event_bench: enabled: done',
			 'ok 2 marker_bench_done']
		self.assertEqual(bench.tables(noise), bench.tables([]))


if __name__ == '__main__':
	unittest.main()
