# SPDX-License-Identifier: GPL-2.0
"""The guest: an x86_64 kernel under QEMU (TCG) whose root is the host's
own file system, read-only over virtio-9p, so the machine's shell,
insmod, trace-cmd, perf and bpftrace are all there.  Its init,
tests/guest/lib/init.sh, mounts what must be writable, runs the tests
named on the kernel command line, prints their KTAP and the kernel log,
and powers off."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from mct import env
from mct.kernel import X86Kernel
from mct.proc import run

# Seconds one guest test may take: the debug kernel under TCG is slow.
TEST_TIMEOUT = int(os.environ.get('MARKER_GUEST_TIMEOUT') or 900)


def command(kernel: X86Kernel, cpus: int, testdir: str, tests: Sequence[str],
	    modules: Path, extra: Sequence[str] = ()) -> list[str]:
	"""The QEMU command line that boots kernel with cpus vCPUs to run
	tests (script names in testdir, a directory of the repository),
	with modules as $MARKER_MODULES.  extra: more kernel arguments.

	The built-in KUnit suites are filtered out (the KUnit run has them);
	an extra kunit.filter_glob=... overrides that.  The vCPUs run on one
	TCG thread: with one thread per vCPU, a CPU was seen to execute a
	stale int3 of the kernel's live code patching (jump labels switched
	while other CPUs ran the site) and die.  pci=noacpi: under TCG with
	KASAN and a busy host, ACPI's evaluation of the PCI interrupt
	routing hit the interpreter's loop timeout, leaving virtio-pci
	without an interrupt and the root unmountable.  la57=off: with
	5-level paging, an interrupt taken while identify_cpu() rebuilds the
	boot CPU's features (LA57 momentarily clear) made KASAN report a wild
	access at boot, on 6.1 and 6.12, when the host was busy.
	"""
	cmdline = [
		'console=ttyS0', 'root=host0', 'rootfstype=9p',
		'rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose',
		'ro', f'init={env.REPO}/tests/guest/lib/init.sh', 'panic=-1',
		'pci=noacpi', 'kunit.filter_glob=marker_compat_no_suite',
		f'marker_repo={env.REPO}', f'marker_testdir={testdir}',
		f'marker_tests={",".join(tests)}', f'marker_modules={modules}',
		f'marker_kver={kernel.ver}', f'marker_timeout={TEST_TIMEOUT}',
		*extra,
	]
	return [
		'qemu-system-x86_64', '-nographic', '-no-reboot', '-m', '2048',
		'-smp', str(cpus), '-accel', 'tcg,thread=single',
		'-cpu', 'max,la57=off', '-kernel', str(kernel.bzimage),
		'-virtfs', 'local,path=/,mount_tag=host0,security_model=none,'
		'readonly=on,multidevs=remap',
		'-append', ' '.join(cmdline),
	]


def boot(kernel: X86Kernel, cpus: int, testdir: str, tests: Sequence[str],
	 modules: Path, console: Path, extra: Sequence[str] = ()) -> list[str]:
	"""Boot, run the tests, and return the console's lines (also saved
	to console).  The boot is bounded by every test's time limit."""
	_, out = run(command(kernel, cpus, testdir, tests, modules, extra),
		      log=console, echo=False,
		      timeout=TEST_TIMEOUT * len(tests) + 120)
	return out.splitlines()
