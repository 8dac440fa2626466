# SPDX-License-Identifier: GPL-2.0
"""Tests of the benchmark's report: its tables, on lines made with the
modules' pr_info() formats from times in picoseconds, as the modules keep
them; the text sizes, on readelf -sW's output of the modules built against
6.1; the host's and the guest's facts."""

import unittest

from mct import bench


def ns(ps: int) -> str:
	"""%llu.%03llu of ps / 1000 and ps % 1000."""
	return f'{ps // 1000}.{ps % 1000:03d}'


def marker_line(name: str, lo: int, med: int, p90: int) -> str:
	"""mcb_report()'s line, as a KTAP diagnostic: the best of four
	placements of the timing loop, then the worst one's median."""
	return (f'# marker_bench: {name:<14} min {ns(lo)} ns/call '
		f'median {ns(med)} ns/call p90 {ns(p90)} ns/call '
		f'(loop 2 of 4; worst median {ns(2 * med)})')


def event_line(mode: str, name: str, lo: int, med: int, p90: int) -> str:
	"""ebench_print()'s line, as a KTAP diagnostic, as marker_line()."""
	return (f'# event_bench: {mode} {name} min {ns(lo)} median {ns(med)} '
		f'p90 {ns(p90)} ns/event (loop 3 of 4; worst median '
		f'{ns(2 * med)})')


MARKER = {
	'empty': (10250, 10500, 10800),
	'marker_off': (11300, 11900, 12500),
	'marker_var_off': (12004, 12600, 13000),
	'tp_off': (10900, 11450, 11900),
	'marker_on': (48123, 50007, 52000),
	'tp_on': (31870, 33000, 34100),
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


# The tables of run_lines().  Issue 19's: 410.0 / 305.1, 402.3 / 300.0;
# 640.0 / 410.0, 620.0 / 402.3; 152 / 141, 150 / 140; net of the empty
# call (50.007 - 10.5) / (33.0 - 10.5) and (48.123 - 10.25) /
# (31.87 - 10.25); 11.9 / 11.45 and 11.3 / 10.9.
TABLES = [
	'marker_bench: 51 rounds of 100000 calls per variant',
	'',
	'  ns per call                                   min     median        p90  min-empty',
	'  empty function call (loop cost)            10.250     10.500     10.800      0.000',
	'  marker site, disabled                      11.300     11.900     12.500      1.050',
	'  _trace_mark() site, disabled               12.004     12.600     13.000      1.754',
	'  native tracepoint, disabled                10.900     11.450     11.900      0.650',
	'  marker site, empty probe                   48.123     50.007     52.000     37.873',
	'  native tracepoint, empty probe             31.870     33.000     34.100     21.620',
	'',
	'  ratio marker / tracepoint                     min     median        p90  min-empty',
	'  disabled                                     1.04       1.04       1.05          -',
	'  enabled, empty probe                         1.51       1.52       1.52       1.75',
	'',
	'  ns per recorded event                         min     median        p90',
	'  empty function call (loop cost)              10.1       10.2       10.9',
	'  marker event markers:ebench_marker          402.3      410.0      455.6',
	'  TRACE_EVENT() of the same payload           300.0      305.1      330.0',
	'  trace_printk() of the same payload          620.0      640.0      700.0',
	'  marker event, filtered out                  150.0      152.0      160.0',
	'  TRACE_EVENT(), filtered out                 140.0      141.0      150.0',
	'',
	'  ratio                                         min     median        p90',
	'  marker event / TRACE_EVENT()                 1.34       1.34       1.38',
	'  trace_printk() / marker event                1.54       1.56       1.54',
	'  filtered out: marker / TRACE_EVENT()         1.07       1.08       1.07',
	'',
	'  issue 19 (informative)                     median        min     target',
	'  marker event / TRACE_EVENT()                 1.34       1.34     <= 0.9',
	'  trace_printk() / marker event                1.56       1.54     >= 2.0',
	'  filtered out: marker / TRACE_EVENT()         1.08       1.07     <= 0.8',
	'  empty probe, net: marker / tracepoint        1.76       1.75     <= 2.0',
	'  disabled: marker / tracepoint                1.04       1.04        1.0',
	'  (the empty-probe ratio is net of the empty call: median-empty and min-empty)',
]


# The tables' headers, and the note under issue 19's table.
HEADS = [l for l in TABLES if l.endswith(('min-empty', 'p90', 'target'))]
NOTE = TABLES[-1]
# Where a row's label ends, and the width of each column after it
# (bench._row()).
LABEL = 40
CELL = 11


def cells(line: str) -> list[str]:
	"""The columns of a row, after its label."""
	return [line[i:i + CELL].strip()
		for i in range(LABEL, len(line), CELL)]


def row(table: list[str], what: str, nth: int = 0) -> list[str]:
	"""The columns of the row labelled what (the nth such)."""
	found = [l for l in table if l.startswith(f'  {what} ')]
	return cells(found[nth])


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
				marker=MARKER | {'tp_off': (tp_off, 11450, 11900)}))
			self.assertEqual(row(t, 'disabled'),
					 ['1.00', '1.04', '1.05', net])
		# The same rule on the median, in issue 19's table.
		for med, net in ((11500, '1.91'), (11499, '-')):
			t = bench.tables(run_lines(
				marker=MARKER | {'empty': (10250, 10500, 10800),
						 'tp_on': (31870, med, 34100),
						 'marker_on': (48123, 12410, 52000)}))
			self.assertEqual(row(t, 'empty probe, net: marker / '
					     'tracepoint'), [net, '1.75', '<= 2.0'])

	def test_last_line_counts(self):
		t = bench.tables(run_lines() +
				 [marker_line('tp_on', 30000, 31000, 32100)])
		self.assertEqual(row(t, 'native tracepoint, empty probe'),
				 ['30.000', '31.000', '32.100', '19.750'])
		self.assertEqual(row(t, 'enabled, empty probe'),
				 ['1.60', '1.61', '1.62', '1.92'])
		self.assertEqual(row(t, 'empty probe, net: marker / tracepoint'),
				 ['1.93', '1.92', '<= 2.0'])

	def test_missing_variants(self):
		marker = {k: v for k, v in MARKER.items() if k != 'tp_on'}
		event = {k: v for k, v in EVENT.items()
			 if k != ('enabled', 'trace_event')}
		t = bench.tables(run_lines(marker, event))
		self.assertEqual(len(t), len(TABLES))
		self.assertEqual(row(t, 'native tracepoint, empty probe'),
				 ['-', '-', '-', '-'])
		self.assertEqual(row(t, 'enabled, empty probe'),
				 ['-', '-', '-', '-'])
		self.assertEqual(row(t, 'TRACE_EVENT() of the same payload'),
				 ['-', '-', '-'])
		self.assertEqual(row(t, 'marker event / TRACE_EVENT()'),
				 ['-', '-', '-'])
		self.assertEqual(row(t, 'marker event / TRACE_EVENT()', 1),
				 ['-', '-', '<= 0.9'])
		self.assertEqual(row(t, 'empty probe, net: marker / tracepoint'),
				 ['-', '-', '<= 2.0'])
		# The others are as they were.
		self.assertEqual(row(t, 'disabled'), ['1.04', '1.04', '1.05', '-'])
		self.assertEqual(row(t, 'trace_printk() / marker event'),
				 ['1.54', '1.56', '1.54'])
		self.assertEqual(row(t, 'trace_printk() / marker event', 1),
				 ['1.56', '1.54', '>= 2.0'])

	def test_missing_empty(self):
		marker = {k: v for k, v in MARKER.items() if k != 'empty'}
		t = bench.tables(run_lines(marker))
		self.assertEqual(row(t, 'empty function call (loop cost)'),
				 ['-', '-', '-', '-'])
		self.assertEqual(row(t, 'empty function call (loop cost)', 1),
				 ['10.1', '10.2', '10.9'])
		self.assertEqual(row(t, 'marker site, empty probe'),
				 ['48.123', '50.007', '52.000', '-'])
		self.assertEqual(row(t, 'enabled, empty probe'),
				 ['1.51', '1.52', '1.52', '-'])
		self.assertEqual(row(t, 'empty probe, net: marker / tracepoint'),
				 ['-', '-', '<= 2.0'])
		self.assertEqual(row(t, 'disabled: marker / tracepoint'),
				 ['1.04', '1.04', '1.0'])

	def test_zero_divisor(self):
		event = EVENT | {('filtered', 'trace_event'): (0, 141000, 150000)}
		t = bench.tables(run_lines(event=event))
		self.assertEqual(row(t, 'filtered out: marker / TRACE_EVENT()'),
				 ['-', '1.08', '1.07'])
		self.assertEqual(row(t, 'filtered out: marker / TRACE_EVENT()', 1),
				 ['1.08', '-', '<= 0.8'])

	def test_old_marker_lines(self):
		# A module of before p90 is not read as this one.
		old = [l.split(' p90 ')[0] for l in run_lines()
		       if 'marker_bench: ' in l]
		self.assertEqual(bench.tables(old)[2:11],
				 bench.tables([])[1:10])

	def test_nothing(self):
		# No header line; the same rows, every cell a "-" but the
		# targets.
		t = bench.tables([])
		self.assertEqual(len(t), len(TABLES) - 1)
		n = len(bench.TARGETS)
		targets = [cells(l)[-1] for l in TABLES[-1 - n:-1]]
		self.assertEqual(len(targets), len(bench.TARGETS))
		for got, want in zip(t, TABLES[1:]):
			if want in HEADS or want == NOTE or not want:
				self.assertEqual(got, want)
				continue
			self.assertEqual(got[:LABEL], want[:LABEL])
			got_cells = cells(got)
			if got_cells[-1] != '-':
				self.assertEqual(got_cells[-1], targets.pop(0))
				got_cells.pop()
			self.assertEqual(set(got_cells), {'-'})
		self.assertEqual(targets, [])

	def test_other_lines(self):
		noise = ['[    3.210000] marker_bench: marker_probe_register: -12',
			 '# event_bench: enabled: done',
			 'ok 2 marker_bench_done']
		self.assertEqual(bench.tables(noise), bench.tables([]))


# readelf -sW of the modules built against 6.1 (tools/bench, the bench
# kernel), cut to the header and the functions.
READELF_MARKER = """
Symbol table '.symtab' contains 98 entries:
   Num:    Value          Size Type    Bind   Vis      Ndx Name
     0: 0000000000000000     0 NOTYPE  LOCAL  DEFAULT  UND 
     3: 0000000000000000     0 SECTION LOCAL  DEFAULT    3 .text
     6: 0000000000000000     0 SECTION LOCAL  DEFAULT    9 .text.unlikely
    37: 0000000000000040     5 FUNC    LOCAL  DEFAULT    3 mcb_empty_site
    38: 0000000000000050     5 FUNC    LOCAL  DEFAULT    3 mcb_marker_probe
    39: 0000000000000060     5 FUNC    LOCAL  DEFAULT    3 mcb_tp_probe
    40: 0000000000000070    29 FUNC    LOCAL  DEFAULT    3 mcb_cmp_u64
    41: 0000000000000000     5 FUNC    LOCAL  DEFAULT    7 mcb_exit
    42: 0000000000000000    68 FUNC    LOCAL  DEFAULT    9 mcb_report
    44: 0000000000000090    65 FUNC    LOCAL  DEFAULT    3 mcb_tp_site
    45: 00000000000000e0    34 FUNC    LOCAL  DEFAULT    3 mcb_marker_var_site
    47: 0000000000000110    26 FUNC    LOCAL  DEFAULT    3 mcb_marker_site
    49: 0000000000000044    98 FUNC    LOCAL  DEFAULT    9 mcb_time_batch
    52: 00000000000000a6   211 FUNC    LOCAL  DEFAULT    9 mcb_measure
    53: 0000000000000000   612 FUNC    LOCAL  DEFAULT   11 mcb_init
    75: 0000000000000000     5 FUNC    GLOBAL DEFAULT    7 cleanup_module
    78: 0000000000000000   612 FUNC    GLOBAL DEFAULT   11 init_module
    82: 0000000000000000    61 FUNC    GLOBAL DEFAULT    3 __traceiter_mcb_native
    93: 0000000000000000     8 FUNC    GLOBAL DEFAULT    5 __SCT__tp_func_mcb_native
"""
READELF_EVENT = """
Symbol table '.symtab' contains 114 entries:
   Num:    Value          Size Type    Bind   Vis      Ndx Name
     5: 0000000000000000     0 SECTION LOCAL  DEFAULT    7 .text.unlikely
    36: 0000000000000060     5 FUNC    LOCAL  DEFAULT    3 ebench_empty
    37: 0000000000000070    29 FUNC    LOCAL  DEFAULT    3 ebench_cmp
    38: 0000000000000090   322 FUNC    LOCAL  DEFAULT    3 perf_trace_ebench_native
    39: 00000000000001e0    69 FUNC    LOCAL  DEFAULT    3 ebench_trace_event
    40: 0000000000000230   220 FUNC    LOCAL  DEFAULT    3 trace_event_raw_event_ebench_native
    41: 0000000000000310    80 FUNC    LOCAL  DEFAULT    3 trace_raw_output_ebench_native
    42: 0000000000000360    32 FUNC    LOCAL  DEFAULT    3 ebench_trace_printk
    44: 0000000000000380    31 FUNC    LOCAL  DEFAULT    3 ebench_marker
    46: 0000000000000000   104 FUNC    LOCAL  DEFAULT    7 ebench_batch
    49: 00000000000003a0   265 FUNC    LOCAL  DEFAULT    3 ebench_run_set
    53: 0000000000000068   347 FUNC    LOCAL  DEFAULT    7 ebench_run_set.cold
   101: 0000000000000000     8 FUNC    GLOBAL DEFAULT    5 __SCT__tp_func_ebench_native
   103: 0000000000000000    81 FUNC    GLOBAL DEFAULT    3 __traceiter_ebench_native
"""

# The text table of READELF_MARKER and READELF_EVENT: a site is its
# function less the empty one (5 bytes on both).
TEXT = [
	'',
	'  text per site, bytes                     function of it cold       site',
	'  marker_bench.ko',
	'    empty function                                5          0          0',
	'    trace_mark() site                            26          0         21',
	'    _trace_mark() site                           34          0         29',
	'    native tracepoint                            65          0         60',
	'  event_bench.ko',
	'    empty function                                5          0          0',
	'    marker event site                            31          0         26',
	'    TRACE_EVENT() site                           69          0         64',
	'    trace_printk() site                          32          0         27',
]


def sizes(marker: str = READELF_MARKER, event: str = READELF_EVENT) \
		-> dict[str, bench.Sizes]:
	return {'marker_bench': bench.func_sizes(marker),
		'event_bench': bench.func_sizes(event)}


class TextTest(unittest.TestCase):

	def test_functions(self):
		got = bench.func_sizes(READELF_MARKER)
		self.assertEqual({f: got.get(f) for f, _ in
				  bench.TEXT_SITES['marker_bench']},
				 {'mcb_empty_site': (5, 0),
				  'mcb_marker_site': (26, 0),
				  'mcb_marker_var_site': (34, 0),
				  'mcb_tp_site': (65, 0)})
		# Not the sections, nor the undefined symbol.
		self.assertNotIn('.text', got)
		self.assertNotIn('', got)

	def test_every_site_found(self):
		# The table's every site is in the modules of 6.1.
		for module, found in sizes().items():
			for func, _ in bench.TEXT_SITES[module]:
				self.assertIn(func, found)

	def test_cold_part(self):
		got = bench.func_sizes(READELF_EVENT)
		self.assertEqual(got['ebench_run_set'], (265, 347))
		# Counted in its site's function.
		cold = READELF_EVENT + (
			'    54: 0000000000000200    12 FUNC    LOCAL  DEFAULT'
			'    7 ebench_marker.cold\n'
			'    55: 0000000000000210     3 FUNC    LOCAL  DEFAULT'
			'    7 ebench_marker.cold.1\n')
		t = bench.text_table(sizes(event=cold))
		self.assertEqual(cells(t[9]), ['46', '15', '41'])

	def test_hex_size(self):
		big = READELF_MARKER.replace(
			'   26 FUNC    LOCAL  DEFAULT    3 mcb_marker_site',
			'0x186a0 FUNC    LOCAL  DEFAULT    3 mcb_marker_site')
		self.assertEqual(bench.func_sizes(big)['mcb_marker_site'],
				 (100000, 0))

	def test_table(self):
		self.assertEqual(bench.text_table(sizes()), TEXT)

	def test_nothing(self):
		self.assertEqual(bench.func_sizes(''), {})
		t = bench.text_table(sizes('', ''))
		self.assertEqual(len(t), len(TEXT))
		for got, want in zip(t, TEXT):
			if want and want.split()[-1].isdigit():
				self.assertEqual(got[:LABEL], want[:LABEL])
				self.assertEqual(cells(got), ['-'] * 3)
			else:
				self.assertEqual(got, want)

	def test_missing_empty(self):
		no_empty = READELF_MARKER.replace('mcb_empty_site', 'mcb_other')
		t = bench.text_table(sizes(marker=no_empty))
		self.assertEqual(cells(t[4]), ['26', '0', '-'])
		self.assertEqual(cells(t[9]), ['31', '0', '26'])


class FactsTest(unittest.TestCase):

	def test_cpu_model(self):
		cpuinfo = ('processor\t: 0\nvendor_id\t: AuthenticAMD\n'
			   'model name\t: AMD EPYC  7B13 64-Core Processor\n'
			   'processor\t: 1\nmodel name\t: other\n')
		self.assertEqual(bench.cpu_model(cpuinfo),
				 'AMD EPYC 7B13 64-Core Processor')
		self.assertEqual(bench.cpu_model('processor\t: 0\n'), 'unknown')

	def test_preemption(self):
		config = ('CONFIG_PREEMPT_BUILD=y\n# CONFIG_PREEMPT_NONE is not set\n'
			  'CONFIG_PREEMPT=y\nCONFIG_PREEMPT_COUNT=y\n'
			  'CONFIG_PREEMPT_DYNAMIC=y\nCONFIG_PREEMPT_RT=n\n')
		self.assertEqual(bench.preemption(config),
				 'CONFIG_PREEMPT=y, CONFIG_PREEMPT_DYNAMIC=y')
		self.assertEqual(bench.preemption('CONFIG_PREEMPTION=y\n'),
				 'unknown')

	def test_guest_facts(self):
		lines = ['# guest: kernel: 6.1.0 #1 PREEMPT Debian',
			 'ok 1 marker_bench_loads',
			 '# guest: vcpus: 2',
			 '# guest: vcpus: 1 ',
			 'guest: vcpus: 9']
		self.assertEqual(bench.guest_facts(lines),
				 {'kernel': '6.1.0 #1 PREEMPT Debian', 'vcpus': '1'})


if __name__ == '__main__':
	unittest.main()
