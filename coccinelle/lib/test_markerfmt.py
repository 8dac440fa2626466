#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Unit tests of markerfmt (python3 -m unittest, no spatch needed)."""

from __future__ import annotations

import os
import re
import sys
import unittest
from typing import Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import markerfmt as mf  # noqa: E402

# The repository: the kernel side of the shared rules is read from it.
TREE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')


def types(fmt: str, naming: Optional[str] = None) -> list[tuple[str, str]]:
	"""(type, name) of each field parse_format() makes of fmt."""
	return [(f.ctype, f.name) for f in mf.parse_format(fmt, naming)]


class JoinLiterals(unittest.TestCase):
	def test_adjacent(self):
		self.assertEqual(mf.join_literals('"a %d " "b %d"'), 'a %d b %d')

	def test_multiline(self):
		self.assertEqual(mf.join_literals('"a %d "\n\t\t   "b %lu"'),
				 'a %d b %lu')

	def test_escapes_kept(self):
		self.assertEqual(mf.join_literals(r'"q \"%s\"\n"'), r'q \"%s\"\n')

	def test_noargs(self):
		self.assertEqual(mf.join_literals('MARK_NOARGS'), ' ')
		self.assertTrue(mf.is_noargs(' '))

	def test_macro(self):
		self.assertRaisesRegex(mf.FormatError, 'not a string literal',
				       mf.join_literals, 'MY_FMT')

	def test_mixed(self):
		self.assertRaisesRegex(mf.FormatError, 'mixes',
				       mf.join_literals, '"a " PART')


class ParseFormat(unittest.TestCase):
	def test_kvm(self):
		self.assertEqual(types('exit_reason %u guest_rip 0x%lx'),
				 [('unsigned int', 'exit_reason'),
				  ('unsigned long', 'guest_rip')])

	def test_type_table(self):
		self.assertEqual(
			[t for t, n in types('a %d b %i c %u d %x e %X f %o g %ld h %lu '
					 'i %lld j %llu k %hd l %hu m %hhu n %zu '
					 'o %zd p %c q %s r %p s %Lu')],
			['int', 'int', 'unsigned int', 'unsigned int', 'unsigned int',
		     'unsigned int', 'long', 'unsigned long', 'long long',
		     'unsigned long long', 'short', 'unsigned short', 'unsigned char',
		     'size_t', 'ssize_t', 'char', 'const char *', 'const void *',
		     'unsigned long long'])

	def test_width_flags(self):
		self.assertEqual(types('x %08x y %-5ld z %+d'),
				 [('unsigned int', 'x'), ('long', 'y'), ('int', 'z')])

	def test_percent(self):
		self.assertEqual(types('load %d%% name=%s'),
				 [('int', 'load'), ('const char *', 'name')])

	def test_name_is_last_word_after_previous_spec(self):
		self.assertRaisesRegex(mf.FormatError, 'no field name',
				       mf.parse_format, '%d %d')
		self.assertRaisesRegex(mf.FormatError, 'no field name',
				       mf.parse_format, 'ctx %p %d')

	def test_naming_option(self):
		self.assertEqual(types('%d %p', 'arg'),
				 [('int', 'arg0'), ('const void *', 'arg1')])

	def test_arrow_and_dot(self):
		self.assertEqual(types('rq->curr %p task.pid %d'),
				 [('const void *', 'rq_curr'), ('int', 'task_pid')])

	def test_duplicates(self):
		self.assertEqual(types('pid %d pid %d pid %d'),
				 [('int', 'pid'), ('int', 'pid_2'), ('int', 'pid_3')])

	def test_reserved(self):
		self.assertEqual(types('int %d current %d data %p __x %d _y %d'),
				 [('int', 'int_val'), ('int', 'current_val'),
				  ('const void *', 'data_val'), ('int', '__x_val'),
				  ('int', '_y')])
		self.assertEqual(types('common_pid %d common %d'),
				 [('int', 'common_pid_val'), ('int', 'common')])

	def test_subscripts(self):
		self.assertEqual(types('arr[3] %d p->regs[i] %lu a[] %d'),
				 [('int', 'arr_3'), ('unsigned long', 'p_regs_i'),
				  ('int', 'a')])

	def test_escapes_name_as_the_characters(self):
		self.assertEqual(types(r'tab\t%d q \"%s\" \101b %d'),
				 [('int', 'tab'), ('const char *', 'q'),
				  ('int', 'Ab')])

	def test_word_is_the_last_found(self):
		# "1ab" holds no word: "ab" is not the last word
		self.assertEqual(types('ab 1ab %d', 'arg'), [('int', 'arg0')])

	def test_c_keywords(self):
		self.assertEqual(types('if %d default %u char %c struct %p'),
				 [('int', 'if_val'), ('unsigned int', 'default_val'),
				  ('char', 'char_val'),
				  ('const void *', 'struct_val')])
		self.assertEqual(types('return %s typeof %d alignas %d'),
				 [('const char *', 'return_val'),
				  ('int', 'typeof_val'), ('int', 'alignas_val')])
		self.assertEqual(types('int %d int %d if_val %d if %d'),
				 [('int', 'int_val'), ('int', 'int_val_2'),
				  ('int', 'if_val'), ('int', 'if_val_2')])
		# only the whole word: neither a longer name nor a member
		self.assertEqual(types('ifdef %d p->if %d'),
				 [('int', 'ifdef'), ('int', 'p_if')])
		for kw in mf.C_KEYWORDS | mf.RESERVED_NAMES:
			name = mf.parse_format(kw + ' %d')[0].name
			self.assertEqual(name, kw + mf.NAME_SUFFIX)

	def kernel_list(self, array: str) -> set[str]:
		"""The names of one of markers/format_names.c's name lists."""
		with open(os.path.join(TREE, 'markers', 'format_names.c')) as f:
			text = f.read()
		body = re.search(array + r'\[\] = \{(.*?)\};', text, re.S)
		self.assertIsNotNone(body, array)
		names = re.findall(r'"([^"]*)"', body.group(1))
		self.assertEqual(len(names), len(set(names)))
		return set(names)

	def test_c_keywords_as_the_kernel(self):
		"""C_KEYWORDS is the kernel's marker_c_keywords[], name for name."""
		self.assertEqual(self.kernel_list('marker_c_keywords'), mf.C_KEYWORDS)

	def test_reserved_names_as_the_kernel(self):
		"""RESERVED_NAMES is the kernel's marker_reserved_names[]."""
		self.assertEqual(self.kernel_list('marker_reserved_names'),
				 mf.RESERVED_NAMES)

	def test_kernel_pointer_extension(self):
		fields = mf.parse_format('caller %pS ret %d')
		self.assertEqual([(f.ctype, f.name, f.spec) for f in fields],
				 [('const void *', 'caller', '%pS'),
				  ('int', 'ret', '%d')])

	def test_star(self):
		self.assertRaisesRegex(mf.FormatError, 'two arguments',
				       mf.parse_format, 'name %.*s')
		self.assertRaisesRegex(mf.FormatError, 'two arguments',
				       mf.parse_format, 'v %*d')

	def test_lttng_hints(self):
		for f in ('ip #p%ld', 'a #2u%u', 'b #n4u%lu', 'x %d ## y %d'):
			self.assertRaisesRegex(mf.FormatError, 'LTTng', mf.parse_format,
					       f)

	def test_unsupported(self):
		self.assertRaisesRegex(mf.FormatError, 'unsupported',
				       mf.parse_format, 'x %f')
		self.assertRaisesRegex(mf.FormatError, '%n', mf.parse_format,
				       'x %n')


class SharedTable(unittest.TestCase):
	"""kunit/marker_formats.h: the names and types the kernel's events have.

	The KUnit suite checks the kernel against the same rows, so a
	converted tracepoint's parameters and the marker's event fields agree.
	"""

	# The one type that differs, by design: a string is copied into the
	# event's record.
	EVENT_TYPES = {'__data_loc char[]': 'const char *'}

	def rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
		"""(format as written, [(type, name)...]) for each row."""
		with open(os.path.join(TREE, 'kunit', 'marker_formats.h')) as f:
			text = f.read()
		defines = dict(re.findall(r'^#define\s+(\w+)\s+("[^"]*")$', text,
					  re.M))
		rows = []
		for m in re.finditer(r'^MARKER_FORMAT\(', text, re.M):
			args, _ = mf.call_parts(text, m.end() - 1)
			source = ' '.join(defines.get(t, t)
					  for t in mf.c_tokens(args[0]))
			fields = [re.match(r'\s*FIELD\("([^"]*)", "([^"]*)"', a).groups()
				  for a in args[3:]]
			rows.append((mf.join_literals(source),
				     [(self.EVENT_TYPES.get(t, t), n)
				      for n, t in fields]))
		return rows

	def test_rows(self):
		rows = self.rows()
		self.assertGreater(len(rows), 60)
		for fmt, want in rows:
			with self.subTest(fmt=fmt):
				self.assertEqual(types(fmt, 'arg'), want)


class Arguments(unittest.TestCase):
	def test_side_effects(self):
		for a in ('a ++', '++a', 'b--', '( a = 3 )', 'buf[a--]', 'x += 2',
			  'y <<= 1'):
			self.assertTrue(mf.has_side_effect(a), a)
		for a in ('a == 2', 'a <= b', 'a != b', '(unsigned long) vcpu',
			  '"a = b"', 'x >= y'):
			self.assertFalse(mf.has_side_effect(a), a)

	def test_show_arg(self):
		self.assertEqual(mf.show_arg('buf [ a -- ]'), 'buf[a--]')
		self.assertEqual(mf.show_arg('++ seq'), '++seq')
		self.assertEqual(mf.show_arg('( a = 3 )'), '(a = 3)')
		self.assertEqual(mf.show_arg('p -> x ++'), 'p->x++')

	def test_calls(self):
		self.assertEqual(mf.has_call('page_to_pfn ( page )'), 'page_to_pfn')
		self.assertEqual(mf.has_call('get(a)->b'), 'get')
		for a in ('sizeof(*p)', '(unsigned long)p', 'a ? b : c', 'v[i]',
			  'p->x', 'typeof(x)'):
			self.assertIsNone(mf.has_call(a), a)


class ClassifySite(unittest.TestCase):
	def test_plain(self):
		v, why, fmt, fields = mf.classify_site(
			'trace_mark', 'kvm_exit', '"reason %u rip 0x%lx"',
			['r', '(unsigned long) rip'])
		self.assertEqual((v, why, fmt), (mf.PLAIN, '', 'reason %u rip 0x%lx'))

	def test_guard(self):
		self.assertEqual(mf.classify_site('trace_mark', 'x', '"a %d"',
						  ['f(a)'])[0], mf.GUARD)
		self.assertEqual(mf.classify_site('trace_mark', 'x', '"a %d"',
						  ['f(a)'], guard_calls=False)[0],
				 mf.PLAIN)

	def test_noargs(self):
		self.assertEqual(mf.classify_site('trace_mark', 'x', 'MARK_NOARGS',
						  [])[0], mf.NOARGS)
		v, why = mf.classify_site('trace_mark', 'x', 'MARK_NOARGS', ['a'])[:2]
		self.assertEqual(v, mf.REPORT)

	def test_count(self):
		v, why = mf.classify_site('trace_mark', 'x', '"a %d"', ['a', 'b'])[:2]
		self.assertEqual(v, mf.REPORT)
		self.assertIn('1 conversions but 2 arguments', why)

	def test_side_effect(self):
		v, why = mf.classify_site('trace_mark', 'x', '"a %d"', ['a ++'])[:2]
		self.assertEqual(v, mf.REPORT)
		self.assertIn('side effect', why)

	def test_ifdef(self):
		v, why = mf.classify_site('trace_mark', 'x', '"a %d b %d"',
					  ['a \n #ifdef X \n', 'b \n #endif \n'])[:2]
		self.assertEqual(v, mf.REPORT)
		self.assertIn('preprocessor', why)

	def test_channel_caps(self):
		v, why = mf.classify_site('trace_mark', 'CHAN', 'EV',
					  ['"a %d"', 'a'])[:2]
		self.assertEqual((v, why), (mf.REPORT, mf.CHANNEL_HINT))

	def test_other_forms(self):
		self.assertIn('call_private', mf.classify_other(
			'__trace_mark', ['0', 'n', 'NULL', '"a %d"', 'a']))
		self.assertIn('already a tracepoint bridge', mf.classify_other(
			'trace_mark_tp', ['n', 'tp', 'cb', '"a %d"', 'a']))
		self.assertIn('with a channel', mf.classify_other(
			'trace_mark_tp', ['ch', 'ev', 'tp', 'cb', '"a %d"', 'a']))
		self.assertEqual(mf.classify_other(
			'trace_mark', ['ch', 'ev', '"a %d"', 'a']), mf.CHANNEL_HINT)
		self.assertIn('token-pasted', mf.classify_other(
			'trace_mark', ['kvm_trace_ ## name', '"a %d"', 'a']))
		self.assertIn('not a string literal', mf.classify_other(
			'trace_mark', ['n', 'fmtvar', 'a']))


class Emit(unittest.TestCase):
	fields = [mf.Field('int', 'irq', '%d'), mf.Field('unsigned long', 'ip',
							  '%lx')]

	def test_declaration(self):
		self.assertEqual(mf.emit_declaration('irq_entry', self.fields),
				 'COMPAT_DECLARE_TRACE(irq_entry,\n'
				 '\t\t     TP_PROTO(int irq, unsigned long ip),\n'
				 '\t\t     TP_ARGS(irq, ip));')

	def test_definition(self):
		self.assertEqual(mf.emit_definition('irq_entry', self.fields),
				 'COMPAT_DEFINE_TRACE(irq_entry,\n'
				 '\t\t    TP_PROTO(int irq, unsigned long ip),\n'
				 '\t\t    TP_ARGS(irq, ip));\n'
				 'COMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL(irq_entry);')

	def test_bridge(self):
		self.assertEqual(
			mf.emit_bridge('irq_entry', 'irq %d ip 0x%lx', self.fields),
			'static void __used irq_entry_marker_bridge(void *data, int irq,\n'
			'\t\t\t\t\t   unsigned long ip)\n'
			'{\n'
			'\ttrace_mark_tp(irq_entry, irq_entry, irq_entry_marker_bridge,\n'
			'\t\t      "irq %d ip 0x%lx", irq, ip);\n'
			'}')

	def test_bridge_noargs(self):
		self.assertIn('MARK_NOARGS);', mf.emit_bridge(
			'tick', ' ', [mf.Field('int', 'unused', '')]))

	def test_lines_fit(self):
		many = [mf.Field('unsigned long long', f'field_{i}', '%llu')
			for i in range(9)]
		for text in (mf.emit_declaration('a_rather_long_marker_name', many),
			     mf.emit_bridge('a_rather_long_marker_name',
					    'x %llu', many)):
			for line in text.split('\n'):
				if '"' not in line:
					self.assertLessEqual(len(line.expandtabs(8)), 80, line)


class Lexer(unittest.TestCase):
	def test_literals_and_comments_are_tokens(self):
		self.assertEqual(mf.c_tokens('f("a, b)", \')\') /* x( */ + 1'),
				 ['f', '(', '"a, b)"', ',', "')'", ')', '+', '1'])

	def test_blank_comments_keeps_lines(self):
		text = 'a /* trace_mark(\n */ "trace_mark(" b // trace_mark(\n'
		out = mf.blank_comments(text)
		self.assertEqual(len(out), len(text))
		self.assertEqual(out.count('\n'), 2)
		self.assertNotIn('trace_mark', out)

	def kinds(self, text: str, pos: int = 0) -> list[tuple[str, str]]:
		"""(kind, token text) of each token lex() finds in text."""
		return [(kind, text[s:e]) for kind, s, e in mf.lex(text, pos)]

	def test_kinds(self):
		self.assertEqual(self.kinds("p->x[0x1fUL] += 'c' /* a */ // b"),
				 [('id', 'p'), ('op', '->'), ('id', 'x'), ('op', '['),
				  ('num', '0x1fUL'), ('op', ']'), ('op', '+='),
				  ('str', "'c'"), ('comment', '/* a */'),
				  ('comment', '// b')])

	def test_longest_operator_first(self):
		self.assertEqual([t for k, t in self.kinds('a<<=b>>c++##d&&e!=f')
				  if k == 'op'],
				 ['<<=', '>>', '++', '##', '&&', '!='])

	def test_spans_and_start(self):
		text = 'f(a,  bb)'
		self.assertEqual(list(mf.lex(text, 4)),
				 [('id', 6, 8), ('op', 8, 9)])

	def test_comment_over_lines_and_escapes(self):
		# a '(' in a comment or after an escaped quote is no token of its own
		self.assertEqual(self.kinds('/* (\n ) */ x'),
				 [('comment', '/* (\n ) */'), ('id', 'x')])
		self.assertEqual(self.kinds(r'"a\"(" x'),
				 [('str', r'"a\"("'), ('id', 'x')])
		self.assertEqual(self.kinds(r'"a\\" ('),
				 [('str', r'"a\\"'), ('op', '(')])

	def test_blank_comments_char_literal(self):
		self.assertEqual(mf.blank_comments("c = '(' + \"a(\";"),
				 "c = ' ' + \"  \";")

	def test_call_parts(self):
		text = 'x = f(a, g(b, c), "d,)", e);'
		args, close = mf.call_parts(text, text.index('('))
		self.assertEqual(args, ['a', ' g(b, c)', ' "d,)"', ' e'])
		self.assertEqual(text[close:], ');')
		self.assertEqual(mf.call_parts('f(a, (b)', 1), (None, None))


class Wrap(unittest.TestCase):
	def test_items_whole_when_they_fit(self):
		self.assertEqual(mf.wrap_list('trace_x(', ['aaaa', 'b'], ');', '\t',
					      width=16),
				 '\ttrace_x(aaaa,\n\t\tb);')

	def test_long_item_broken_inside(self):
		# an item wider than the line is broken after an operator, lined
		# up with the open parenthesis, instead of passing 80 columns
		out = mf.wrap_list('trace_mm_wide_event(',
				   ['arg_value > 1000 ? arg_value : 0',
				    'page_count(page) > 1 ? arg_value + 1 : 0ULL'],
				   ');', '\t\t\t')
		for line in out.split('\n'):
			self.assertLessEqual(len(line.expandtabs(8)), 80, line)
			self.assertFalse(line.strip().startswith(':'), line)
		self.assertEqual(out.split('\n')[1:],
				 ['\t\t\t\t\t    page_count(page) > 1 ?',
				  '\t\t\t\t\t    arg_value + 1 : 0ULL);'])

	def test_nested_parenthesis(self):
		out = mf.wrap_list('f(', ['g(aaaa, bbbb, cccc)'], ');', '', width=12)
		self.assertEqual(out, 'f(g(aaaa,\n    bbbb,\n    cccc));')

	def test_never_inside_a_literal(self):
		out = mf.wrap_list('f(', ['"a b c d e f g h"', 'x'], ');', '',
				   width=10)
		self.assertIn('"a b c d e f g h"', out)


class Settle(unittest.TestCase):
	def site(self, verdict: str, fmt: Optional[str]) -> mf.Site:
		"""A site of settle_name() with verdict0 and fmt only."""
		return {'verdict0': verdict, 'fmt': fmt}

	def test_one_site(self):
		self.assertEqual(mf.settle_name('x', [self.site(mf.NOARGS, ' ')]),
				 (False, []))

	def test_all_sites_bad(self):
		# nothing stays that could have been converted: no extra report
		bad = [self.site(mf.REPORT, None), self.site(mf.REPORT, 'a %d')]
		self.assertEqual(mf.settle_name('x', bad), (True, []))

	def test_unparsed_format_is_no_second_format(self):
		# a site whose format could not be read (fmt None) refuses the
		# name as a bad site, not as another format
		a, bad = self.site(mf.PLAIN, 'a %d'), self.site(mf.REPORT, None)
		self.assertEqual(mf.settle_name('x', [bad, a]),
				 (True, [(a, 'marker x is not convertible at {ref}; '
					  'not converted', bad)]))

	def test_two_formats_win_over_a_bad_site(self):
		a, b = self.site(mf.PLAIN, 'a %d'), self.site(mf.GUARD, 'b %d')
		bad = self.site(mf.REPORT, 'a %d')
		refused, stays = mf.settle_name('x', [a, bad, b])
		self.assertTrue(refused)
		self.assertEqual([(s, other) for s, why, other in stays],
				 [(a, b), (b, a)])
		for s, why, other in stays:
			self.assertIn('another format', why)

	def test_agreeing_sites(self):
		self.assertEqual(mf.settle_name('x', [self.site(mf.PLAIN, 'a %d'),
						      self.site(mf.GUARD, 'a %d')]),
				 (False, []))

	def test_two_formats(self):
		a, b = self.site(mf.PLAIN, 'a %d'), self.site(mf.PLAIN, 'b %d')
		refused, stays = mf.settle_name('x', [a, b])
		self.assertTrue(refused)
		self.assertEqual(stays, [(a, 'marker x has another format at {ref}; '
					  'not converted', b),
					 (b, 'marker x has another format at {ref}; '
					  'not converted', a)])

	def test_one_bad_site(self):
		a, bad = self.site(mf.PLAIN, 'a %d'), self.site(mf.REPORT, 'a %d')
		self.assertEqual(mf.settle_name('x', [a, bad]),
				 (True, [(a, 'marker x is not convertible at {ref}; '
					  'not converted', bad)]))


class NameRule(unittest.TestCase):
	def test_named_forms(self):
		self.assertEqual(mf.marker_name('trace_mark', [' irq_entry ', '"a"']),
				 'irq_entry')
		self.assertEqual(mf.marker_name('_trace_mark', ['x', '"a"']), 'x')

	def test_forms_without_a_name(self):
		# bridges and call_private sites never join a marker name
		self.assertIsNone(mf.marker_name('trace_mark_tp',
						 ['n', 'tp', 'cb', '"a %d"', 'a']))
		self.assertIsNone(mf.marker_name('__trace_mark',
						 ['0', 'n', 'NULL', '"a %d"', 'a']))

	def test_name_not_an_identifier(self):
		self.assertIsNone(mf.marker_name('trace_mark',
						 ['kvm_trace_ ## name', '"a"']))
		self.assertIsNone(mf.marker_name('trace_mark', ['"n"', '"a"']))
		self.assertIsNone(mf.marker_name('trace_mark', []))

	def test_collides(self):
		# both ways the callers hold their functions: a set, a dict by name
		self.assertTrue(mf.collides('kernel_sched_wakeup',
					    {'trace_kernel_sched_wakeup'}))
		self.assertTrue(mf.collides('net_owned',
					    {'trace_net_owned': ('a.h', 7)}))
		self.assertFalse(mf.collides('kernel_sched_wakeup',
					     {'kernel_sched_wakeup',
					      'trace_kernel_sched_wakeup_enabled'}))
		self.assertFalse(mf.collides('x', ()))


if __name__ == '__main__':
	unittest.main()
