# SPDX-License-Identifier: GPL-2.0
"""The x86_64 machine under QEMU, in two uses.

The guest: its root is the host's own file system, read-only over
virtio-9p, so the machine's shell, insmod, trace-cmd, perf and bpftrace
are all there.  Its init, tests/guest/lib/init.sh, mounts what must be
writable, runs the tests named on the kernel command line, prints their
KTAP and the kernel log, and powers off.

The KUnit boot: the test kernel alone, its built-in suites run at boot
and their KTAP read from the console, as kunit.py exec does, but on the
machine below (kunit.py's own command line asks for KVM first, see
_machine()).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from mct import env
from mct.kernel import X86Kernel
from mct.proc import run

# Seconds one guest test may take: the debug kernel under TCG is slow.
TEST_TIMEOUT = int(os.environ.get('MARKER_GUEST_TIMEOUT') or 900)
# Seconds the KUnit boot may take (kunit.py run's --timeout of before).
KUNIT_TIMEOUT = int(os.environ.get('MARKER_KUNIT_TIMEOUT') or 600)

# The guest's shares besides its root, by mount tag, mounted by init.sh
# at the path they have on the host: the root's /tmp, /run and /var/tmp
# are covered by the guest's tmpfs, and a checkout or a cache there
# would otherwise be hidden from it.
def shares() -> dict[str, Path]:
	return {'marker_repo': env.REPO, 'marker_cache': env.CACHE}


def _virtfs(path: Path, tag: str) -> list[str]:
	return ['-virtfs', f'local,path={path},mount_tag={tag},'
		'security_model=none,readonly=on,multidevs=remap']


def _machine(kernel: X86Kernel, cpus: int) -> list[str]:
	"""The machine both uses boot.  -accel tcg, named alone: a host's
	/dev/kvm may be one its guests cannot run on (this project's CI
	machines have kvm-pvm, which runs only PVM-aware kernels; a stock
	kernel prints nothing), and 7.3's kunit.py asks for KVM first.  The
	vCPUs run on one TCG thread: with one thread per vCPU, a CPU was seen
	to execute a stale int3 of the kernel's live code patching (jump
	labels switched while other CPUs ran the site) and die.  la57=off:
	with 5-level paging, an interrupt taken while identify_cpu() rebuilds
	the boot CPU's features (LA57 momentarily clear) made KASAN report a
	wild access at boot, on 6.1 and 6.12, when the host was busy."""
	return [
		'qemu-system-x86_64', '-nographic', '-no-reboot', '-m', '2048',
		'-smp', str(cpus), '-accel', 'tcg,thread=single',
		'-cpu', 'max,la57=off', '-kernel', str(kernel.bzimage),
	]


def command(kernel: X86Kernel, cpus: int, testdir: str, tests: Sequence[str],
	    modules: Path, extra: Sequence[str] = (),
	    preload: Sequence[str] = ()) -> list[str]:
	"""The QEMU command line that boots kernel with cpus vCPUs to run
	tests (script names in testdir, a directory of the repository, or
	paths in the repository), with modules as $MARKER_MODULES, after
	loading the modules preload names from it.  extra: more kernel
	arguments.

	The built-in KUnit suites are filtered out (the KUnit run has them);
	an extra kunit.filter_glob=... overrides that.  pci=noacpi: under
	TCG with KASAN and a busy host, ACPI's evaluation of the PCI
	interrupt routing hit the interpreter's loop timeout, leaving
	virtio-pci without an interrupt and the root unmountable.
	"""
	cmdline = [
		'console=ttyS0', 'root=host0', 'rootfstype=9p',
		'rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose',
		'ro', f'init={env.REPO}/tests/guest/lib/init.sh', 'panic=-1',
		'pci=noacpi', 'kunit.filter_glob=marker_compat_no_suite',
		*(f'{tag}={path}' for tag, path in shares().items()),
		f'marker_testdir={testdir}',
		f'marker_tests={",".join(tests)}', f'marker_modules={modules}',
		f'marker_kver={kernel.ver}', f'marker_timeout={TEST_TIMEOUT}',
		*([f'marker_preload={",".join(preload)}'] if preload else []),
		*extra,
	]
	virtfs = _virtfs(Path('/'), 'host0')
	for tag, path in shares().items():
		virtfs += _virtfs(path, tag)
	return _machine(kernel, cpus) + virtfs + ['-append', ' '.join(cmdline)]


def boot(kernel: X86Kernel, cpus: int, testdir: str, tests: Sequence[str],
	 modules: Path, console: Path, extra: Sequence[str] = (),
	 preload: Sequence[str] = ()) -> list[str]:
	"""Boot, run the tests, and return the console's lines (also saved
	to console).  The boot is bounded by every test's time limit (the
	preload's among them)."""
	_, out = run(command(kernel, cpus, testdir, tests, modules, extra,
			     preload),
		      log=console, echo=False,
		      timeout=TEST_TIMEOUT * (len(tests) + bool(preload)) + 120)
	return out.splitlines()


def kunit_command(kernel: X86Kernel) -> list[str]:
	"""The KUnit boot: one vCPU, as kunit.py's; kunit_shutdown=reboot
	ends the machine (-no-reboot) once the suites are done, panic=-1
	when the kernel dies."""
	cmdline = ['console=ttyS0', 'pci=noacpi', 'panic=-1',
		   'kunit_shutdown=reboot']
	return _machine(kernel, 1) + ['-append', ' '.join(cmdline)]


def kunit_boot(kernel: X86Kernel, console: Path) -> tuple[int, list[str]]:
	"""Boot the test kernel to run its built-in KUnit suites; return
	QEMU's exit status (124: timed out) and the console's lines (also
	saved to console).  The build's lock is held, as kunit.py run holds
	it: the modular flavour rebuilds the same directory."""
	rc, out = run(kunit_command(kernel), log=console, echo=False,
		      timeout=KUNIT_TIMEOUT, lock=kernel.lock)
	return rc, out.splitlines()
