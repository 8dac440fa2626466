# SPDX-License-Identifier: GPL-2.0
"""The benchmark's tables, made from the lines tools/bench/marker_bench.c
and event_bench.c print: the costs are reported side by side and as ratios,
never judged."""

from __future__ import annotations

import re
from typing import Optional

_NUM = r'(\d+(?:\.\d+)?)'

# marker_bench.c, mcb_init() and mcb_report().
MARKER_HEADER_RE = re.compile(r'marker_bench: \d+ rounds.*')
MARKER_RE = re.compile(r'marker_bench: ([a-z_]+) +min ' + _NUM +
		       r' ns/call median ' + _NUM)
# event_bench.c, ebench_print(): "event_bench: MODE NAME min ...".
EVENT_RE = re.compile(r'event_bench: ([a-z]+) ([a-z_]+) min ' + _NUM +
		      r' median ' + _NUM + r' p90 ' + _NUM)

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

# A net cost (the empty call's subtracted) below this many nanoseconds is
# noise: no ratio is made of it.
NET_NOISE_NS = 1

Times = dict[str, list[float]]


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
	return f'  {what:<34}' + ''.join(f' {c:>10}' for c in cols)


def _row(what: str, prec: int, *cols: Optional[float]) -> str:
	return f'  {what:<34}' + ''.join(
		f' {c:10.{prec}f}' if c is not None else f' {"-":>10}'
		for c in cols)


def _marker_table(times: Times) -> list[str]:
	def col(name: str, i: int) -> Optional[float]:
		return times[name][i] if name in times else None

	def net(name: str) -> Optional[float]:
		if name in times and 'empty' in times:
			return times[name][0] - times['empty'][0]
		return None

	out = ['', _head('ns per call', 'min', 'median', 'min-empty')]
	for name, what in MARKER_ROWS:
		out.append(_row(what, 3, col(name, 0), col(name, 1), net(name)))
	out += ['', _head('ratio marker / tracepoint', 'min', 'median',
			  'min-empty')]
	for a, b, what in MARKER_RATIOS:
		na, nb = net(a), net(b)
		loud = na is not None and nb is not None and \
			na >= NET_NOISE_NS and nb >= NET_NOISE_NS
		out.append(_row(what, 2, _div(col(a, 0), col(b, 0)),
				_div(col(a, 1), col(b, 1)),
				_div(na, nb) if loud else None))
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


def tables(lines: list[str]) -> list[str]:
	"""The marker_bench header ("N rounds of M calls per variant"), then
	the table of ns per call of the site variants (min, median, min less
	the empty call's) with the marker / tracepoint ratios, then that of
	ns per recorded event (min, median, p90) with the event ratios, as
	text lines; a blank line opens each table.

	lines are the modules' lines; each is read from where its
	"marker_bench:" or "event_bench:" starts, so a KTAP "# " before it does
	not matter, and of a variant logged twice the last line counts.  A
	variant missing from them keeps its row, "-" in every column; a
	difference or ratio that needs a missing variant, or would divide by
	zero, is "-" too (the old shell tables printed zeros there, or stopped on the
	division).  A min-empty ratio is "-" also unless both net costs are
	at least NET_NOISE_NS: below that they are noise."""
	head = [m.group(0).rstrip() for m in map(MARKER_HEADER_RE.search, lines)
		if m]
	return head + _marker_table(_times(lines, MARKER_RE, 1)) + \
		_event_table(_times(lines, EVENT_RE, 2))
