#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Attach a BPF program to a raw tracepoint by name, run a command, and
print the arguments of each firing.

    raw_tp.py NAME NARGS CMD [ARG...]

What bpftrace's "rawtracepoint:NAME" does, with nothing but the bpf()
system call, for a guest whose bpftrace has no such probe (Debian 12's
0.17): a BPF_PROG_TYPE_RAW_TRACEPOINT program that copies its first
NARGS (1-4) 64-bit arguments into an array map, one record per firing
(at most 16), attached with BPF_RAW_TRACEPOINT_OPEN to the tracepoint
NAME, which the kernel looks up by name among vmlinux's and the loaded
modules' raw tracepoint entries (bpf_get_raw_tracepoint()).  Then CMD
runs; then each record is printed as one line of NARGS hexadecimal
numbers, in firing order.  The attachment fails, and the script exits 1
with the kernel's error, if NAME has no entry or fewer than NARGS
arguments (bpf_probe_register() checks the program's reads against
the entry's num_args).  Exits with CMD's status otherwise.
"""

from __future__ import annotations

import ctypes
import os
import struct
import subprocess
import sys

SYS_BPF = 321			# x86_64: the guest's architecture
BPF_MAP_CREATE = 0
BPF_MAP_LOOKUP_ELEM = 1
BPF_PROG_LOAD = 5
BPF_RAW_TRACEPOINT_OPEN = 17
BPF_MAP_TYPE_ARRAY = 2
BPF_PROG_TYPE_RAW_TRACEPOINT = 17
BPF_PSEUDO_MAP_FD = 1

RECORDS = 16
RECORD = 32			# bytes: 4 arguments of 8
VALUE = 8 + RECORDS * RECORD	# a count, then the records
ATTR = 128			# bytes of union bpf_attr passed: more than used

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def bpf(cmd: int, attr: bytes) -> int:
	"""bpf(cmd, attr); raise OSError with the kernel's errno."""
	buf = ctypes.create_string_buffer(attr.ljust(ATTR, b'\0'), ATTR)
	ret = libc.syscall(SYS_BPF, cmd, buf, ATTR)
	if ret < 0:
		err = ctypes.get_errno()
		raise OSError(err, os.strerror(err))
	return ret


def insn(code: int, dst: int = 0, src: int = 0, off: int = 0,
	 imm: int = 0) -> bytes:
	"""One struct bpf_insn."""
	return struct.pack('<BBhi', code, (src << 4) | dst, off, imm)


def program(map_fd: int, nargs: int) -> bytes:
	"""value = map[0]; if (value->n < RECORDS) { copy args[0..nargs)
	to value->rec[value->n]; value->n++; } return 0."""
	body = [
		insn(0xbf, 6, 1),			# r6 = ctx
		insn(0x62, 10, 0, -4, 0),		# *(u32 *)(fp - 4) = 0
		insn(0x18, 1, BPF_PSEUDO_MAP_FD, 0, map_fd),  # r1 = map
		insn(0),
		insn(0xbf, 2, 10),			# r2 = fp
		insn(0x07, 2, 0, 0, -4),		# r2 += -4
		insn(0x85, imm=1),			# call map_lookup_elem
	]
	copy = [
		insn(0xbf, 7, 0),			# r7 = value
		insn(0x79, 1, 7, 0),			# r1 = value->n
	]
	store = [
		insn(0xbf, 2, 1),			# r2 = n
		insn(0x67, 2, imm=5),			# r2 *= RECORD
		insn(0xbf, 3, 7),			# r3 = value
		insn(0x0f, 3, 2),			# r3 += r2
	]
	for i in range(nargs):
		store += [insn(0x79, 4, 6, 8 * i),	# r4 = ctx[i]
			  insn(0x7b, 3, 4, 8 + 8 * i)]	# rec[n][i] = r4
	store += [insn(0x07, 1, imm=1),			# n++
		  insn(0x7b, 7, 1, 0)]			# value->n = n
	out = [insn(0xb7, 0), insn(0x95)]		# return 0
	# The two branches jump to out, over what follows them.
	skip_copy = len(copy) + 1 + len(store)
	code = (body + [insn(0x15, 0, 0, skip_copy, 0)] + copy +
		[insn(0x35, 1, 0, len(store), RECORDS)] + store + out)
	return b''.join(code)


def main(argv: list[str]) -> int:
	if len(argv) < 4 or not 1 <= int(argv[2]) <= 4:
		print(__doc__, file=sys.stderr)
		return 2
	name, nargs, cmd = argv[1], int(argv[2]), argv[3:]
	map_fd = bpf(BPF_MAP_CREATE,
		     struct.pack('<IIII', BPF_MAP_TYPE_ARRAY, 4, VALUE, 1))
	prog = program(map_fd, nargs)
	insns = ctypes.create_string_buffer(prog, len(prog))
	lic = ctypes.create_string_buffer(b'GPL')
	log = ctypes.create_string_buffer(65536)
	try:
		prog_fd = bpf(BPF_PROG_LOAD, struct.pack(
			'<IIQQIIQ', BPF_PROG_TYPE_RAW_TRACEPOINT, len(prog) // 8,
			ctypes.addressof(insns), ctypes.addressof(lic), 1,
			len(log), ctypes.addressof(log)))
	except OSError as e:
		print(f'raw_tp.py: program refused: {e}', file=sys.stderr)
		print(log.value.decode(errors='replace'), file=sys.stderr)
		return 1
	tp = ctypes.create_string_buffer(name.encode())
	try:
		link = bpf(BPF_RAW_TRACEPOINT_OPEN,
			   struct.pack('<QI', ctypes.addressof(tp), prog_fd))
	except OSError as e:
		print(f'raw_tp.py: cannot attach to raw tracepoint {name}: {e}',
		      file=sys.stderr)
		return 1
	status = subprocess.run(cmd).returncode
	os.close(link)

	key = ctypes.create_string_buffer(struct.pack('<I', 0), 4)
	value = ctypes.create_string_buffer(VALUE)
	bpf(BPF_MAP_LOOKUP_ELEM, struct.pack(
		'<IIQQ', map_fd, 0, ctypes.addressof(key),
		ctypes.addressof(value)))
	raw = value.raw
	n = struct.unpack_from('<Q', raw)[0]
	for r in range(min(n, RECORDS)):
		args = struct.unpack_from(f'<{nargs}Q', raw, 8 + r * RECORD)
		print(' '.join(f'{a:#x}' for a in args))
	if n > RECORDS:
		print(f'raw_tp.py: {n} firings, {RECORDS} recorded',
		      file=sys.stderr)
	return status


if __name__ == '__main__':
	sys.exit(main(sys.argv))
