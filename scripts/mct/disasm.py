# SPDX-License-Identifier: GPL-2.0
"""Is the disabled path of a marker site, in an x86_64 object built with
CONFIG_JUMP_LABEL, a NOP that carries none of the site's argument work?

The checks:

 - a __jump_table entry has its code inside the function and its key
   inside the site's struct marker (the local object __mark_MARKER), i.e.
   the static key of the site's embedded tracepoint;
 - the instruction at that entry is a NOP;
 - the path from the function's entry through the NOP to the return has
   no call (other than __fentry__) and no conditional branch, while the
   function does call out on its enabled path.

judge() does all of it on the text binutils prints, so that it can be
tested on fixed outputs; check() only runs the tools."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from typing import Callable, NamedTuple, Optional

# How far the disabled path is followed: a walk that has not reached a
# return by then stops there (a loop of jumps would never end).
MAX_PATH = 200

# objdump's spellings of the NOPs a jump label site is patched with.
NOP_RE = re.compile(r'(nop|xchg\s+%ax,%ax)')

# Calls that every function may make on any path: the ftrace hook at the
# entry and the return thunk.
HARMLESS_CALLS = ('__fentry__', '__x86_return_thunk')


class DisasmFail(Exception):
	"""A point of the check does not hold: the message is the verdict."""


class Symbol(NamedTuple):
	"""A symbol as readelf -sW lists it, its section by name: relocations
	against a section symbol name the section, so that is what an
	address is compared in."""
	section: Optional[str]
	value: int
	size: int
	name: str

	def holds(self, section: Optional[str], addr: int) -> bool:
		return section == self.section and \
			self.value <= addr < self.value + self.size


@dataclass
class Insn:
	"""An instruction as objdump -dr writes it, with the targets of the
	relocations inside it: a call's target in an object is only there."""
	addr: int
	text: str
	relocs: list[str] = field(default_factory=list)


def parse_sections(text: str) -> dict[str, str]:
	"""Section index (as readelf -sW writes a symbol's Ndx) -> name, from
	readelf -SW."""
	secs = {}
	for line in text.splitlines():
		m = re.match(r'\s*\[\s*(\d+)\]\s+(\S+)', line)
		if m:
			secs[m.group(1)] = m.group(2)
	return secs


def parse_symbols(text: str, secs: dict[str, str], func: str,
		  marker: str) -> tuple[Optional[Symbol], Optional[Symbol]]:
	"""The function (possibly a .constprop/.isra clone of it) and the
	site's struct marker (a static object, its name numbered by GCC when
	it is local to a function), from readelf -sW.  The last match wins."""
	func_re = re.compile(re.escape(func) + r'(\.\w+\.\d+)*')
	site_re = re.compile(r'__mark_' + re.escape(marker) + r'(\.\d+)?')
	fsym = ssym = None
	for line in text.splitlines():
		f = line.split()
		if len(f) < 8 or not re.fullmatch(r'\d+:', f[0]):
			continue
		sym = Symbol(secs.get(f[6]), int(f[1], 16), int(f[2], 0), f[7])
		if f[3] == 'FUNC' and func_re.fullmatch(sym.name):
			fsym = sym
		if f[3] == 'OBJECT' and site_re.fullmatch(sym.name):
			ssym = sym
	return fsym, ssym


def parse_jump_relocs(text: str) -> dict[int, tuple[str, int]]:
	"""Offset in __jump_table -> (symbol, addend), from readelf -rW.  An
	entry is 16 bytes: the code (.long, at 16i), the target (.long, at
	16i+4) and the key (.quad, at 16i+8, with the branch and flag bits in
	its two low bits), each relative to itself."""
	relocs = {}
	cur = None
	for line in text.splitlines():
		m = re.match(r"Relocation section '(\S+)'", line)
		if m:
			cur = m.group(1)
			continue
		if cur != '.rela__jump_table':
			continue
		m = re.match(r'\s*([0-9a-f]+)\s+[0-9a-f]+\s+\S+\s+[0-9a-f]+\s+'
			     r'(\S+)\s*([+-])\s*([0-9a-f]+)', line)
		if m:
			add = int(m.group(4), 16)
			relocs[int(m.group(1), 16)] = \
				(m.group(2), add if m.group(3) == '+' else -add)
	return relocs


def jump_labels(relocs: dict[int, tuple[str, int]], fsym: Symbol,
		ssym: Symbol) -> list[tuple[int, int]]:
	"""(code address, key offset in the site) of every __jump_table
	entry whose code is in the function and whose key is in the site."""
	syms = {fsym.name: fsym, ssym.name: ssym}

	def resolve(name: str, add: int) -> tuple[Optional[str], int]:
		# Against a section symbol (readelf names it after the section)
		# the addend is the address; against one of ours, it adds up.
		if name in syms:
			return syms[name].section, syms[name].value + add
		return name, add

	found = []
	for off in sorted(relocs):
		if off % 16 or off + 8 not in relocs:
			continue
		csec, caddr = resolve(*relocs[off])
		ksec, kaddr = resolve(*relocs[off + 8])
		kaddr &= ~3
		if fsym.holds(csec, caddr) and ssym.holds(ksec, kaddr):
			found.append((caddr, kaddr - ssym.value))
	return found


def parse_disassembly(text: str, fsym: Symbol) -> list[Insn]:
	"""The function's instructions, from objdump -dr, each with the
	relocations inside it.  objdump may print relocations of the previous
	function inside this one, so each relocation goes to the instruction
	holding its offset, and only the function's own range is kept."""
	lo, hi = fsym.value, fsym.value + fsym.size
	insns = []
	rels = []
	for line in text.splitlines():
		m = re.match(r'\s*([0-9a-f]+):\s+R_X86_64_\S+\s+(\S+)', line)
		if m:
			rels.append((int(m.group(1), 16), m.group(2)))
			continue
		m = re.match(r'\s*([0-9a-f]+):\s+(\S.*)$', line)
		if m and lo <= int(m.group(1), 16) < hi:
			insns.append(Insn(int(m.group(1), 16),
					  m.group(2).strip()))
	for off, target in rels:
		owner = [x for x in insns if x.addr <= off]
		if owner and off < hi:
			owner[-1].relocs.append(target)
	return insns


def disabled_path(insns: list[Insn], nops: list[int]) -> list[str]:
	"""Follow the path from the entry, the jump labels left as NOPs, to
	the return (or a jump out of the function); it must go through a
	NOP and hold no call but __fentry__'s and no conditional branch.
	Returns it, an instruction a step."""
	index = {x.addr: i for i, x in enumerate(insns)}
	path = []
	i = 0
	seen_nop = False
	while i < len(insns) and len(path) < MAX_PATH:
		x = insns[i]
		path.append(f'{x.addr:x}: {x.text}' +
			    ''.join(f' [{r}]' for r in x.relocs))
		mn = x.text.split()[0]
		if x.addr in nops:
			seen_nop = True
		if mn.startswith('call'):
			if not any(r.startswith('__fentry__')
				   for r in x.relocs):
				raise DisasmFail('call on the disabled path: '
						 f'{x.addr:#x}: {x.text} '
						 f'{x.relocs}')
		elif mn.startswith('ret'):
			break
		elif mn.startswith('jmp'):
			m = re.match(r'jmp\s+([0-9a-f]+) <', x.text)
			# A tail call or the return thunk (a relocation), an
			# indirect jump or one out of the function: the path
			# leaves.
			to = int(m.group(1), 16) if m else None
			if x.relocs or to not in index:
				break
			i = index[to]
			continue
		elif re.match(r'j[a-z]+$', mn):
			raise DisasmFail('conditional branch on the disabled '
					 f'path: {x.addr:#x}: {x.text}')
		i += 1
	if not seen_nop:
		raise DisasmFail('the disabled path does not go through the '
				 'jump label NOP')
	return path


def calls(insns: list[Insn]) -> list[str]:
	"""What the function calls or tail-calls anywhere, but the harmless
	calls: by relocation, or by the target objdump names for a call the
	assembler resolved itself."""
	found = set()
	for x in insns:
		if not x.text.startswith(('call', 'jmp')):
			continue
		m = re.search(r'<([^>+]+)', x.text)
		named = [m.group(1)] if m and x.text.startswith('call') else []
		for t in x.relocs or named:
			t = re.sub(r'-0x4$', '', t)
			if t not in HARMLESS_CALLS:
				found.add(t)
	return sorted(found)


def _judge(report: list[str], obj: str, func: str, marker: str,
	   sections_txt: str, symbols_txt: str, relocs_txt: str,
	   disassemble: Callable[[str, str], str]) -> None:
	fsym, ssym = parse_symbols(symbols_txt, parse_sections(sections_txt),
				   func, marker)
	if not fsym:
		raise DisasmFail(f'no function {func} in {obj}')
	if not ssym:
		raise DisasmFail(f'no marker site __mark_{marker} in {obj}')

	labels = jump_labels(parse_jump_relocs(relocs_txt), fsym, ssym)
	if not labels:
		raise DisasmFail(f'no __jump_table entry in {fsym.name} '
				 f'keyed on __mark_{marker}')
	nops = [a for a, _ in labels]
	keys = ', '.join(f'{ssym.name}+{k:#x}'
			 for k in sorted({k for _, k in labels}))
	report.append(f'disasm: {fsym.name}: jump label(s) at '
		      f'{", ".join(hex(a) for a in nops)} keyed on {keys} '
		      f'({ssym.section})')

	insns = parse_disassembly(disassemble(fsym.section, fsym.name), fsym)
	report.append(f'{fsym.value:016x} <{fsym.name}>:')
	for x in insns:
		report.append(f'  {x.addr:x}:\t{x.text}' +
			      ''.join(f'\t[{r}]' for r in x.relocs))
	at = {x.addr: x for x in insns}
	for a in nops:
		if a not in at or not NOP_RE.match(at[a].text):
			raise DisasmFail(f'instruction at {a:#x} is not a NOP')

	path = disabled_path(insns, nops)
	out = calls(insns)
	if not out:
		raise DisasmFail('no call at all in the function: nothing to '
				 'keep off the path')
	report.append('disasm: disabled path: ' + ' ; '.join(path))
	report.append(f'disasm: enabled path only: {", ".join(out)}')


def judge(obj: str, func: str, marker: str, sections_txt: str,
	  symbols_txt: str, relocs_txt: str,
	  disassemble: Callable[[str, str], str]) -> tuple[bool, list[str]]:
	"""The verdict on func's site of marker in obj, from the outputs of
	readelf -SW, -sW and -rW on it; disassemble(section, symbol) gives
	objdump's, asked for only once the function and its jump label are
	found.  Returns (passed, the report: the findings, the disassembly,
	then "disasm: PASS" or "disasm: FAIL: why")."""
	report: list[str] = []
	try:
		_judge(report, obj, func, marker, sections_txt, symbols_txt,
		       relocs_txt, disassemble)
	except DisasmFail as e:
		report.append(f'disasm: FAIL: {e}')
		return False, report
	report.append('disasm: PASS')
	return True, report


def _tool(*cmd: str) -> str:
	"""cmd's output; a tool missing or failing is a DisasmFail, so that
	it ends the check as a failure like any other."""
	try:
		return subprocess.run(cmd, check=True, capture_output=True,
				      text=True, errors='replace').stdout
	except OSError as e:
		raise DisasmFail(f'{cmd[0]}: {e.strerror}') from e
	except subprocess.CalledProcessError as e:
		why = e.stderr.strip().splitlines()
		raise DisasmFail(f'{" ".join(cmd)}: exit status '
				 f'{e.returncode}' +
				 (f': {why[-1]}' if why else '')) from e


def check(obj: str, func: str, marker: str) -> tuple[bool, list[str]]:
	"""judge() on obj, binutils run on it; a tool that is missing or
	fails is a failure of the check, reported as one."""
	try:
		texts = [_tool('readelf', opt, obj)
			 for opt in ('-SW', '-sW', '-rW')]
	except DisasmFail as e:
		return False, [f'disasm: FAIL: {e}']

	def disassemble(section: str, name: str) -> str:
		return _tool('objdump', '-dr', '--no-show-raw-insn',
			     f'--disassemble={name}', '-j', section, obj)

	return judge(obj, func, marker, *texts, disassemble)
