# SPDX-License-Identifier: GPL-2.0
"""Old kernel marker formats -> typed tracepoint prototypes.

Pure python, no coccinelle needed: the semantic patch
(coccinelle/trace_mark_to_tracepoint.cocci) and the driver
(coccinelle/convert) import it, and lib/test_markerfmt.py tests it.

A marker site is ``trace_mark(name, "fmt", args...)``.  The format is a
printf format whose conversions carry the types of the arguments; the word
just before each conversion names the field (``"irq %d ip 0x%lx"`` gives
``int irq, unsigned long ip``).  classify_site() decides whether a site can
become ``trace_<name>(args...)`` and, when it cannot, says why in one line.
"""

from __future__ import annotations

import re
from typing import Any, Container, Iterator, Optional, Sequence

# A site as the semantic patch records it (tm_add() in the .cocci) and
# coccinelle/convert reads it back: 'file', 'line', 'verdict0', 'fmt'...
Site = dict[str, Any]

# Marker sites with no arguments use MARK_NOARGS, i.e. " ".  A tracepoint
# needs at least one parameter (the kernel has no DECLARE_TRACE_NOARGS any
# more), so such markers become tracepoints with one int that is always 0.
NOARGS_FORMATS = ('MARK_NOARGS',)
NOARGS_FIELD_TYPE = 'int'
NOARGS_FIELD_NAME = 'unused'
NOARGS_CALL_ARG = '0'

# Verdicts of classify_site().
PLAIN = 'plain'       # trace_<name>(args);
GUARD = 'guard'       # if (trace_<name>_enabled()) trace_<name>(args);
NOARGS = 'noargs'     # trace_<name>(0);
REPORT = 'report'     # left alone, with a reason

SPEC_RE = re.compile(
	r'%(?P<flags>[-+ #0\']*)(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d*))?'
	r'(?P<len>hh|h|ll|l|L|q|z|Z|j|t)?(?P<conv>[a-zA-Z%])')

# Argument types by length modifier.  They are the kernel's: the marker's
# event (markers/event_format.c) records the same types, and
# kunit/marker_formats.h holds both to that.  %t is long, not ptrdiff_t:
# ptrdiff_t is long on every kernel ABI, a ptrdiff_t argument converts to
# it, and the event's field must say "long", which libtraceevent (perf,
# trace-cmd) reads as the traced kernel's word size.  %j is long long, as
# the kernel's intmax_t.
_SIGNED = {'': 'int', 'hh': 'signed char', 'h': 'short', 'l': 'long',
	   'll': 'long long', 'L': 'long long', 'q': 'long long',
	   'j': 'long long', 'z': 'ssize_t', 'Z': 'ssize_t', 't': 'long'}
_UNSIGNED = {'': 'unsigned int', 'hh': 'unsigned char', 'h': 'unsigned short',
	     'l': 'unsigned long', 'll': 'unsigned long long',
	     'L': 'unsigned long long', 'q': 'unsigned long long',
	     'j': 'unsigned long long', 'z': 'size_t', 'Z': 'size_t',
	     't': 'unsigned long'}

# How a conversion is named, here and in the kernel's marker events
# (markers/format_names.c, whose comment states the rule): a converted
# tracepoint's parameters and the event of the marker it replaces have the
# same names.  The last word before the conversion gives the name; a name
# that cannot be a parameter or a C struct member gets NAME_SUFFIX.

# Names a C compiler refuses as an identifier: the C11 and C23 keywords,
# GCC's own, and NULL.  Tools compile an event's format file into a C
# struct.  The kernel's marker_c_keywords[] is this list, name for name
# (test_markerfmt.py compares them).
C_KEYWORDS = frozenset('''
	auto break case char const continue default do double else enum extern
	float for goto if inline int long register restrict return short signed
	sizeof static struct switch typedef union unsigned void volatile while
	_Alignas _Alignof _Atomic _BitInt _Bool _Complex _Decimal32 _Decimal64
	_Decimal128 _Generic _Imaginary _Noreturn _Static_assert _Thread_local
	alignas alignof bool constexpr false nullptr static_assert thread_local
	true typeof typeof_unqual
	asm __asm __asm__ __attribute __attribute__ __alignof __alignof__
	__auto_type __builtin_va_arg __complex__ __const __const__ __extension__
	__imag__ __inline __inline__ __int128 __label__ __real__ __restrict
	__restrict__ __signed __signed__ __thread __typeof __typeof__ __volatile
	__volatile__
	NULL'''.split())

# Lower-case names the kernel defines as macros or that the tracepoint
# macros use themselves: a parameter of that name would not compile
# ("current") or would shadow.  The kernel's marker_reserved_names[] is
# this list (test_markerfmt.py compares them).
RESERVED_NAMES = frozenset('''
	current jiffies min max barrier likely unlikely in_interrupt in_irq
	smp_processor_id raw_smp_processor_id printk errno data it_func_ptr
	it_func probe proto args cond trace tp'''.split())

# Prefixes that take NAME_SUFFIX too: "__" names are the implementation's
# (the tracepoint macros' own parameter is __data), and "common_" names
# are the trace core's fields of every event (common_pid...): an event
# field, or a field of an event later defined on the tracepoint, of that
# name would collide.
RESERVED_PREFIXES = ('__', 'common_')
NAME_SUFFIX = '_val'

IDENT_RE = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
_WORD_RE = re.compile(
	r'(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*'
	r'(?:(?:->|\.)[A-Za-z_][A-Za-z0-9_]*|\[[A-Za-z0-9_]*\])*')
_STR_RE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


class FormatError(Exception):
	"""A format (or site) that cannot be converted; str() is the reason."""


class Field:
	"""One tracepoint parameter: C type, name, and the conversion text."""

	def __init__(self, ctype: str, name: str, spec: str) -> None:
		self.ctype = ctype
		self.name = name
		self.spec = spec

	def decl(self) -> str:
		"""The parameter as TP_PROTO() declares it: "int irq",
		"const char *name"."""
		if self.ctype.endswith('*'):
			return self.ctype + self.name
		return f'{self.ctype} {self.name}'

	def __repr__(self) -> str:
		return f'Field({self.ctype!r}, {self.name!r}, {self.spec!r})'

	def __eq__(self, other: Field) -> bool:
		return (self.ctype, self.name, self.spec) == \
			(other.ctype, other.name, other.spec)


def join_literals(text: str) -> str:
	"""Turn the source text of a format into the format's characters.

	``'"a %d " "b %d"'`` (adjacent literals, as spatch hands them over) gives
	``'a %d b %d'``; escapes stay as written.  MARK_NOARGS gives ``' '``.
	Anything that is not only string literals raises FormatError.
	"""
	text = text.strip()
	if text in NOARGS_FORMATS:
		return ' '
	if not text.startswith('"'):
		raise FormatError(f'format is not a string literal ({text}); '
				  'convert by hand')
	rest = _STR_RE.sub('', text)
	if rest.strip():
		joined = ' '.join(text.split())
		raise FormatError('format mixes string literals and macros '
				  f'({joined}); convert by hand')
	return ''.join(_STR_RE.findall(text))


def is_noargs(fmt: str) -> bool:
	"""True for a MARK_NOARGS-like format (only blanks)."""
	return fmt.strip() == ''


_ESCAPE_RE = re.compile(r'\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)', re.S)
_ESCAPES = {'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r',
	    't': '\t', 'v': '\v'}


def c_unescape(text: str) -> str:
	"""The characters a C string literal's text stands for."""
	def one(m: re.Match[str]) -> str:
		"""The character of the one escape m matched."""
		e = m.group(1)
		if e[0] == 'x':
			return chr(int(e[1:], 16) & 0xff)
		if e[0] in '01234567':
			return chr(int(e, 8) & 0xff)
		return _ESCAPES.get(e, e)
	return _ESCAPE_RE.sub(one, text)


def _field_name(chunk: str) -> Optional[str]:
	"""The name a conversion gets from the text before it, or None.

	chunk is format text as written: it is named as the kernel names the
	event's field, from the characters it stands for ("tab\\t%d" gives
	tab, not t).  The word is the last one found, and only blanks,
	punctuation and an 0x prefix may follow it; its identifiers, joined by
	'_', are the name ("vcpu->regs[2]" gives vcpu_regs_2).
	"""
	text = c_unescape(chunk)
	words = list(_WORD_RE.finditer(text))
	if not words:
		return None
	tail = text[words[-1].end():]
	if re.search(r'[A-Za-z0-9_]', re.sub(r'0[xX]$', '', tail.strip())):
		return None
	return '_'.join(re.findall(r'[A-Za-z0-9_]+', words[-1].group(0)))


def parse_format(fmt: str, naming: Optional[str] = None) -> list[Field]:
	"""Parse a joined format into a list of Field.

	naming: None to refuse conversions without a name, or a prefix
	(e.g. "arg") to name them prefix0, prefix1, ... by position.
	Raises FormatError with the reason.
	"""
	if '#' in fmt and re.search(r'#[0-9a-zA-Z]*%|##', fmt):
		raise FormatError('LTTng type hint (#...) in format; convert by hand')
	fields = []
	pos = 0
	for m in SPEC_RE.finditer(fmt):
		spec = m.group(0)
		conv, length = m.group('conv'), m.group('len') or ''
		if conv == '%':
			if spec != '%%':
				raise FormatError(f'bad conversion {spec}')
			pos = m.end()
			continue
		chunk = fmt[pos:m.start()]
		end = m.end()
		if m.group('width') == '*' or m.group('prec') == '*':
			raise FormatError(f'{spec} takes two arguments; '
					  'convert by hand')
		if conv in 'di':
			ctype = _SIGNED.get(length)
		elif conv in 'uoxX':
			ctype = _UNSIGNED.get(length)
		elif conv == 'c' and not length:
			ctype = 'char'
		elif conv == 's' and not length:
			ctype = 'const char *'
		elif conv == 'p' and not length:
			# const: a const pointer passes without a cast.  The event's
			# field has this type too (markers/event_format.c).
			ctype = 'const void *'
			# kernel extensions: %pS, %pI4, %pM ...
			ext = re.match(r'[A-Za-z][A-Za-z0-9]*', fmt[end:])
			if ext:
				end += ext.end()
				spec += ext.group(0)
		elif conv == 'n':
			raise FormatError('%n in format; convert by hand')
		else:
			ctype = None
		if ctype is None:
			raise FormatError(f'unsupported conversion {spec}')
		name = _field_name(chunk)
		if name is None:
			if naming is None:
				raise FormatError(f'no field name before {spec} in '
						  f'"{fmt}"; convert by hand or use '
						  '--name-fields')
			name = f'{naming}{len(fields)}'
		fields.append(Field(ctype, name, spec))
		pos = end
	if re.search(r'%', fmt[pos:]) and not SPEC_RE.search(fmt[pos:]):
		raise FormatError(f'incomplete conversion at the end of "{fmt}"')
	_fix_names(fields)
	return fields


def _fix_names(fields: list[Field]) -> None:
	"""Rename, in place, the fields whose names cannot be parameters
	(NAME_SUFFIX appended) or repeat an earlier one (_2, _3, ...)."""
	seen = {}
	for f in fields:
		if f.name in C_KEYWORDS or f.name in RESERVED_NAMES or \
				f.name.startswith(RESERVED_PREFIXES) or \
				not IDENT_RE.match(f.name):
			f.name = f.name + NAME_SUFFIX
		base = f.name
		if base in seen:
			seen[base] += 1
			f.name = f'{base}_{seen[base]}'
			while f.name in seen:
				seen[base] += 1
				f.name = f'{base}_{seen[base]}'
		seen.setdefault(f.name, 1)


# --- arguments -------------------------------------------------------------

# The one C lexer of the converter: the semantic patch's argument checks
# and the driver's site scanning both use it.  Comments and literals are
# single tokens, so nothing inside them is ever taken for code.
_LEX_RE = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<str>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<num>\.?[0-9][A-Za-z0-9_.]*)
  | (?P<op><<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|\#\#|\S)
''', re.X | re.S)


def lex(text: str, pos: int = 0) -> Iterator[tuple[str, int, int]]:
	"""(kind, start, end) of each C token of text from pos.

	kind is 'comment', 'str' (string or character literal), 'id', 'num'
	or 'op'; blanks are not tokens.
	"""
	for m in _LEX_RE.finditer(text, pos):
		yield m.lastgroup, m.start(), m.end()


# identifiers followed by '(' that are not function calls
NOT_CALLS = frozenset('''sizeof typeof __typeof__ alignof _Alignof __alignof__
	offsetof __builtin_offsetof __builtin_constant_p __same_type
	__builtin_types_compatible_p'''.split())
ASSIGN_OPS = frozenset('= += -= *= /= %= &= |= ^= <<= >>= ++ --'.split())


def c_tokens(text: str) -> list[str]:
	"""Tokens of a C expression, comments left out."""
	return [text[s:e] for kind, s, e in lex(text) if kind != 'comment']


def blank_comments(text: str) -> str:
	"""text with comments and the insides of literals blanked, lines kept."""
	out, pos = [], 0
	for kind, s, e in lex(text):
		if kind == 'comment':
			out += [text[pos:s], re.sub(r'[^\n]', ' ', text[s:e])]
		elif kind == 'str':
			out += [text[pos:s + 1], re.sub(r'[^\n]', ' ', text[s + 1:e - 1]),
				text[e - 1]]
		else:
			continue
		pos = e
	out.append(text[pos:])
	return ''.join(out)


def call_parts(text: str,
	       open_paren: int) -> tuple[Optional[list[str]], Optional[int]]:
	"""The top-level arguments of the call whose '(' is at open_paren.

	Returns (args, close): args are the argument texts as written, close
	the index of the matching ')', or (None, None) when it is not closed.
	"""
	args, depth, start = [], 0, open_paren + 1
	for kind, s, e in lex(text, open_paren):
		tok = text[s:e]
		if kind != 'op':
			continue
		if tok in '([{':
			depth += 1
		elif tok in ')]}':
			depth -= 1
			if depth == 0:
				args.append(text[start:s])
				if len(args) == 1 and not args[0].strip():
					args = []
				return args, s
		elif tok == ',' and depth == 1:
			args.append(text[start:s])
			start = e
	return None, None


def has_side_effect(text: str) -> Optional[str]:
	"""The assignment, ++ or -- in an argument, or None."""
	for tok in c_tokens(text):
		if tok in ASSIGN_OPS:
			return tok
	return None


def has_call(text: str) -> Optional[str]:
	"""The first function (or function-like macro) called, or None."""
	toks = c_tokens(text)
	for i, tok in enumerate(toks[:-1]):
		if toks[i + 1] == '(' and IDENT_RE.match(tok) and \
				tok not in NOT_CALLS and tok not in C_KEYWORDS:
			return tok
	return None


def clean_arg(text: str) -> str:
	"""One argument as written, with runs of blanks folded."""
	return ' '.join(text.split())


def show_arg(text: str) -> str:
	"""An argument for a message: spatch's token spacing undone."""
	t = clean_arg(text)
	t = re.sub(r'(?<=[\w\])])\s+(?=\+\+|--)', '', t)
	t = re.sub(r'(?<![\w\])])(\+\+|--)\s+(?=\w)', r'\1', t)
	t = re.sub(r'\s*(->|\.)\s*(?=[A-Za-z_])', r'\1', t)
	t = re.sub(r'([\[(])\s+', r'\1', t)
	t = re.sub(r'\s+([\])])', r'\1', t)
	t = re.sub(r'(?<=\w)\s+(?=[\[(])', '', t)
	return t


# --- sites -------------------------------------------------------------------

CHANNEL_HINT = ('channel form trace_mark(channel, event, format, ...); '
		'convert by hand')


def classify_other(macro: str, args: Sequence[str]) -> str:
	"""Reason for a trace_mark-like site that is not name, literal, args."""
	args = [clean_arg(a) for a in args]
	if macro == '__trace_mark':
		return ('__trace_mark(generic, name, call_private, ...) passes '
			'call_private; convert by hand')
	if macro == 'trace_mark_tp':
		if len(args) >= 5 and not args[3].startswith('"') and \
				IDENT_RE.match(args[1]):
			return 'trace_mark_tp() with a channel; convert by hand'
		return ('trace_mark_tp() site is already a tracepoint bridge; '
			'left alone')
	if not args or not IDENT_RE.match(args[0]):
		if args and '##' in args[0]:
			pasted = args[0].replace(' ', '')
			return (f'marker name {pasted} is token-pasted; '
				'convert by hand')
		return 'marker name is not an identifier; convert by hand'
	if len(args) < 2:
		return f'{macro}() without a format'
	if len(args) >= 3 and IDENT_RE.match(args[1]) and \
			args[2].startswith('"'):
		return CHANNEL_HINT
	if len(args) >= 2 and args[1].startswith('"'):
		return 'argument list has preprocessor directives; convert by hand'
	return f'format is not a string literal ({args[1]}); convert by hand'


def classify_site(macro: str, name: str, fmt_text: str, args: Sequence[str],
		  naming: Optional[str] = None, guard_calls: bool = True
		  ) -> tuple[str, str, Optional[str], Optional[list[Field]]]:
	"""Decide what to do with ``macro(name, fmt_text, args...)``.

	args: the argument texts after the format.  Returns
	(verdict, reason, fmt, fields): verdict is PLAIN, GUARD, NOARGS or
	REPORT; reason is '' unless REPORT; fmt is the joined format (or None);
	fields the list of Field (or None).
	"""
	try:
		fmt = join_literals(fmt_text)
	except FormatError as e:
		if len(args) >= 1 and args[0].lstrip().startswith('"') and \
				IDENT_RE.match(fmt_text.strip()):
			return REPORT, CHANNEL_HINT, None, None
		return REPORT, str(e), None, None
	if any('#' in a and re.search(r'^\s*#\s*(if|else|endif|elif)', a, re.M)
	       for a in args):
		return (REPORT, 'argument list has preprocessor directives; '
			'convert by hand', fmt, None)
	if is_noargs(fmt):
		if args:
			return (REPORT, f'format takes no arguments but {len(args)} '
				'given', fmt, None)
		return (NOARGS, '', fmt,
			[Field(NOARGS_FIELD_TYPE, NOARGS_FIELD_NAME, '')])
	try:
		fields = parse_format(fmt, naming)
	except FormatError as e:
		return REPORT, str(e), fmt, None
	if len(fields) != len(args):
		return (REPORT, f'format "{fmt}" has {len(fields)} conversions '
			f'but {len(args)} arguments given', fmt, None)
	for a in args:
		op = has_side_effect(a)
		if op:
			return (REPORT, f'argument "{show_arg(a)}" has a side effect '
				f'({op}); markers evaluated it only when enabled; '
				'convert by hand', fmt, fields)
	if guard_calls and any(has_call(a) for a in args):
		return GUARD, '', fmt, fields
	return PLAIN, '', fmt, fields


# The forms whose first argument is the marker name.  trace_mark_tp() sites
# are bridges already and __trace_mark() passes call_private: their sites
# never join a name.
NAMED_FORMS = ('trace_mark', '_trace_mark')


def marker_name(macro: str, args: Sequence[str]) -> Optional[str]:
	"""The marker name the site macro(args...) belongs to, or None.

	The sites of one name are settled together (settle_name()), so this
	says which sites those are: a named form whose first argument is an
	identifier.  args are the argument texts.
	"""
	if macro not in NAMED_FORMS or not args:
		return None
	first = args[0].strip()
	return first if IDENT_RE.match(first) else None


def collides(name: str, functions: Container[str]) -> bool:
	"""Is trace_<name>() already one of functions (names or a dict by name)?

	Then the converted sites would call that function, not a tracepoint:
	an LTTng-style wrapper trace_kernel_sched_wakeup() holding
	trace_mark(kernel_sched_wakeup, ...) would call itself.  The .cocci
	checks the functions of the site's file, the driver those of DIR.
	"""
	return 'trace_' + name in functions


def settle_name(name: str,
		sites: list[Site]) -> tuple[bool, list[tuple[Site, str, Site]]]:
	"""The rule for a marker name: converted everywhere or nowhere.

	sites: every site of the name, as dicts with 'verdict0' (the site's
	own verdict) and 'fmt'.  A name with a site that cannot be converted,
	or with two formats, is refused.  Returns (refused, stays): stays
	lists (site, reason, other) for each site that could be converted on
	its own but stays a marker; reason has '{ref}' where the place of
	other (the site that is to blame) goes.
	"""
	bad = [s for s in sites if s['verdict0'] == REPORT]
	fmts = set(s['fmt'] for s in sites if s['fmt'] is not None)
	if not bad and len(fmts) <= 1:
		return False, []
	stays = []
	for s in sites:
		if s['verdict0'] == REPORT:
			continue
		if len(fmts) > 1:
			other = [t for t in sites if t['fmt'] != s['fmt']][0]
			stays.append((s, f'marker {name} has another format at '
				      '{ref}; not converted', other))
		else:
			stays.append((s, f'marker {name} is not convertible at '
				      '{ref}; not converted', bad[0]))
	return True, stays


# --- emitters ----------------------------------------------------------------

def _col(text: str) -> int:
	"""The column text ends at, tabs counted to the next multiple of 8."""
	return len(text.expandtabs(8))


def _pad(col: int) -> str:
	"""Blanks up to a column, tabs then spaces, as checkpatch wants."""
	return '\t' * (col // 8) + ' ' * (col % 8)


# Where a line breaks best: after a comma, then after the operators that
# bind least (C precedence); a line starting with an operator is the last
# resort.
_BREAK_AFTER = {',': 0, '?': 1, ':': 1, '||': 2, '&&': 3, '|': 4, '^': 4,
		'&': 4, '==': 5, '!=': 5, '<': 5, '>': 5, '<=': 5, '>=': 5,
		'<<': 6, '>>': 6, '+': 7, '-': 7, '*': 8, '/': 8, '%': 8}
_BEFORE_OP = 10


def wrap_list(head: str, items: Sequence[str], tail: str, indent: str,
	      width: int = 80) -> str:
	"""indent + head + items joined by ', ' + tail, wrapped at width.

	indent is whatever precedes head on its line.  A line is broken at a
	blank after head: at the shallowest nesting first, after a comma
	rather than elsewhere, after the operator that binds least, never
	before an operator if it can be helped, as late as fits.  So items
	stay whole when they fit, and an item too long for a line is broken
	inside (``a ? b :`` / ``c``) instead of running past width.  A
	continuation line lines up with the character after the innermost
	open parenthesis.  Blanks inside literals are never break points.
	"""
	text = head + ', '.join(items) + tail
	breaks = {}         # blank -> (depth, rank): the lower the better
	depth, prev = 0, None
	for kind, s, e in lex(text):
		tok = text[s:e]
		if s > len(head) and text[s - 1] == ' ' and prev is not None:
			if kind == 'op' and tok not in '([{':
				rank = _BEFORE_OP
			else:
				rank = _BREAK_AFTER.get(prev, _BEFORE_OP - 1)
			breaks[s - 1] = (depth, rank)
		if kind == 'op' and tok in '([{':
			depth += 1
		elif kind == 'op' and tok in ')]}':
			depth -= 1
		prev = tok
	lines, start, lead = [], 0, indent
	opened = []         # columns of the open parentheses so far
	while True:
		if _col(lead + text[start:]) <= width:
			end = len(text)
		else:
			later = [b for b in breaks if b > start]
			fits = [b for b in later if _col(lead + text[start:b]) <= width]
			if fits:
				end = min(fits, key=lambda b: (breaks[b], -b))
			elif later:
				end = min(later)    # nothing fits: the shortest overflow
			else:
				end = len(text)
		line = lead + text[start:end]
		for kind, s, e in lex(text[start:end]):
			tok = text[start + s:start + e]
			if kind == 'op' and tok in '([{':
				opened.append(_col(lead + text[start:start + s]) + 1)
			elif kind == 'op' and tok in ')]}' and opened:
				opened.pop()
		lines.append(line.rstrip())
		if end >= len(text):
			return '\n'.join(lines)
		lead = _pad(opened[-1] if opened else _col(indent) + 8)
		start = end + 1


def proto(fields: Sequence[Field]) -> list[str]:
	"""The TP_PROTO() parameters of fields."""
	return [f.decl() for f in fields]


def arg_names(fields: Sequence[Field]) -> list[str]:
	"""The TP_ARGS() names of fields."""
	return [f.name for f in fields]


def emit_tp(macro: str, name: str, fields: Sequence[Field]) -> str:
	"""COMPAT_DECLARE_TRACE / COMPAT_DEFINE_TRACE text (with ';')."""
	cont = _pad(len(macro) + 1)
	out = f'{macro}({name},\n'
	out += wrap_list('TP_PROTO(', proto(fields), '),', cont) + '\n'
	out += wrap_list('TP_ARGS(', arg_names(fields), '));', cont)
	return out


def emit_declaration(name: str, fields: Sequence[Field]) -> str:
	"""The COMPAT_DECLARE_TRACE() of name, for the generated header."""
	return emit_tp('COMPAT_DECLARE_TRACE', name, fields)


def emit_definition(name: str, fields: Sequence[Field]) -> str:
	"""The COMPAT_DEFINE_TRACE() of name and its export, for the
	generated source."""
	return (emit_tp('COMPAT_DEFINE_TRACE', name, fields) +
		f'\nCOMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL({name});')


def bridge_name(name: str) -> str:
	"""The name of the bridge callback of marker name."""
	return f'{name}_marker_bridge'


def c_string(fmt: str) -> str:
	"""A joined format as one C literal (escapes were kept as written)."""
	return f'"{fmt}"'


def emit_bridge(name: str, fmt: str, fields: Sequence[Field]) -> str:
	"""The tracepoint callback that carries the old marker site."""
	cb = bridge_name(name)
	head = f'static void __used {cb}('
	if len(head) > 48:
		head = f'static void __used\n{cb}('
	out = head[:head.rfind('\n') + 1] + \
		wrap_list(head[head.rfind('\n') + 1:], ['void *data'] + proto(fields),
			  ')', '') + '\n{\n'
	if is_noargs(fmt):
		items = [name, name, cb, 'MARK_NOARGS']
	else:
		items = [name, name, cb, c_string(fmt)] + arg_names(fields)
	out += wrap_list('trace_mark_tp(', items, ');', '\t') + '\n}'
	return out

