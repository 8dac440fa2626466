#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write generated hostile input to the shim's parsers and to event files,
from concurrent writers, and check what each write gets.

    hostile_writes.py SEED WRITERS TARGET...

TARGET is KIND:ARG:COUNT:FILE.  For each FILE, WRITERS threads each make
COUNT inputs at the same time: open FILE, write one generated input
(sometimes in several write() calls, one command each), close it.  KIND
says what the inputs are aimed at and what each write must get:

  control  the shim's debugfs control file (markers/control.c).  The
	   inputs go down each path of its parser: lengths about and far
	   over its limit, NULs, newlines inside, blanks, unknown verbs,
	   missing, bad and over-long names, partial commands written in
	   pieces, a buffer the kernel cannot read, random bytes, and
	   valid commands.  A model of the parser (control_model()) says
	   what each write must return, and each must return exactly that:
	   EINVAL, EFAULT, EBUSY for "count" of a name ARG counts already,
	   ENOENT for "nocount" of a name not counted, or success; for
	   "declare NAME FORMAT", EINVAL for a bad name or format (too
	   long, or one of BAD_FORMATS, which the event compiler refuses),
	   EPERM for a name of ARG (its event has another format) or one
	   declared with another format, EBUSY for one declared already;
	   for "undeclare NAME", ENOENT for a name not declared.  The only
	   commands that succeed are a writer's "count" of a name of its
	   own followed by its "nocount", and its "declare" of a name of
	   its own followed by its "undeclare": the state is the same
	   after.
  bool     a module parameter whose setter parses with kstrtobool(): never
	   a boolean, so each write must fail with EINVAL.
  uint     a module parameter whose setter takes an unsigned number in
	   LO-HI (ARG): numbers out of range (in decimal, hex and octal),
	   overflows, signs, blanks, trailing junk, random bytes; each
	   write must fail with EINVAL or ERANGE.
  errno    any other file (ARG: errno names joined by '+', or ANY): the
	   generic malformed inputs, each write refused with one of them.
	   An input of only blanks is a valid command to the trace core
	   (it clears a filter, or does nothing) and is not generated.

Prints, for each FILE, "FILE: as expected N of M" (writes), then one line
per write that got something else; exits 1 if there was any.  The inputs
are a function of SEED, so a failure can be replayed.
"""

from __future__ import annotations

import ctypes
import errno
import os
import random
import sys
import threading
from typing import Optional, Union

MARK_MAX_NAME_LEN = 127                 # include/compat/marker.h
MARK_MAX_FORMAT_LEN = 1024              # include/compat/marker.h
MARK_NOARGS = b' '
# markers/control.c
CONTROL_MAX = 16 + MARK_MAX_NAME_LEN + MARK_MAX_FORMAT_LEN
UINT_MAX = 2 ** 32 - 1
PARAM_MAX = 4000                        # below a page: one sysfs store

libc = ctypes.CDLL(None, use_errno=True)

# A user address the kernel cannot copy from (below mmap_min_addr).
BAD_BUFFER = ctypes.c_void_p(16)


class BadBuffer:
	"""A chunk written from BAD_BUFFER: only its length is real."""

	def __init__(self, length: int) -> None:
		self.length = length

	def __len__(self) -> int:
		return self.length

	def __repr__(self) -> str:
		return f'BadBuffer({self.length})'


# What one write() writes; what it must get: an errno (0 for success),
# one of a set of errnos, or None for any errno; the writes of one input
# with what each must get; what makes the inputs of one kind of file.
Chunk = Union[bytes, BadBuffer]
Want = Union[int, set, None]
Planned = list[tuple[Chunk, Want]]
Generator = Union['ControlGen', 'BoolGen', 'UintGen', 'ErrnoGen']


# The kernel's ctype (lib/ctype.c) on one byte: Latin-1 letters are
# alphanumeric and the non-breaking space is a space.
def k_isspace(c: int) -> bool:
	return c in b' \t\n\v\f\r' or c == 0xa0


def k_isalnum(c: int) -> bool:
	return (chr(c).isascii() and chr(c).isalnum()) or \
	    (c >= 0xc0 and c not in (0xd7, 0xf7))


def valid_name(name: bytes) -> bool:
	"""marker_valid_name() and the length check of the control file."""
	if not name or name[0] in b'0123456789' or len(name) > MARK_MAX_NAME_LEN:
		return False
	return all(k_isalnum(c) or c == ord('_') for c in name)


# Formats the event compiler takes, and formats it refuses (markers/
# event_format.c): floating point, %n, a '*' width, a %p extension that
# dereferences, a control character.  No format of the first list is
# the one of a name ARG gives the control file.
GOOD_FORMATS = [b'value %d', b'a %u b %s', b' padded %llx ', b'at\t%c']
BAD_FORMATS = [b'v %f', b'%n', b'x %*d', b'mac %pM', b'bell \x07 %d',
	       b'\r', b'x %d\v', b'f' * (MARK_MAX_FORMAT_LEN + 1)]


class State:
	"""What the writes of one writer see: the names counted, the names
	declared and their formats, the names of ARG (whose events exist)."""

	def __init__(self, counted: set[bytes], sited: set[bytes]) -> None:
		self.counted = set(counted)
		self.declared: dict[bytes, bytes] = {}
		self.sited = sited

	def copy(self) -> 'State':
		other = State(self.counted, self.sited)
		other.declared = dict(self.declared)
		return other

	def key(self) -> tuple:
		return (frozenset(self.counted), frozenset(self.declared.items()))


def skip_blanks(data: bytes) -> bytes:
	"""skip_spaces()"""
	i = 0
	while i < len(data) and k_isspace(data[i]):
		i += 1
	return data[i:]


def split_word(data: bytes) -> tuple[bytes, Optional[bytes]]:
	"""The word up to the first space or tab, and what follows that
	blank (None if there is none)."""
	ends = [i for i, c in enumerate(data) if c in b' \t']
	if not ends:
		return data, None
	return data[:ends[0]], data[ends[0] + 1:]


def declare_model(args: bytes, st: State) -> int:
	"""marker_control_declare() on what follows "declare" and its blank;
	a success is applied to st."""
	name, fmt = split_word(skip_blanks(args))
	if fmt is None:
		fmt = MARK_NOARGS
	if not valid_name(name) or len(fmt) > MARK_MAX_FORMAT_LEN or \
	    fmt in BAD_FORMATS:
		return errno.EINVAL
	if name in st.sited:
		return errno.EPERM
	if name in st.declared:
		return errno.EBUSY if st.declared[name] == fmt else errno.EPERM
	st.declared[name] = fmt
	return 0


def control_model(data: Chunk, st: State) -> Optional[int]:
	"""What marker_control_write() returns for one write: 0 or an errno,
	None for a declaration the model cannot judge (a format in neither
	list).  A command that succeeds is applied to st.

	data is bytes or a BadBuffer.
	"""
	counted = st.counted
	n = len(data)
	if n == 0 or n > CONTROL_MAX:
		return errno.EINVAL
	if isinstance(data, BadBuffer):
		return errno.EFAULT
	if 0 in data:
		return errno.EINVAL
	nl = data.find(b'\n')
	if nl != -1 and nl != n - 1:
		return errno.EINVAL
	# "declare" and a blank: the rest of the line is its arguments.
	verb, args = split_word(skip_blanks(data[:nl] if nl != -1 else data))
	if verb == b'declare' and args is not None:
		fmt = split_word(skip_blanks(args))[1]
		if fmt is not None and fmt not in GOOD_FORMATS and \
		    fmt not in BAD_FORMATS:
			return None
		return declare_model(args, st)
	# strim(), then strsep(" \t"), then skip_spaces().
	end = n
	while end > 0 and k_isspace(data[end - 1]):
		end -= 1
	start = 0
	while start < end and k_isspace(data[start]):
		start += 1
	cmd = data[start:end]
	verb, rest = split_word(cmd)
	if rest is None:
		return errno.EINVAL
	name = skip_blanks(rest)
	if not valid_name(name):
		return errno.EINVAL
	if verb == b'undeclare':
		if name not in st.declared:
			return errno.ENOENT
		del st.declared[name]
		return 0
	if verb == b'count':
		if name in counted:
			return errno.EBUSY
		counted.add(name)
		return 0
	if verb == b'nocount':
		if name not in counted:
			return errno.ENOENT
		counted.remove(name)
		return 0
	return errno.EINVAL


# Blanks the parser skips around words (strim(), skip_spaces()), and the
# separators strsep() splits the verb at.
BLANKS = [b' ', b'\t', b'\v', b'\f', b'\r', b'\xa0', b'  ', b' \t ']
SEPS = [b' ', b'\t', b'  ', b'\t\t', b' \xa0', b'\t\v']
BAD_VERBS = [b'COUNT', b'Count', b'counts', b'cnt', b'uncount', b'enable',
	     b'clear', b'-count', b'count!', b'no', b'nocount-', b'c\xf6unt',
	     b'count\xa0', b'nocount\r', b'Declare', b'declared', b'undeclared',
	     b'declare\xa0', b'un-declare', b'undeclare\v']
BAD_NAMES = [b'9lives', b'0', b'a-b', b'a.b', b'a/b', b'$x', b'a:b',
	     b'a b', b'\xc3\xa9t\xc3\xa9', b'x\xa9', b'-', b'a\x7f',
	     b'\xd7', b'mct*', b'name!', b'\x01a']
# Bad names for "declare": one with a blank would end at the blank, and
# the rest of the line would be its format.
DECL_BAD_NAMES = [n for n in BAD_NAMES if b' ' not in n and b'\t' not in n]
# Valid names nobody counts: "nocount" of them is ENOENT.
ABSENT_NAMES = [b'virt_exit', b'subsystem_eventb', b'_', b'A1', b'mct_shared',
		b'\xe9t\xe9', b'\xdf_\xff', b'z' * MARK_MAX_NAME_LEN,
		b'never_counted_' + b'q' * 60]


class ControlGen:
	"""Inputs for the control file, each write's result predicted."""

	def __init__(self, rng: random.Random, counted: set[bytes],
		     writer: int) -> None:
		self.rng = rng
		self.counted = counted
		self.state = State(counted, counted)
		self.writer = writer
		self.serial = 0

	def blank(self, k: int = 2) -> bytes:
		return b''.join(self.rng.choice(BLANKS)
				for _ in range(self.rng.randrange(k + 1)))

	def line(self, verb: bytes, name: bytes) -> bytes:
		"""A command with random blanks and separators, maybe a newline."""
		out = self.blank() + verb + self.rng.choice(SEPS) + \
		    self.blank(1) + name + self.blank()
		return out + (b'\n' if self.rng.random() < 0.5 else b'')

	def declare(self, name: bytes, fmt: Optional[bytes]) -> bytes:
		"""A declaration: blanks up to the name, then one space or tab
		and the format verbatim (none: MARK_NOARGS), maybe a newline."""
		rng = self.rng
		out = self.blank() + b'declare' + rng.choice(SEPS) + \
		    self.blank(1) + name
		if fmt is not None:
			out += rng.choice([b' ', b'\t']) + fmt
		return out + (b'\n' if rng.random() < 0.5 else b'')

	def own_name(self) -> bytes:
		self.serial += 1
		return b'hostile_w%d_%d' % (self.writer, self.serial)

	def candidate(self) -> tuple[str, list[Chunk]]:
		rng = self.rng
		counted = rng.choice(sorted(self.counted))
		what = rng.choice(['too_long', 'huge', 'at_limit', 'nul', 'newline',
				   'blank', 'bad_verb', 'no_name', 'bad_name',
				   'long_name', 'busy', 'absent', 'partial',
				   'efault', 'binary', 'pair', 'bad_format',
				   'bad_decl_name', 'taken', 'undeclared',
				   'declare_pair'])
		if what == 'too_long':
			n = CONTROL_MAX + rng.choice([1, 2, 16, 200])
			return what, [b'nocount ' + b'n' * (n - 8)]
		if what == 'huge':
			n = rng.choice([4096, 65536, 1 << 20])
			return what, [b'count ' + b'x' * (n - 6)]
		if what == 'at_limit':
			# Exactly CONTROL_MAX bytes: still parsed.
			pad = CONTROL_MAX - len(b'nocount ') - MARK_MAX_NAME_LEN
			return what, [b'nocount' + b' ' * (pad + 1) +
				      rng.choice([b'y', b'9']) * MARK_MAX_NAME_LEN]
		if what == 'nul':
			line = self.line(rng.choice([b'count', b'nocount']), counted)
			at = rng.randrange(len(line) + 1)
			return what, [line[:at] + b'\0' + line[at:]]
		if what == 'newline':
			return what, [rng.choice([
			    b'\ncount ' + counted, b'count\n' + counted,
			    b'nocount a\nnocount b\n', b'\n\n', b'count x\n\n',
			    b'nocount ' + counted + b'\n '])]
		if what == 'blank':
			return what, [rng.choice([b'\n', b' ', b'\t\n', b'\xa0',
						  b'\v\f\r\n', b' ' * CONTROL_MAX])]
		if what == 'bad_verb':
			return what, [self.line(rng.choice(BAD_VERBS), b'x')]
		if what == 'no_name':
			return what, [self.blank() + rng.choice([b'count', b'nocount']) +
				      rng.choice([b'', b' ', b'\t', b' \xa0', b'\n'])]
		if what == 'bad_name':
			return what, [self.line(rng.choice([b'count', b'nocount']),
						rng.choice(BAD_NAMES))]
		if what == 'long_name':
			n = MARK_MAX_NAME_LEN + rng.choice([1, 2, 8])
			return what, [b'nocount ' + b'l' * n]
		if what == 'busy':
			return what, [self.line(b'count', counted)]
		if what == 'absent':
			return what, [self.line(b'nocount', rng.choice(ABSENT_NAMES))]
		if what == 'partial':
			line = self.line(rng.choice([b'count', b'nocount']),
					 rng.choice([counted] + ABSENT_NAMES))
			cuts = sorted(rng.sample(range(1, len(line)),
						 min(2, len(line) - 1)))
			return what, [line[i:j] for i, j in
				      zip([0] + cuts, cuts + [len(line)])]
		if what == 'efault':
			return what, [BadBuffer(rng.choice([1, 20, CONTROL_MAX,
							    CONTROL_MAX + 1]))]
		if what == 'binary':
			return what, [bytes(rng.randrange(256)
					    for _ in range(rng.randrange(1, 200)))]
		if what == 'bad_format':
			return what, [self.declare(rng.choice([counted, self.own_name()] +
							      ABSENT_NAMES),
						   rng.choice(BAD_FORMATS))]
		if what == 'bad_decl_name':
			return what, [self.declare(rng.choice(DECL_BAD_NAMES +
							      [b'l' * 128]),
						   rng.choice(GOOD_FORMATS + [None]))]
		if what == 'taken':
			return what, [self.declare(counted,
						   rng.choice(GOOD_FORMATS + [None]))]
		if what == 'undeclared':
			return what, [self.line(b'undeclare',
						rng.choice([counted] + ABSENT_NAMES))]
		name = self.own_name()
		if what == 'declare_pair':
			# Declared, declared again (EBUSY, or EPERM with another
			# format), withdrawn: the first and the last succeed.
			fmt, other = rng.sample(GOOD_FORMATS + [None], 2)
			return what, [self.declare(name, fmt),
				      self.declare(name, rng.choice([fmt, other])),
				      self.line(b'undeclare', name)]
		# A writer's own name, counted then no longer: both succeed.
		return what, [self.line(b'count', name), self.line(b'nocount', name)]

	def generate(self) -> tuple[str, Planned]:
		"""(what, [(chunk, expected errno or 0)]).  A counter or a
		declaration a write adds is known to the writes after it.  Only
		a pair succeeds, its first and last writes, and leaves the state
		as it was; a candidate that would change anything else is drawn
		again."""
		while True:
			what, chunks = self.candidate()
			st = self.state.copy()
			planned = [(chunk, control_model(chunk, st))
				   for chunk in chunks]
			wants = [w for _, w in planned]
			if st.key() != self.state.key():
				continue
			if what in ('pair', 'declare_pair'):
				if wants[0] == 0 and wants[-1] == 0 and \
				    0 not in wants[1:-1]:
					return what, planned
			elif 0 not in wants:
				return what, planned


# kstrtobool() takes any string whose first byte is one of these (or
# o/O followed by n or f): the union over the kernels tested, since 7.x
# also takes e/E and d/D ("enable", "disable"), which 6.12 refuses.
BOOL_START = b'yYtT1nNfF0eEdD'


class BoolGen:
	"""Inputs for a kstrtobool() setter: none is a boolean."""

	def __init__(self, rng: random.Random) -> None:
		self.rng = rng

	def generate(self) -> tuple[str, Planned]:
		rng = self.rng
		what = rng.choice(['word', 'blank', 'long', 'binary', 'nul'])
		if what == 'word':
			chunk = rng.choice([b'2', b'-1', b'+1', b'o', b'O', b'oops',
					    b'Ox', b'+enable', b'rue', b'\xe9',
					    b'\xff1', b'o\nn'])
		elif what == 'blank':
			chunk = rng.choice([b'\n', b' 1', b'\t0', b' \n', b'\xa0y'])
		elif what == 'long':
			chunk = b'x' * rng.choice([200, PARAM_MAX])
		elif what == 'nul':
			chunk = b'\0' + rng.choice([b'1', b'y', b'on'])
		else:
			chunk = bytes(rng.randrange(256)
				      for _ in range(rng.randrange(1, 200)))
			if chunk[0] in BOOL_START or chunk[0] in b'oO':
				chunk = b'#' + chunk
		return what, [(chunk, {errno.EINVAL})]


class UintGen:
	"""Inputs for a kstrtouint() setter taking LO-HI: none in range."""

	def __init__(self, rng: random.Random, lo: int, hi: int) -> None:
		self.rng, self.lo, self.hi = rng, lo, hi

	def out_of_range(self) -> int:
		rng = self.rng
		values = [self.hi + 1, self.hi + rng.randrange(1, 1000), UINT_MAX]
		if self.lo > 0:
			values.append(0)
		return rng.choice(values)

	def generate(self) -> tuple[str, Planned]:
		rng = self.rng
		what = rng.choice(['range', 'based', 'overflow', 'junk', 'long',
				   'binary'])
		if what == 'range':
			chunk = b'%d' % self.out_of_range()
			chunk = rng.choice([b'', b'+']) + chunk + \
			    rng.choice([b'', b'\n'])
		elif what == 'based':
			v = self.out_of_range()
			chunk = rng.choice([b'0x%x' % v, b'0X%X' % v,
					    b'0%o' % v if v else b'00'])
		elif what == 'overflow':
			chunk = rng.choice([b'%d' % (UINT_MAX + 1), b'18446744073709551616',
					    b'9' * 30, b'0x1' + b'0' * 16,
					    b'0x' + b'f' * 9])
		elif what == 'junk':
			chunk = rng.choice([b'\n', b'x', b'-1', b'- 1', b' 5', b'5 ',
					    b'5x', b'0x', b'0b1', b'1e3', b'5\n\n', b'+',
					    b'++5', b'0x-1', b'5,6', b'\t5', b'\0 5',
					    b'\xd9\xa3', b'5\0', b'-0'])
			if chunk == b'5\0' or chunk == b'-0':
				# "5" and "-0" may be in range or parse: use the bound.
				chunk = b'-%d' % (self.hi + 1)
		elif what == 'long':
			chunk = rng.choice([b'9', b'x']) * rng.choice([200, PARAM_MAX])
		else:
			chunk = bytes(rng.randrange(256)
				      for _ in range(rng.randrange(1, 200)))
			if chunk[0] in b'+0123456789':
				chunk = b'#' + chunk
		return what, [(chunk, {errno.EINVAL, errno.ERANGE})]


# The generic malformed inputs, for the other files.
VERBS = ['COUNT', 'count\tcount', 'cnt', 'nocount ', '']
NAMES = ['9lives', 'a-b', 'a.b', 'a b', '$x', 'a/b', 'n' * 200,
	 '\u00e9t\u00e9', '-']


class ErrnoGen:
	"""Generic malformed inputs, refused with one of a set of errnos."""

	def __init__(self, rng: random.Random, names: str) -> None:
		self.rng = rng
		self.accepted = None if names == 'ANY' else \
		    {getattr(errno, name) for name in names.split('+')}

	def chunks(self) -> tuple[str, list[bytes]]:
		rng = self.rng
		what = rng.choice(['long', 'binary', 'nul', 'verb', 'name',
				   'partial', 'two', 'utf8'])
		if what == 'long':
			return what, [b'count ' + b'x' * rng.choice([200, 4096])]
		if what == 'binary':
			return what, [bytes(rng.randrange(1, 256)
					    for _ in range(rng.randrange(2, 300)))]
		if what == 'nul':
			return what, [b'count \0name', b'\0', b'count a\0b']
		if what == 'verb':
			return what, [f'{rng.choice(VERBS)} x'.encode()]
		if what == 'name':
			return what, [f'count {rng.choice(NAMES)}'.encode()]
		if what == 'partial':
			return what, [b'cou', b'nt x']
		if what == 'two':
			return what, [b'count a\ncount b\n']
		return what, ['count \u00e9t\u00e9'.encode()]

	def generate(self) -> tuple[str, Planned]:
		what, chunks = self.chunks()
		return what, [(chunk, self.accepted) for chunk in chunks]


class Target:
	def __init__(self, spec: str) -> None:
		self.kind, self.arg, count, self.path = spec.split(':', 3)
		self.count = int(count)
		self.good = 0
		self.bad = []
		self.lock = threading.Lock()

	def generator(self, rng: random.Random, writer: int) -> Generator:
		if self.kind == 'control':
			counted = {n.encode() for n in self.arg.split(',')}
			return ControlGen(rng, counted, writer)
		if self.kind == 'bool':
			return BoolGen(rng)
		if self.kind == 'uint':
			lo, hi = (int(v) for v in self.arg.split('-'))
			return UintGen(rng, lo, hi)
		return ErrnoGen(rng, self.arg)

	def writer(self, seed: int, writer: int) -> None:
		rng = random.Random(seed)
		gen = self.generator(rng, writer)
		for i in range(self.count):
			what, planned = gen.generate()
			fd = os.open(self.path, os.O_WRONLY)
			try:
				for chunk, want in planned:
					self.write_one(fd, i, what, chunk, want)
			finally:
				os.close(fd)

	@staticmethod
	def write(fd: int, chunk: Chunk) -> int:
		"""write(2) of one chunk: 0 or the errno."""
		if isinstance(chunk, BadBuffer):
			ret = libc.write(fd, BAD_BUFFER, ctypes.c_size_t(len(chunk)))
			return ctypes.get_errno() if ret < 0 else 0
		try:
			os.write(fd, chunk)
		except OSError as e:
			return e.errno
		return 0

	def write_one(self, fd: int, i: int, what: str, chunk: Chunk,
		      want: Want) -> None:
		"""want: the errno (0 for success) the model predicts, a set of
		errnos of which one must come, or None for any errno."""
		got = self.write(fd, chunk)
		if isinstance(want, int):
			ok = got == want
		else:
			ok = got != 0 and (want is None or got in want)
		with self.lock:
			if ok:
				self.good += 1
				return
			shown = chunk[:32] if isinstance(chunk, bytes) else chunk
			self.bad.append(f'write {i} ({what}, {shown!r}): '
					f'{name_of(got)}, not {name_of(want)}')


def name_of(e: Want) -> str:
	if e is None:
		return 'any errno'
	if isinstance(e, set):
		return '+'.join(sorted(name_of(x) for x in e))
	return errno.errorcode.get(e, str(e)) if e else 'success'


def main() -> int:
	seed, writers = (int(a) for a in sys.argv[1:3])
	targets = [Target(spec) for spec in sys.argv[3:]]
	for t in targets:
		threads = [threading.Thread(target=t.writer,
					    args=(seed * 1000 + w, w))
			   for w in range(writers)]
		for th in threads:
			th.start()
		for th in threads:
			th.join()
	failed = False
	for t in targets:
		print(f'{t.path}: as expected {t.good} of '
		      f'{t.good + len(t.bad)}')
		for line in t.bad[:5]:
			print('  ' + line)
		failed |= bool(t.bad)
	return 1 if failed else 0


if __name__ == '__main__':
	sys.exit(main())
