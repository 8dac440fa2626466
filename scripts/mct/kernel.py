# SPDX-License-Identifier: GPL-2.0
"""The kernels: Debian's source trees with this repository dropped in as
drivers/marker-compat (scripts/prepare-tree.sh), built with the tree's
own kunit.py, for UML, arm64 and x86_64 (the last two under QEMU), and
external modules built against an x86_64 build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Sequence

from mct import env
from mct.proc import Failed, run, say

# On top of kunit/.kunitconfig for every x86_64 kernel: real jump labels,
# loadable modules, the samples built in tree as modules, debugfs for the
# control interface; and what the guest of qemu.py boots with: the
# host's root over virtio-9p (6.1's 9P_FS depends on INET), tmpfs and
# devtmpfs, a script as init.
X86_BASE = [
	'CONFIG_JUMP_LABEL=y', 'CONFIG_MODULES=y', 'CONFIG_MODULE_UNLOAD=y',
	'CONFIG_MARKER_COMPAT_SAMPLES=m', 'CONFIG_DEBUG_FS=y',
	'CONFIG_PCI=y', 'CONFIG_VIRTIO_MENU=y', 'CONFIG_VIRTIO_PCI=y',
	'CONFIG_NET=y', 'CONFIG_INET=y', 'CONFIG_UNIX=y', 'CONFIG_NET_9P=y',
	'CONFIG_NET_9P_VIRTIO=y', 'CONFIG_NETWORK_FILESYSTEMS=y',
	'CONFIG_9P_FS=y', 'CONFIG_TMPFS=y', 'CONFIG_DEVTMPFS=y',
	'CONFIG_BINFMT_SCRIPT=y',
]

# The test kernel, the one every x86_64 test runs on: several CPUs and
# what the machine's tracing tools need (perf events, BPF, hist
# triggers); the function tracer, as Debian's kernels have it (so that
# the out-of-tree build against this tree checks that the record path is
# not traceable, scripts/oot-build.sh); preemptible, so "probes run with
# preemption disabled" is a real check; and the debug options: lockdep and RCU proving (a
# lock-order problem between the marker core, the trace core and the
# tracepoint module notifier is a lockdep WARNING), sleeping in atomic
# context, KASAN, RCU-head and list debugging, kmemleak (read by a guest
# test), and fault injection (failslab through fail-nth, so a guest test
# can fail each allocation of a path in turn).
X86_TEST = [
	'CONFIG_SMP=y', 'CONFIG_NR_CPUS=8', 'CONFIG_PERF_EVENTS=y',
	'CONFIG_BPF_SYSCALL=y', 'CONFIG_BPF_JIT=y', 'CONFIG_BPF_EVENTS=y',
	'CONFIG_HIST_TRIGGERS=y',
	# A tracer of its own: kunit/.kunitconfig's ENABLE_DEFAULT_TRACERS
	# (tracing where no tracer is chosen) cannot be set beside it.
	'CONFIG_FUNCTION_TRACER=y', 'CONFIG_ENABLE_DEFAULT_TRACERS=n',
	'CONFIG_PREEMPT=y', 'CONFIG_DEBUG_KERNEL=y',
	'CONFIG_DEBUG_ATOMIC_SLEEP=y', 'CONFIG_PROVE_LOCKING=y',
	'CONFIG_PROVE_RCU=y', 'CONFIG_KASAN=y', 'CONFIG_KASAN_GENERIC=y',
	'CONFIG_DEBUG_OBJECTS=y', 'CONFIG_DEBUG_OBJECTS_RCU_HEAD=y',
	'CONFIG_DEBUG_LIST=y', 'CONFIG_DEBUG_KMEMLEAK=y',
	'CONFIG_FAULT_INJECTION=y', 'CONFIG_FAILSLAB=y',
	'CONFIG_FAULT_INJECTION_DEBUG_FS=y',
]

# The modular kernel: the test kernel with the shim built in tree as
# modules (core, example, KUnit suites).
X86_MODULAR = [
	'CONFIG_MARKER_COMPAT=m', 'CONFIG_MARKER_COMPAT_VIRT_EXAMPLE=m',
	'CONFIG_MARKER_COMPAT_KUNIT_TEST=m',
]

# The bench kernel: the preemption model pinned, since figures are
# compared across kernels and the default differs (x86 lost
# PREEMPT_NONE and PREEMPT_VOLUNTARY in 7.x; full preemption is on all).
X86_BENCH = ['CONFIG_PREEMPT=y']

# "test" and "modular" share a build directory: they differ in the shim's
# own options only, so switching between them rebuilds the shim and
# relinks, where a directory of its own would cost a whole debug kernel.
# The bench kernel is uniprocessor and has no debug options, since they
# weigh on what the benchmark measures.
FLAVOURS = {
	'test': ('', X86_BASE + X86_TEST),
	'modular': ('', X86_BASE + X86_TEST + X86_MODULAR),
	'bench': ('-bench', X86_BASE + X86_BENCH),
}


def prepare_tree(ver: str, unpack_only: bool = False) -> Path:
	"""The unpacked linux-source-VER tree; unless unpack_only, with its
	drivers/marker-compat pointing at this checkout."""
	cmd = [str(env.REPO / 'scripts/prepare-tree.sh')]
	if unpack_only:
		cmd.append('--unpack-only')
	rc, out = run(cmd + [ver], echo=False)
	if rc:
		print(out, end='')
		raise Failed(f'cannot prepare the {ver} tree')
	return Path(out.strip().splitlines()[-1])


def kunit_py(tree: Path, sub: str, args: Sequence[str], log: Path,
	     lock: Path, echo: bool = True) -> tuple[int, str]:
	"""The tree's kunit.py SUB with the shim's kunitconfig."""
	cmd = ['python3', 'tools/testing/kunit/kunit.py', sub,
	       f'--kunitconfig={tree}/drivers/marker-compat/kunit',
	       f'--jobs={env.JOBS}', *args]
	say(f'{tree.name}: {" ".join(cmd)}')
	return run(cmd, log=log, echo=echo, cwd=tree, lock=lock)


# The names of kunit.py's architectures in steps and logs (kunit-uml-6.1);
# build directories have kunit.py's own (um-6.1, the UML build that
# coccinelle's differential test also uses).
ARCH_NAMES = {'um': 'uml', 'arm64': 'arm64'}


def kunit_build(arch: str, ver: str) -> Path:
	"""The build directory of kunit.py runs for arch (um, arm64)."""
	return env.BUILDS / f'{arch}-{ver}'


def _claimed(build: Path) -> bool:
	"""Did this checkout build the shim's objects in build?"""
	mark = build / '.marker-compat-repo'
	return mark.exists() and mark.read_text().strip() == str(env.REPO)


def claim_build(build: Path) -> None:
	"""Make the shim's objects in build come from this checkout.  kbuild
	rebuilds what is older than its sources, but the tree's link may
	have just been pointed here from another checkout whose objects are
	newer than this checkout's files (a worktree made before that
	build): then those objects are removed, so the shim is built again."""
	if _claimed(build):
		return
	shutil.rmtree(build / 'drivers/marker-compat', ignore_errors=True)
	build.mkdir(parents=True, exist_ok=True)
	(build / '.marker-compat-repo').write_text(f'{env.REPO}\n')


class X86Kernel:
	"""An x86_64 build of one kernel version in one flavour."""

	def __init__(self, ver: str, flavour: str = 'test'):
		suffix, self.options = FLAVOURS[flavour]
		self.ver = ver
		self.flavour = flavour
		self.build = env.BUILDS / f'x86_64-{ver}{suffix}'
		self.bzimage = self.build / 'arch/x86/boot/bzImage'
		# External modules are built from a copy: M= writes next to
		# the sources.
		self.ext = Path(f'{self.build}-ext')
		self.lock = Path(f'{self.build}.lock')
		# The stamp has the time the last build in this flavour
		# started, and names the flavour.
		self.stamp = self.build / '.marker-compat-built'
		self.tree = prepare_tree(ver)

	def kunit(self, sub: str, args: Sequence[str], log: Path,
		  echo: bool = True) -> tuple[int, str]:
		opts = ['--arch=x86_64', f'--build_dir={self.build}']
		for opt in self.options:
			opts += ['--kconfig_add', opt]
		return kunit_py(self.tree, sub, opts + list(args), log,
				self.lock, echo)

	def stamp_begin(self) -> None:
		self.build.mkdir(parents=True, exist_ok=True)
		claim_build(self.build)
		self.stamp.unlink(missing_ok=True)
		Path(f'{self.stamp}.new').write_text(self.flavour + '\n')

	def stamp_end(self) -> None:
		os.replace(f'{self.stamp}.new', self.stamp)

	def fresh(self) -> bool:
		"""Built in this flavour after the last change to the
		repository?  (kunit.py build is incremental, but even a build
		with nothing to do walks the whole tree.)"""
		if not self.bzimage.exists() or not self.stamp.exists():
			return False
		if not _claimed(self.build):
			return False
		if self.stamp.read_text().strip() != self.flavour:
			return False
		since = self.stamp.stat().st_mtime
		for root, dirs, files in os.walk(env.REPO):
			dirs[:] = [d for d in dirs if d != '.git']
			for name in files:
				try:
					if os.stat(os.path.join(root, name)).st_mtime > since:
						return False
				except FileNotFoundError:
					pass
		return True

	def ensure(self) -> None:
		"""Build the kernel unless it is fresh; raise Failed if the
		build fails.  The build's output goes to its log only."""
		log = env.LOGS / f'x86_64-{self.ver}-{self.flavour}-build.log'
		if self.fresh():
			return
		say(f'building the x86_64 {self.ver} kernel ({self.flavour}) '
		    f'in {self.build}, log {log}')
		self.stamp_begin()
		rc, out = self.kunit('build', [], log, echo=False)
		if rc:
			print(''.join(out.splitlines(True)[-30:]), end='')
			raise Failed(f'x86_64 {self.ver} kernel build (see {log})')
		self.stamp_end()

	def build_external(self, subdir: str) -> Path:
		"""Build the repository's external module directory subdir
		(tests/modules, tools/bench) against this kernel, from a copy;
		return the copy's directory."""
		log = env.LOGS / f'x86_64-{self.ver}-{subdir.replace("/", "-")}.log'
		self.ext.mkdir(parents=True, exist_ok=True)
		inc = self.ext / 'include'
		if inc.is_symlink() or inc.exists():
			inc.unlink()
		inc.symlink_to(env.REPO / 'include')
		dest = self.ext / subdir
		shutil.rmtree(dest, ignore_errors=True)
		shutil.copytree(env.REPO / subdir, dest)
		say(f'building {subdir} against {self.build}')
		rc, out = run(['make', '-s', '-C', str(self.tree),
			       f'O={self.build}', f'M={dest}', f'-j{env.JOBS}',
			       'modules'], log=log, echo=False, lock=self.lock)
		if rc:
			print(out, end='')
			raise Failed(f'building {subdir} (see {log})')
		return dest
