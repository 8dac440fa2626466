#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fail each allocation of a path in turn, and check what is left.

    alloc_sweep.py MODULES_DIR SCENARIO

The kernel's fault injection (Documentation/fault-injection/): writing N
to /proc/thread-self/fail-nth makes the N-th fault-injection point this
thread then reaches fail; with failslab (ignore-gfp-wait off, set by the
caller) that is the N-th slab allocation.  The count is per thread, so
the thread that makes the call arms it, right before the call.  For
N = 1, 2, ... the scenario's call runs with its N-th allocation failing,
until it makes fewer than N (the fault is not used): then the sweep ends.
After each run the scenario checks the state left behind, repairs what
it may and undoes the call.

Prints one line: "runs R failed F ignored I reserved K bad REASON"
(REASON "-" when every run kept the invariants; F counts the runs that
left a site listed "failed", or a bridge unattached, I those that left a
module's sites ignored, as reported, and K those whose tracepoint owner
was kept in the bridge's reserve for want of its table entry).
"""
from __future__ import annotations

import ctypes
import errno
import os
import subprocess
import sys
from typing import Callable, Optional

SYS_INIT_MODULE = 175           # x86_64
SYS_DELETE_MODULE = 176
MAX_N = 3000                    # far more than any of the paths allocates
DEBUGFS = '/sys/kernel/debug/markers'

RESERVED = 'tracepoints of mct_tp_owner kept in reserve'
RECORDED = 'tracepoints of mct_tp_owner recorded'

libc = ctypes.CDLL(None, use_errno=True)


class Broken(Exception):
	"""An invariant does not hold."""


def fail_nth(n: int, call: Callable[[], int]) -> tuple[int, bool]:
	"""Run call() with its n-th allocation failing: (errno or 0, injected)."""
	nth = os.open('/proc/thread-self/fail-nth', os.O_RDWR)
	try:
		os.write(nth, str(n).encode())
		ret = call()
		err = ctypes.get_errno() if ret < 0 else 0
		left = int(os.pread(nth, 32, 0) or b'0')
		os.write(nth, b'0')
	finally:
		os.close(nth)
	return err, left == 0


def insmod_call(path: str) -> Callable[[], int]:
	"""init_module() from memory: the kernel copies the image with
	__GFP_NOWARN, where finit_module() reads the file into a buffer whose
	failed allocation is reported with a stack dump."""
	with open(path, 'rb') as f:
		image = f.read()
	buf = ctypes.create_string_buffer(image, len(image))
	params = ctypes.c_char_p(b'')
	return lambda: libc.syscall(SYS_INIT_MODULE, buf,
				    ctypes.c_ulong(len(image)), params)


def write_call(path: str, text: str) -> Callable[[], int]:
	fd = os.open(path, os.O_WRONLY)
	data = text.encode()
	return lambda: libc.write(fd, data, len(data))


def insmod(path: str) -> None:
	if insmod_call(path)():
		raise Broken(f'insmod {path}: {os.strerror(ctypes.get_errno())}')


def rmmod(name: str) -> None:
	if libc.syscall(SYS_DELETE_MODULE, ctypes.c_char_p(name.encode()),
			os.O_NONBLOCK):
		raise Broken(f'rmmod {name}: {os.strerror(ctypes.get_errno())}')


def loaded(name: str) -> bool:
	return os.path.isdir(f'/sys/module/{name}')


def param(mod: str, name: str) -> str:
	with open(f'/sys/module/{mod}/parameters/{name}') as f:
		return f.read().strip()


def set_param(mod: str, name: str, value: str) -> None:
	with open(f'/sys/module/{mod}/parameters/{name}', 'w') as f:
		f.write(value)


def site(name: str, where: str) -> Optional[list[str]]:
	"""The listing's line of site NAME in WHERE, split, or None."""
	with open(f'{DEBUGFS}/list') as f:
		for line in f:
			words = line.split()
			if words[:2] == [name, where]:
				return words
	return None


def counter(name: str) -> Optional[int]:
	with open(f'{DEBUGFS}/counters') as f:
		for line in f:
			words = line.split()
			if words[0] == name:
				return int(words[1])
	return None


def control(cmd: str) -> None:
	with open(f'{DEBUGFS}/control', 'w') as f:
		f.write(cmd + '\n')


class Kmsg:
	"""The kernel log's records from now on (/dev/kmsg, not dmesg's
	buffer, which the loader's allocation reports may wrap)."""

	def __init__(self) -> None:
		self.fd = os.open('/dev/kmsg', os.O_RDONLY | os.O_NONBLOCK)
		os.lseek(self.fd, 0, os.SEEK_END)

	def read(self) -> list[str]:
		"""The messages logged since the last call."""
		lines = []
		while True:
			try:
				rec = os.read(self.fd, 8192)
			except BlockingIOError:
				return lines
			except BrokenPipeError:
				continue        # records overwritten: go on after them
			lines.append(rec.decode(errors='replace')
				     .split(';', 1)[-1].split('\n')[0])


class Sweep:
	def __init__(self, mods: str) -> None:
		self.mods = mods
		self.failed = 0
		self.ignored = 0
		self.reserved = 0
		self.kmsg = None

	def ko(self, name: str) -> str:
		return os.path.join(self.mods, name + '.ko')

	def nudge(self) -> None:
		"""A module comes and goes: the registry retries failed sites."""
		insmod(self.ko('mct_sites_a'))
		rmmod('mct_sites_a')

	def armed_or_repaired(self, name: str, where: str) -> bool:
		"""Is the site armed, after a retry if it needs one?

		False for the one state out of memory may leave for good: no room
		for the module's list of sites, which is then ignored, as the
		kernel log says (nothing in the registry points into it).
		"""
		words = site(name, where)
		if not words or words[2] == 'failed':
			self.failed += words is not None
			self.nudge()
			words = site(name, where)
		if not words and self.ignored_reported(where):
			self.ignored += 1
			return False
		if not words or words[2] != 'armed':
			raise Broken(f'site {name} in {where} left: {words}')
		return True

	def ignored_reported(self, where: str) -> bool:
		log = subprocess.run(['dmesg'], capture_output=True, text=True)
		tail = log.stdout.splitlines()[-20:]
		return any(f'markers of {where} ignored' in line for line in tail)

	def load_counted(self, n: int) -> bool:
		"""a. mct_sites_b loads while its site mct_fmt is counted."""
		err, injected = fail_nth(n, insmod_call(self.ko('mct_sites_b')))
		if err:
			if loaded('mct_sites_b') or site('mct_fmt', 'mct_sites_b'):
				raise Broken(f'load failed ({errno.errorcode[err]}), '
					     'module or site left')
			if not injected:
				raise Broken(f'load failed ({errno.errorcode[err]}) alone')
			return True
		try:
			if not self.armed_or_repaired('mct_fmt', 'mct_sites_b'):
				return injected
			before = counter('mct_fmt')
			set_param('mct_sites_b', 'fire', '1')
			if counter('mct_fmt') != before + 1:
				raise Broken(f"counter {before} -> {counter('mct_fmt')}")
		finally:
			rmmod('mct_sites_b')
		return injected

	def load_bridged(self, n: int) -> bool:
		"""b. mct_tp_bridge (bridged site mct_bridged) loads, counted."""
		err, injected = fail_nth(n, insmod_call(self.ko('mct_tp_bridge')))
		if err:
			cbs = param('mct_tp_owner', 'callbacks')
			if loaded('mct_tp_bridge') or cbs != '0':
				raise Broken(f'load failed ({errno.errorcode[err]}), '
					     f'module or {cbs} callbacks left')
			if not injected:
				raise Broken(f'load failed ({errno.errorcode[err]}) alone')
			return True
		try:
			if not self.armed_or_repaired('mct_bridged', 'mct_tp_bridge'):
				return injected
			cbs = param('mct_tp_owner', 'callbacks')
			if cbs != '1':
				raise Broken(f'{cbs} callbacks on the tracepoint')
			before = counter('mct_bridged')
			set_param('mct_tp_owner', 'fire', '1')
			if counter('mct_bridged') != before + 1:
				raise Broken(f'counter {before} -> '
					     f"{counter('mct_bridged')}")
		finally:
			rmmod('mct_tp_bridge')
		cbs = param('mct_tp_owner', 'callbacks')
		if cbs != '0':
			raise Broken(f'{cbs} callbacks after the unload')
		return injected

	def owner_callbacks(self, want: str, what: str) -> None:
		cbs = param('mct_tp_owner', 'callbacks')
		if cbs != want:
			raise Broken(f"{cbs} callbacks on the owner's tracepoint "
				     f'{what}, not {want}')

	def bridge_armed(self, what: str) -> None:
		words = site('mct_bridged', 'mct_tp_bridge')
		if not words or words[2:4] != ['armed', 'probes=1']:
			raise Broken(f'bridged site {what}: {words}')

	def load_owner(self, n: int) -> bool:
		"""e. mct_tp_owner loads while mct_tp_bridge's probe is armed."""
		if self.kmsg is None:
			self.kmsg = Kmsg()
		self.kmsg.read()
		err, injected = fail_nth(n, insmod_call(self.ko('mct_tp_owner')))
		log = self.kmsg.read()
		if err:
			if loaded('mct_tp_owner'):
				raise Broken(f'load failed ({errno.errorcode[err]}), '
					     'module left')
			if not injected:
				raise Broken(f'load failed ({errno.errorcode[err]}) alone')
			self.bridge_armed('after a failed load of its owner')
			return True
		try:
			self.reserved += any(RESERVED in line for line in log)
			if param('mct_tp_owner', 'callbacks') != '1':
				# The retry: a module comes and goes.
				self.failed += 1
				self.nudge()
			self.owner_callbacks('1', 'after the load (and a retry)')
			self.bridge_armed('with its owner loaded')
			# What needs the owner's tracepoint later finds it: a new
			# registration makes the link again.
			set_param('mct_tp_bridge', 'reg', '0')
			self.owner_callbacks('0', 'once the probe is unregistered')
			set_param('mct_tp_bridge', 'reg', '1')
			if param('mct_tp_bridge', 'last_ret') != '0':
				raise Broken('registering again: '
					     f"{param('mct_tp_bridge', 'last_ret')}")
			self.owner_callbacks('1', 'once the probe is registered again')
			hits = int(param('mct_tp_bridge', 'hits'))
			set_param('mct_tp_owner', 'fire', '1')
			if int(param('mct_tp_bridge', 'hits')) != hits + 1:
				raise Broken(f'bridge hits {hits} -> '
					     f"{param('mct_tp_bridge', 'hits')}")
			if any(RESERVED in line for line in log) and not any(
				RECORDED in line for line in self.kmsg.read()):
				raise Broken('the owner kept in reserve, never recorded')
		finally:
			rmmod('mct_tp_owner')
		self.bridge_armed("after its owner's unload")
		return injected

	def idle(self, name: str, where: str) -> None:
		words = site(name, where)
		if not words or words[2:4] != ['idle', 'probes=0']:
			raise Broken(f'refused, but the site changed: {words}')

	def count(self, n: int) -> bool:
		"""c. "count mct_shared" with mct_sites_a loaded."""
		call = write_call(f'{DEBUGFS}/control', 'count mct_shared\n')
		err, injected = fail_nth(n, call)
		if err:
			if err != errno.ENOMEM or not injected:
				raise Broken(f'refused with {errno.errorcode[err]}')
			if counter('mct_shared') is not None:
				raise Broken('refused, but the counter is there')
			self.idle('mct_shared', 'mct_sites_a')
			return True
		try:
			set_param('mct_sites_a', 'fire', '2')
			if counter('mct_shared') != 2:
				raise Broken(f"counted {counter('mct_shared')} of 2 hits")
		finally:
			control('nocount mct_shared')
		return injected

	def register(self, n: int) -> bool:
		"""d. mct_probe's switch: marker_probe_register() with a format."""
		call = write_call('/sys/module/mct_probe/parameters/reg', '1')
		err, injected = fail_nth(n, call)
		ret = int(param('mct_probe', 'last_ret')) if not err else None
		if err or ret:
			# The write itself (sysfs) or the registration failed.
			if not injected or (err or -ret) != errno.ENOMEM:
				raise Broken(f'failed with {err or ret} '
					     f'(injected: {injected})')
			self.idle('mct_shared', 'mct_sites_a')
			return True
		try:
			hits = int(param('mct_probe', 'hits_a'))
			set_param('mct_sites_a', 'fire', '1')
			if int(param('mct_probe', 'hits_a')) != hits + 1:
				raise Broken('registered, but not called')
		finally:
			set_param('mct_probe', 'reg', '0')
		return injected


def kmsg(line: str) -> None:
	with open('/dev/kmsg', 'w') as f:
		f.write(f'{line}\n')


def main() -> None:
	mods, scenario = sys.argv[1], sys.argv[2]
	sweep = Sweep(mods)
	run = getattr(sweep, scenario)
	bad = '-'
	n = 0
	# Between these two lines the console check lets through the kernel's
	# reports of failed allocations (warn_alloc()), which the injected
	# faults cause: on 6.1 the module loader allocates module memory
	# without __GFP_NOWARN.  init.sh exports them (lib/marks.sh).
	kmsg(os.environ['MARKER_INJECT_BEGIN'])
	try:
		for n in range(1, MAX_N + 1):
			if not run(n):
				break
		else:
			bad = f'still failing at N={MAX_N}'
	except Broken as e:
		bad = f'N={n}: {e}'
	finally:
		kmsg(os.environ['MARKER_INJECT_END'])
	print(f'runs {n} failed {sweep.failed} ignored {sweep.ignored} '
	      f'reserved {sweep.reserved} bad {bad}')


if __name__ == '__main__':
	main()
