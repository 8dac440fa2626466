# SPDX-License-Identifier: GPL-2.0
"""The kernels: Debian's source trees with this repository dropped in as
drivers/marker-compat (scripts/prepare-tree.sh), built with the tree's
own kunit.py, for UML, arm64 and x86_64 (the last two under QEMU), and
external modules built against an x86_64 build."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import NamedTuple, Optional, Sequence

from mct import env
from mct.proc import Failed, run, say

# The kernel configurations are kconfig fragments in kunit/configs/,
# where each option says why it is there.  kunit.py takes them after
# the shim's own kunitconfig (kunit_py()) as --kunitconfig files, which
# it merges, refusing any option two of them set differently.  An
# override, a fragment that changes what kunit/.kunitconfig sets, is
# passed line by line as --kconfig_add instead: kunit.py merges those
# last, later values winning (6.1, 6.12 and 7.3 alike).
CONFIGS = env.REPO / 'kunit/configs'


class Flavour(NamedTuple):
	"""An x86_64 kernel: the suffix of its build directory, then the
	fragments of kunit/configs/ given as --kunitconfig and the
	overrides given as --kconfig_add, each in order."""
	suffix: str
	fragments: tuple[str, ...]
	overrides: tuple[str, ...] = ()


# The test kernel, the one every x86_64 test runs on, is the debug
# kernel with the function tracer.  "test" and "modular" share a build
# directory: they differ in the shim's own options only, so switching
# between them rebuilds the shim and relinks, where a directory of its
# own would cost a whole debug kernel.  The bench kernel is uniprocessor
# and has no debug options, since they weigh on what the benchmark
# measures.
FLAVOURS = {
	'test': Flavour('', ('x86_64.config', 'debug.config'),
			('ftrace.config',)),
	'modular': Flavour('', ('x86_64.config', 'debug.config'),
			   ('ftrace.config', 'modular.config')),
	'bench': Flavour('-bench', ('x86_64.config', 'bench.config')),
}


def fragment_options(path: Path) -> list[str]:
	"""The options a kconfig fragment sets, as kunit.py's kunit_config
	reads them: CONFIG_X=V, and "# CONFIG_X is not set"."""
	opts = []
	for line in path.read_text().splitlines():
		line = line.strip()
		if re.match(r'CONFIG_\w+=', line) or \
		   re.fullmatch(r'# CONFIG_\w+ is not set', line):
			opts.append(line)
	return opts


def config_args(flavour: Flavour) -> list[str]:
	"""kunit.py's options for the fragments of flavour."""
	args = [f'--kunitconfig={CONFIGS / f}' for f in flavour.fragments]
	for f in flavour.overrides:
		for opt in fragment_options(CONFIGS / f):
			args += ['--kconfig_add', opt]
	return args


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
	     lock: Optional[Path], echo: bool = True) -> tuple[int, str]:
	"""The tree's kunit.py SUB with the shim's kunitconfig, holding
	lock (None: the caller holds the build's lock)."""
	cmd = ['python3', 'tools/testing/kunit/kunit.py', sub,
	       f'--kunitconfig={tree}/drivers/marker-compat/kunit',
	       f'--jobs={env.JOBS}', *args]
	say(f'{tree.name}: {" ".join(cmd)}')
	return run(cmd, log=log, echo=echo, cwd=tree, lock=lock)


class KunitArch(NamedTuple):
	"""An architecture kunit.py run builds and boots itself: its name in
	steps, commands and logs (kunit-uml-6.1), where it runs, and its
	kunit.py run options."""
	name: str
	where: str
	options: tuple[str, ...]


# By kunit.py's name, which the build directories have (um-6.1, the UML
# build that the converter's differential test, mct/differential.py,
# also uses).  arm64 runs under QEMU's TCG (kunit.py's -accel kvm and hvf
# are refused by qemu-system-aarch64 on an x86_64 host, which falls
# back), with the jump labels the UML kernel lacks
# (kunit/configs/arm64.config).
KUNIT_ARCHS = {
	'um': KunitArch('uml', 'on UML', ()),
	'arm64': KunitArch('arm64', 'on arm64 (QEMU)',
			   ('--arch=arm64', '--cross_compile=aarch64-linux-gnu-',
			    f'--kunitconfig={CONFIGS}/arm64.config',
			    '--timeout=900')),
}


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
		self.config = FLAVOURS[flavour]
		self.ver = ver
		self.flavour = flavour
		self.build = env.BUILDS / f'x86_64-{ver}{self.config.suffix}'
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
		opts = ['--arch=x86_64', f'--build_dir={self.build}',
			*config_args(self.config)]
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
		# Every Kbuild finds the include directories through it.
		(self.ext / 'scripts').mkdir(exist_ok=True)
		shutil.copy(env.REPO / 'scripts/Kbuild.paths',
			    self.ext / 'scripts')
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
