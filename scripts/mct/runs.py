# SPDX-License-Identifier: GPL-2.0
"""The runs: each builds what it needs, boots or executes, and returns
the counts of its test cases.  A run that cannot get as far as its tests
(a build, a missing kernel) counts that as one failure."""

from __future__ import annotations

import concurrent.futures
import datetime
import os
import re
import shutil
import unittest
from pathlib import Path
from typing import Callable, NamedTuple, Optional, Sequence

from mct import bench as bench_tables
from mct import differential, disasm, env, kernel, qemu, results
from mct.proc import Failed, run, say
from mct.results import Counts

GUEST_DIR = 'tests/guest'


def _newest_tree() -> Path:
	return kernel.prepare_tree(env.KVERS[-1], unpack_only=True)


def script(path: str, args: Sequence[str] = (), name: str = '',
	   environ: Optional[dict] = None, lock: Optional[Path] = None) \
		-> Counts:
	"""A shell step (checkpatch, compile-fail, the converter's tests):
	its KTAP's cases if it prints KTAP, else one case, its exit status.
	A non-zero exit without a failed case is one failure.  name: of its
	log (default: the script's); environ: variables it gets; lock: held
	while it runs."""
	name = name or Path(path).stem
	rc, out = run([str(env.REPO / path), *args], cwd=env.REPO,
		      log=env.LOGS / f'{name}.log', env=environ, lock=lock)
	lines = out.splitlines()
	if results.has_ktap(lines):
		counts = results.parse_ktap(_newest_tree(), lines)
	else:
		counts = Counts()
	if counts.passed + counts.failed == 0:
		counts.check(rc == 0, f'{path} (exit status {rc})')
	elif rc and not counts.failed:
		counts.fail(f'{path} exited {rc}')
	return counts


def unit() -> Counts:
	"""The runner's own unit tests (scripts/mct/test_*.py)."""
	suite = unittest.defaultTestLoader.discover(
		str(env.REPO / 'scripts/mct'), pattern='test_*.py',
		top_level_dir=str(env.REPO / 'scripts'))
	res = unittest.TextTestRunner(verbosity=2).run(suite)
	bad = len(res.failures) + len(res.errors) + len(res.unexpectedSuccesses)
	skipped = len(res.skipped)
	return Counts(res.testsRun - bad - skipped, bad, skipped)


def _kunit_counts(summary: Optional[Counts], rc: int, log: Path) -> Counts:
	"""A kunit.py run's counts from its summary (None: it printed none)."""
	counts = summary
	if counts is None:
		counts = Counts()
		counts.fail(f'kunit.py run: no results (see {log})')
	elif rc and not counts.failed:
		counts.fail(f'kunit.py exited {rc} (see {log})')
	return counts


def kunit_run(arch: str, ver: str, extra: Sequence[str] = (),
	      kunitconfig: Optional[str] = None) -> Counts:
	"""The KUnit suites on arch (of kernel.KUNIT_ARCHS), through the
	tree's kunit.py run."""
	tree = kernel.prepare_tree(ver)
	build = kernel.kunit_build(arch, ver)
	kernel.claim_build(build)
	a = kernel.KUNIT_ARCHS[arch]
	log = env.LOGS / f'kunit-{a.name}-{ver}.log'
	args = [f'--build_dir={build}', *a.options, *extra]
	if kunitconfig:
		args.append(f'--kunitconfig={kunitconfig}')
	rc, out = kernel.kunit_py(tree, 'run', args, log,
				  Path(f'{build}.lock'))
	return _kunit_counts(results.kunit_summary(out), rc, log)


def kunit_x86(ver: str) -> Counts:
	"""On the x86_64 test kernel (QEMU TCG), where jump labels and
	static calls are live: the KUnit suites, built with kunit.py and
	booted on the runner's own machine (qemu.kunit_boot()), the boot's
	console, and the disassembly of a disabled site."""
	k = kernel.X86Kernel(ver)
	try:
		k.ensure()
	except Failed as e:
		return failed(e)
	# Where kunit.py exec saves the console.
	test_log = k.build / 'test.log'
	say(f'booting the x86_64 {ver} test kernel for its KUnit suites; '
	    f'console {test_log}')
	rc, lines = qemu.kunit_boot(k, test_log)
	counts = results.parse_ktap(k.tree, lines)
	if rc == 124:
		counts.fail(f'KUnit boot timed out after {qemu.KUNIT_TIMEOUT} s')
	faults = results.console_faults(lines)
	if faults:
		print('\n'.join(faults))
	counts.check(bool(lines) and not faults,
		     'KUnit boot console has no kernel report')
	try:
		mods = k.build_external('tests/modules')
	except Failed as e:
		counts.fail(str(e))
		return counts
	good, report = disasm.check(str(mods / 'mct_sites_a.o'),
				    'mct_fire_shared', 'mct_shared')
	print('\n'.join(report))
	counts.check(good, 'disabled site is a jump label NOP without '
		     'argument work')
	return counts


def _test_table(name: str, ok: Callable[[list[str]], bool],
		form: str) -> dict[str, list[str]]:
	"""tests/guest/NAME, lines of "TEST.sh VALUE..." ("*" for the other
	tests where the table allows it), comments and blank lines aside:
	the values by test.  A line ok() refuses, or a name that is neither
	"*" nor a guest test, is refused."""
	path = env.REPO / GUEST_DIR / name
	table, tests = {}, set(guest_tests())
	for n, line in enumerate(path.read_text().splitlines(), 1):
		f = line.split()
		if not f or f[0].startswith('#'):
			continue
		if not ok(f) or (f[0] != '*' and f[0] not in tests):
			raise ValueError(f'{path}:{n}: not "{form}" of a guest '
					 f'test: {line!r}')
		table[f[0]] = f[1:]
	return table


def cpus_table() -> dict[str, int]:
	"""tests/guest/cpus: the vCPUs of each test named, and of the
	others under "*".  A line that is not "NAME N", a name that is not
	a guest test, or no "*" is refused."""
	table = _test_table('cpus', lambda f: len(f) == 2 and
			    f[1].isdigit() and int(f[1]) >= 1, 'TEST.sh N')
	if '*' not in table:
		raise ValueError(f'{GUEST_DIR}/cpus: no "*" line for the other '
				 'tests')
	return {t: int(v[0]) for t, v in table.items()}


def guest_cpus(test: str) -> int:
	"""The vCPUs test boots with, as tests/guest/cpus says."""
	table = cpus_table()
	return table.get(test, table['*'])


def cmdline_table() -> dict[str, tuple[str, ...]]:
	"""tests/guest/cmdline: the kernel arguments each test named boots
	with, beside every boot's own (qemu.command()).  A line that is not
	"NAME ARG...", or a name that is not a guest test, is refused."""
	table = _test_table('cmdline', lambda f: len(f) >= 2 and f[0] != '*',
			    'TEST.sh ARG...')
	return {t: tuple(v) for t, v in table.items()}


class Boot(NamedTuple):
	"""A guest boot: its vCPUs and its kernel arguments.  The tests of
	one boot share it."""
	cpus: int
	args: tuple[str, ...] = ()

	def __str__(self) -> str:
		return ' '.join([f'{self.cpus} vCPUs', *self.args])

	def slug(self) -> str:
		"""For file names: cpus2, cpus2-lockdown-integrity."""
		return '-'.join([f'cpus{self.cpus}',
				 *(re.sub(r'[^\w.]+', '-', a) for a in self.args)])


def guest_boot(test: str) -> Boot:
	"""The boot test runs in: tests/guest/cpus and tests/guest/cmdline."""
	return Boot(guest_cpus(test), cmdline_table().get(test, ()))


def guest_tests() -> list[str]:
	"""Every executable tests/guest/*.sh is a guest test."""
	return sorted(p.name for p in (env.REPO / GUEST_DIR).glob('*.sh')
		      if p.stat().st_mode & 0o100)


def guest(ver: str, tests: Sequence[str] = ()) -> Counts:
	"""The guest tests in the x86_64 test kernel, one boot per vCPU
	count."""
	return _judge_guests(*_boot_guests(ver, tests))


def _judge_guests(k: kernel.X86Kernel, consoles: dict) -> Counts:
	counts = Counts()
	for boot, lines in consoles.items():
		counts.add(results.judge_guest(k.tree, lines, f'{k.ver}, {boot}'))
	return counts


def _module_dir(dest: Path, sources: Sequence[Path]) -> Path:
	"""A fresh directory dest holding the .ko files of sources, the one
	directory a guest's tests insmod from ($MARKER_MODULES)."""
	shutil.rmtree(dest, ignore_errors=True)
	dest.mkdir(parents=True)
	for src in sources:
		for ko in src.glob('*.ko'):
			shutil.copy(ko, dest)
	return dest


def _boot_guests(ver: str, tests: Sequence[str]) \
		-> tuple[kernel.X86Kernel, dict]:
	"""Boot the guests of tests (default: every guest test), one per
	Boot (vCPUs and kernel arguments); return the kernel and each boot's
	console lines by Boot.  The boots run side by side: each is one QEMU
	thread, so on two CPUs or more two boots take the time of the
	longer."""
	tests = list(tests) or guest_tests()
	k = kernel.X86Kernel(ver)
	k.ensure()
	mods = k.build_external('tests/modules')
	# The tests insmod from one directory: the samples and tests/modules.
	moddir = _module_dir(Path(f'{k.build}-guest-modules'),
			     [k.build / 'drivers/marker-compat/samples', mods])
	groups: dict[Boot, list[str]] = {}
	for t in tests:
		groups.setdefault(guest_boot(t), []).append(t)

	def one(boot: Boot) -> list[str]:
		console = env.LOGS / f'guest-{ver}-{boot.slug()}.log'
		say(f'{ver}, {boot}: {" ".join(groups[boot])}; '
		    f'console {console}')
		return qemu.boot(k, boot.cpus, GUEST_DIR, groups[boot], moddir,
				 console, boot.args)

	with concurrent.futures.ThreadPoolExecutor(len(groups)) as pool:
		return k, dict(zip(groups, pool.map(one, groups)))


MODULAR_DIR = 'tests/modular'
# The modules the guest tests need that the test kernel has built in:
# the modular run loads them first (init.sh's marker_preload).
MODULAR_PRELOAD = ('marker_compat', 'marker_compat_virt')
# The guest tests of marker events, run again against the modular core:
# issue 20 asks that they pass there as they do against the built-in one.
MODULAR_EVENT_TESTS = (
	'events-tracefs.sh', 'events-trace-cmd.sh', 'events-perf.sh',
	'events-bpftrace.sh', 'events-lifetime.sh', 'events-declared.sh',
	'events-formats.sh', 'event-open-files.sh', 'hostile-input.sh',
	'tracepoints-bpf.sh',
)
# tests/modular's own, after the event tests: core-unload.sh unloads
# what they leave, the core last; in-tree.sh loads and unloads it all
# again, with the KUnit suites.
MODULAR_OWN_TESTS = ('core-unload.sh', 'in-tree.sh')


def modular_tests() -> list[str]:
	"""What the modular boot runs, in order, as init.sh's marker_tests
	(relative to tests/modular, or to the repository with a slash): the
	event tests of tests/guest, then tests/modular's own.  A name that is
	not a test is refused: it would run nothing, and pass."""
	known = set(guest_tests())
	unknown = [t for t in MODULAR_EVENT_TESTS if t not in known]
	unknown += [t for t in MODULAR_OWN_TESTS
		    if not (env.REPO / MODULAR_DIR / t).is_file()]
	if unknown:
		raise ValueError(f'modular: no test {", ".join(unknown)}')
	return [*(f'{GUEST_DIR}/{t}' for t in MODULAR_EVENT_TESTS),
		*MODULAR_OWN_TESTS]


def modular_cpus() -> int:
	"""The modular boot's vCPUs: one boot for all its tests, with the
	count of most guest tests (tests/guest/cpus' "*"); those that ask
	for more (hostile-input.sh) run on fewer, with fewer writers side by
	side, rather than cost a debug kernel's boot of their own."""
	return cpus_table()['*']


def modular(ver: str) -> Counts:
	"""The shim built as modules against one x86_64 build of ver.  In
	tree, one boot: the guest loads the core and the example
	(MODULAR_PRELOAD), runs the event tests against them, then
	tests/modular's: core-unload.sh (the core cannot go while anything
	holds it, and comes back whole) and in-tree.sh (the core, the
	example and the suites module, whose KUnit suites run as it loads:
	let them all through the filter).  The tests insmod from one
	directory: the build's own modules, its samples, and tests/modules
	built against it.  Out of tree: scripts/oot-build.sh with that tree
	and its build directory (make -C TREE O=BUILD M=...), the way a
	kernel developer builds against their own tree; against the modular
	build, since the test kernel's built-in core already exports the
	symbols marker_compat.ko would.  Sparse is optional there: 7.3's
	checker-valid.sh wants __typeof_unqual__, which Debian 12's sparse
	(0.6.4) lacks; the oot-build step runs it on Debian's headers."""
	tests = modular_tests()
	k = kernel.X86Kernel(ver, 'modular')
	k.ensure()
	mods = k.build_external('tests/modules')
	shim = k.build / 'drivers/marker-compat'
	moddir = _module_dir(Path(f'{k.build}-modular-modules'),
			     [shim, shim / 'samples', mods])
	console = env.LOGS / f'x86-modular-{ver}-console.log'
	cpus = modular_cpus()
	say(f'modular {ver}, {cpus} vCPUs: {" ".join(tests)}; '
	    f'console {console}')
	lines = qemu.boot(k, cpus, MODULAR_DIR, tests, moddir, console,
			  ['kunit.filter_glob=*'], preload=MODULAR_PRELOAD)
	counts = results.judge_guest(k.tree, lines, f'modular {ver}')
	say(f'building the shim out of tree against {k.tree} with O={k.build}')
	counts.add(script('scripts/oot-build.sh', name=f'oot-build-{ver}',
			  environ={'KDIR': str(k.tree),
				   'KBUILD_OUTPUT': str(k.build),
				   'SPARSE_OPTIONAL': '1'},
			  lock=k.lock), f'out of tree, {ver}')
	return counts


def demo(ver: str) -> Counts:
	"""Marker events end to end with trace-cmd: the guest test
	events-trace-cmd.sh, its report shown whole."""
	k, consoles = _boot_guests(ver, ['events-trace-cmd.sh'])
	for lines in consoles.values():
		print('\n'.join(results.subtest_lines(lines, 'events-trace-cmd')))
	return _judge_guests(k, consoles)


def bench_kvers() -> list[str]:
	"""The kernels mct.py bench runs when none is named: the oldest and
	the newest of scripts/kernels, so that each figure comes beside its
	counterpart at the other end of the range, measured the same way."""
	return list(dict.fromkeys((env.ALL_KVERS[0], env.ALL_KVERS[-1])))


def _bench_header(k: kernel.X86Kernel, guest: dict[str, str], date: str,
		  command: str) -> list[str]:
	"""What a bench report was measured on, as text lines: the kernel
	and its configuration, the machine, the date and the command."""
	config = k.build / '.config'
	preempt = bench_tables.preemption(config.read_text()) \
		if config.exists() else 'unknown'
	cpu = bench_tables.cpu_model(Path('/proc/cpuinfo').read_text())
	frags = ' + '.join(f'kunit/configs/{f}' for f in k.config.fragments)
	return [
		'',
		f'=== bench: Linux {k.ver}, x86_64, {k.flavour} kernel',
		f'kernel:  {guest.get("kernel", "unknown")} (the guest\'s uname -r, -v)',
		f'config:  {frags}; {preempt}; '
		f'preemption in effect: {guest.get("preempt", "unknown")}',
		f'machine: host {cpu}, {os.cpu_count()} CPUs; guest QEMU TCG '
		f'(one thread, -cpu max), {guest.get("vcpus", "unknown")} vCPU',
		f'date:    {date}',
		f'command: {command}',
	]


def _bench_one(ver: str, batch: int, rounds: int, command: str) \
		-> tuple[Counts, list[str]]:
	"""The benchmark modules in ver's bench kernel (no debug options,
	one vCPU); return whether they ran, and the report: the header, the
	tables of their lines, and the text of their sites."""
	k = kernel.X86Kernel(ver, 'bench')
	k.ensure()
	mods = k.build_external('tools/bench')
	console = env.LOGS / f'bench-{ver}-console.log'
	date = datetime.datetime.now(datetime.timezone.utc)
	say(f'booting Linux {ver} (x86_64, QEMU TCG, 1 vCPU) with '
	    f'marker_bench.ko and event_bench.ko; console {console}')
	lines = qemu.boot(k, 1, 'tests/bench', ['bench.sh'], mods, console,
			  [f'MCB_BATCH={batch}', f'MCB_ROUNDS={rounds}'])
	counts = results.judge_guest(k.tree, lines, f'bench {ver}')
	ktap = results.guest_ktap(lines)
	found = [l for l in ktap if re.search(r'# (marker|event)_bench: ', l)]
	sizes = {}
	for module in bench_tables.TEXT_SITES:
		rc, out = run(['readelf', '-sW', str(mods / f'{module}.ko')],
			      echo=False)
		sizes[module] = bench_tables.func_sizes(out) if rc == 0 else {}
	# A site function not found is a broken build or parser, not a
	# time: it counts, as a module that did not load does.
	counts.check(all(f in sizes[m] for m, sites in
			 bench_tables.TEXT_SITES.items() for f, _ in sites),
		     f'bench {ver}: every site function is in the modules\' '
		     'symbols')
	report = _bench_header(k, bench_tables.guest_facts(ktap),
			       date.strftime('%Y-%m-%d %H:%M UTC'), command)
	report += bench_tables.tables(found) + bench_tables.text_table(sizes)
	return counts, report


def bench(vers: Sequence[str], batch: int, rounds: int, command: str) \
		-> Counts:
	"""The benchmark on each kernel of vers, one boot each, one after
	the other (never side by side: they would share the CPUs they
	time), then each kernel's report.  The counts say only whether the
	benchmark ran; the times are reported, never judged.  command: the
	command line, for the reports."""
	counts, reports = Counts(), []
	for ver in vers:
		try:
			one, report = _bench_one(ver, batch, rounds, command)
		except Failed as e:
			one, report = failed(e), ['', f'=== bench: Linux {ver}: {e}']
		counts.add(one, ver)
		reports += report
	print('\n'.join(reports))
	print('\nbench: times of QEMU TCG (emulated x86_64), not of hardware: '
	      'compare the rows of one kernel.')
	print("bench: min-empty is the site's own cost, the empty call's "
	      'subtracted; issue 19 gives the targets, never judged.')
	print('bench: text per site is its function less the empty '
	      "function, the function's .cold parts counted.")
	return counts


def cocci_differential(vers: Sequence[str]) -> Counts:
	"""The converter's differential test (mct/differential.py):
	coccinelle/sample converted, then its KUnit suite run before and
	after the conversion, on the UML kernel of each of vers."""
	copies = differential.stage()
	counts = Counts()
	counts.add(differential.convert(copies['conv']), 'convert')
	for ver in vers:
		try:
			one = differential.on_kernel(ver, copies)
		except Failed as e:
			one = failed(e)
		counts.add(one, ver)
	return counts


def failed(what: Failed) -> Counts:
	counts = Counts()
	counts.fail(str(what))
	return counts
