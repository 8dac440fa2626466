# SPDX-License-Identifier: GPL-2.0
"""The benchmark's report, made of text: the lines tools/bench/marker_bench.c
and event_bench.c print, the symbol table of their modules (readelf -sW),
and the guest's and host's facts.  The costs are reported side by side and
as ratios, beside issue 19's targets, never judged."""

from __future__ import annotations

import re
from typing import Callable, Optional

_NUM = r'(\d+(?:\.\d+)?)'

# marker_bench.c, mcb_init() and mcb_report().
MARKER_HEADER_RE = re.compile(r'marker_bench: \d+ rounds.*')
MARKER_RE = re.compile(r'marker_bench: ([a-z_]+) +min ' + _NUM +
		       r' ns/call median ' + _NUM + r' ns/call p90 ' + _NUM)
# event_bench.c, ebench_print(): "event_bench: MODE NAME min ...".
EVENT_RE = re.compile(r'event_bench: ([a-z]+) ([a-z_]+) min ' + _NUM +
		      r' median ' + _NUM + r' p90 ' + _NUM)
# tests/bench/bench.sh: "guest: WHAT: VALUE", what the guest says of itself.
GUEST_RE = re.compile(r'# guest: ([a-z ]+): (.*)')

MARKER_ROWS = (
	('empty', 'empty function call (loop cost)'),
	('marker_off', 'marker site, disabled'),
	('marker_var_off', '_trace_mark() site, disabled'),
	('tp_off', 'native tracepoint, disabled'),
	('marker_on', 'marker site, empty probe'),
	('tp_on', 'native tracepoint, empty probe'),
)
MARKER_RATIOS = (
	('marker_off', 'tp_off', 'disabled'),
	('marker_on', 'tp_on', 'enabled, empty probe'),
)
EVENT_ROWS = (
	('enabled/empty', 'empty function call (loop cost)'),
	('enabled/marker_event', 'marker event markers:ebench_marker'),
	('enabled/trace_event', 'TRACE_EVENT() of the same payload'),
	('enabled/trace_printk', 'trace_printk() of the same payload'),
	('filtered/marker_event', 'marker event, filtered out'),
	('filtered/trace_event', 'TRACE_EVENT(), filtered out'),
)
EVENT_RATIOS = (
	('enabled/marker_event', 'enabled/trace_event',
	 'marker event / TRACE_EVENT()'),
	('enabled/trace_printk', 'enabled/marker_event',
	 'trace_printk() / marker event'),
	('filtered/marker_event', 'filtered/trace_event',
	 'filtered out: marker / TRACE_EVENT()'),
)

# Issue 19's targets, as (numerator, denominator, net, what, target):
# numerator and denominator are variants of either module ("empty",
# "marker_on", "enabled/trace_event"); net: both less the empty call of
# marker_bench first (the site's own cost).  Informative only: a ratio
# beside its target is never a pass or a failure.
TARGETS = (
	('enabled/marker_event', 'enabled/trace_event', False,
	 'marker event / TRACE_EVENT()', '<= 0.9'),
	('enabled/trace_printk', 'enabled/marker_event', False,
	 'trace_printk() / marker event', '>= 2.0'),
	('filtered/marker_event', 'filtered/trace_event', False,
	 'filtered out: marker / TRACE_EVENT()', '<= 0.8'),
	('marker_on', 'tp_on', True,
	 'empty probe, net: marker / tracepoint', '<= 2.0'),
	('marker_off', 'tp_off', False,
	 'disabled: marker / tracepoint', '1.0'),
)

# The site functions of the modules whose text is measured, by module:
# (function, what), the module's empty function first, since a site's
# bytes are its function's less the empty one's (the call's frame, the
# return and the padding are in both).
TEXT_SITES = {
	'marker_bench': (
		('mcb_empty_site', 'empty function'),
		('mcb_marker_site', 'trace_mark() site'),
		('mcb_marker_var_site', '_trace_mark() site'),
		('mcb_tp_site', 'native tracepoint'),
	),
	'event_bench': (
		('ebench_empty', 'empty function'),
		('ebench_marker', 'marker event site'),
		('ebench_trace_event', 'TRACE_EVENT() site'),
		('ebench_trace_printk', 'trace_printk() site'),
	),
}

# A symbol that is the out-of-line part of a function GCC split (cold
# code moved to .text.unlikely): NAME.cold, or NAME.cold.N.
_COLD_RE = re.compile(r'(.+)\.cold(?:\.\d+)?')

# A net cost (the empty call's subtracted) below this many nanoseconds is
# noise: no ratio is made of it.
NET_NOISE_NS = 1

Times = dict[str, list[float]]
# Function -> (bytes of its symbol, bytes of its .cold parts).
Sizes = dict[str, tuple[int, int]]


def _times(lines: list[str], regex: re.Pattern[str], nkey: int) -> Times:
	"""Name (the first nkey groups, joined by "/") -> the times (the other
	groups), of every line regex matches; for a name logged twice the
	last line counts."""
	times = {}
	for line in lines:
		m = regex.search(line)
		if m:
			g = m.groups()
			times['/'.join(g[:nkey])] = [float(t) for t in g[nkey:]]
	return times


def _div(a: Optional[float], b: Optional[float]) -> Optional[float]:
	"""a / b, or None (a "-") if either is missing or b is zero."""
	return a / b if a is not None and b else None


def _head(what: str, *cols: str) -> str:
	return f'  {what:<38}' + ''.join(f' {c:>10}' for c in cols)


def _row(what: str, prec: int, *cols: Optional[float]) -> str:
	return f'  {what:<38}' + ''.join(
		f' {c:10.{prec}f}' if c is not None else f' {"-":>10}'
		for c in cols)


def _col(times: Times, name: str, i: int) -> Optional[float]:
	return times[name][i] if name in times else None


def _net(times: Times, name: str, i: int) -> Optional[float]:
	"""Column i of name less the empty call's, or None."""
	if name in times and 'empty' in times:
		return times[name][i] - times['empty'][i]
	return None


def _net_ratio(times: Times, a: str, b: str, i: int) -> Optional[float]:
	"""(a - empty) / (b - empty) in column i; None unless both net costs
	are at least NET_NOISE_NS: below that they are noise."""
	na, nb = _net(times, a, i), _net(times, b, i)
	if na is None or nb is None or na < NET_NOISE_NS or nb < NET_NOISE_NS:
		return None
	return na / nb


def _marker_table(times: Times) -> list[str]:
	out = ['', _head('ns per call', 'min', 'median', 'p90', 'min-empty')]
	for name, what in MARKER_ROWS:
		out.append(_row(what, 3, *(_col(times, name, i) for i in range(3)),
				_net(times, name, 0)))
	out += ['', _head('ratio marker / tracepoint', 'min', 'median', 'p90',
			  'min-empty')]
	for a, b, what in MARKER_RATIOS:
		out.append(_row(what, 2, *(_div(_col(times, a, i),
						_col(times, b, i))
					   for i in range(3)),
				_net_ratio(times, a, b, 0)))
	return out


def _event_table(times: Times) -> list[str]:
	def cols(name: str) -> list[Optional[float]]:
		return list(times.get(name, [None] * 3))

	out = ['', _head('ns per recorded event', 'min', 'median', 'p90')]
	for name, what in EVENT_ROWS:
		out.append(_row(what, 1, *cols(name)))
	out += ['', _head('ratio', 'min', 'median', 'p90')]
	for a, b, what in EVENT_RATIOS:
		out.append(_row(what, 2, *map(_div, cols(a), cols(b))))
	return out


def _targets_table(times: Times) -> list[str]:
	ratio: dict[bool, Callable[[str, str, int], Optional[float]]] = {
		False: lambda a, b, i: _div(_col(times, a, i), _col(times, b, i)),
		True: lambda a, b, i: _net_ratio(times, a, b, i),
	}
	out = ['', _head('issue 19 (informative)', 'median', 'min', 'target')]
	for a, b, net, what, target in TARGETS:
		out.append(_row(what, 2, ratio[net](a, b, 1), ratio[net](a, b, 0)) +
			   f' {target:>10}')
	out.append('  (the empty-probe ratio is net of the empty call: '
		   'median-empty and min-empty)')
	return out


def tables(lines: list[str]) -> list[str]:
	"""The marker_bench header ("N rounds of M calls per variant"), then
	the table of ns per call of the site variants (min, median, p90, min
	less the empty call's) with the marker / tracepoint ratios, then that
	of ns per recorded event (min, median, p90) with the event ratios,
	then issue 19's ratios (median, min) beside their targets, as text
	lines; a blank line opens each table.

	lines are the modules' lines; each is read from where its
	"marker_bench:" or "event_bench:" starts, so a KTAP "# " before it does
	not matter, and of a variant logged twice the last line counts.  A
	variant missing from them keeps its row, "-" in every column; a
	difference or ratio that needs a missing variant, or would divide by
	zero, is "-" too (the old shell tables printed zeros there, or stopped on the
	division).  A ratio of net costs is "-" also unless both net costs are
	at least NET_NOISE_NS: below that they are noise."""
	head = [m.group(0).rstrip() for m in map(MARKER_HEADER_RE.search, lines)
		if m]
	marker = _times(lines, MARKER_RE, 1)
	event = _times(lines, EVENT_RE, 2)
	return head + _marker_table(marker) + _event_table(event) + \
		_targets_table(marker | event)


def _size(field: str) -> int:
	"""readelf's Size column: decimal, or hexadecimal from 100000 on."""
	return int(field, 16) if field.startswith('0x') else int(field)


def func_sizes(readelf: str) -> Sizes:
	"""Of readelf -sW's output: every function symbol -> (its size, the
	size of its NAME.cold parts).  A function known only by a cold part
	has size 0; one of the same name in two modules must come in two
	calls."""
	own: dict[str, int] = {}
	cold: dict[str, int] = {}
	for line in readelf.splitlines():
		f = line.split()
		# Num: Value Size Type Bind Vis Ndx Name
		if len(f) < 8 or not f[0].endswith(':') or f[3] != 'FUNC' or \
		   f[6] == 'UND':
			continue
		m = _COLD_RE.fullmatch(f[7])
		if m:
			cold[m.group(1)] = cold.get(m.group(1), 0) + _size(f[2])
		else:
			own[f[7]] = _size(f[2])
	return {name: (own.get(name, 0), cold.get(name, 0))
		for name in own.keys() | cold.keys()}


def text_table(sizes: dict[str, Sizes]) -> list[str]:
	"""The bytes of text of each site of TEXT_SITES: its function (with
	its .cold parts), the .cold parts alone, and the site (the function
	less the module's empty function), from func_sizes() of each module
	by name ("marker_bench").  A function not found is "-" throughout."""
	out = ['', _head('text per site, bytes', 'function', 'of it cold',
			 'site')]
	for module, sites in TEXT_SITES.items():
		found = sizes.get(module, {})
		empty = found.get(sites[0][0])
		out.append(f'  {module}.ko')
		for func, what in sites:
			s = found.get(func)
			total = sum(s) if s else None
			site = total - sum(empty) if s and empty else None
			out.append(_row(f'  {what}', 0, total,
					s[1] if s else None, site))
	return out


def cpu_model(cpuinfo: str) -> str:
	"""The first "model name" of /proc/cpuinfo, or "unknown"."""
	for line in cpuinfo.splitlines():
		key, _, value = line.partition(':')
		if key.strip() == 'model name':
			return ' '.join(value.split())
	return 'unknown'


# The preemption models of Kconfig (kernel/Kconfig.preempt), of which a
# .config sets one, and which may be switched at boot if dynamic.
PREEMPT_OPTIONS = ('PREEMPT_NONE', 'PREEMPT_VOLUNTARY', 'PREEMPT',
		   'PREEMPT_LAZY', 'PREEMPT_RT', 'PREEMPT_DYNAMIC')


def preemption(config: str) -> str:
	"""The preemption options a kernel's .config sets, "CONFIG_PREEMPT=y"
	and the like, in PREEMPT_OPTIONS' order; "unknown" if none."""
	found = {line.strip() for line in config.splitlines()}
	opts = [f'CONFIG_{o}=y' for o in PREEMPT_OPTIONS
		if f'CONFIG_{o}=y' in found]
	return ', '.join(opts) or 'unknown'


def guest_facts(lines: list[str]) -> dict[str, str]:
	"""What tests/bench/bench.sh says of the guest ("# guest: vcpus: 1"):
	what -> value, the last line of each counting."""
	return {m.group(1): m.group(2).strip()
		for m in map(GUEST_RE.search, lines) if m}
