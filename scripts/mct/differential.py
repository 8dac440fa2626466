# SPDX-License-Identifier: GPL-2.0
"""The converter's differential test, step by step.

coccinelle/sample is a small subsystem with old trace_mark() sites and a
KUnit suite (marker_cocci_legacy) of old-style marker probes that check
the values they receive.  Two copies of it are staged in the cache:
"orig", as written, and "conv", converted by coccinelle/convert.  The
same suite then runs on each copy in the UML kernel of the kunit-uml
step, first on the marker core, then on the typed tracepoints and the
bridges the converter generated, and both runs must pass the same cases.

The sample is a second drop-in beside drivers/marker-compat, added to
the tree the way scripts/prepare-tree.sh adds the first and left there:
its drivers/Kconfig line is sourced unconditionally, so the link must
never dangle, and prepare-tree.sh points it back at the calling
checkout's sample on every call.  In between, it points at a staged
copy, which stays in the cache.  Nothing is undone afterwards.

The verdicts are functions of the outputs alone (the report, nm's
listing, the parsed cases, sparse's log), tested on fixed outputs in
test_differential.py; runs.cocci_differential() puts the steps together.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Optional

from mct import env, kernel, results
from mct.proc import Failed, locked, run, say
from mct.results import Counts

SAMPLE = env.REPO / 'coccinelle/sample'
CONVERT = env.REPO / 'coccinelle/convert'
STAGE = env.CACHE / 'cocci-diff'
# The drop-in: drivers/LINK, built when CONFIG_MARKER_COCCI_SAMPLE=y,
# which the sample's own kunitconfig fragment adds to the shim's.
LINK = 'marker-cocci-sample'
CONFIG = 'MARKER_COCCI_SAMPLE'
SUITE = 'marker_cocci_legacy'
# The tree whose checkpatch.pl scripts/checkpatch.sh runs.
CHECKPATCH_KVER = '6.12'
# A converted site of the sample, as the converter must write it.
CONVERTED_CALL = 'trace_legacy_irq_entry(irq, ip);'
# What the converter generates per marker name, in vmlinux's symbols.
_BRIDGE = re.compile(r'_marker_bridge$', re.M)


def report_diff(expected: str, report: str) -> list[str]:
	"""The converter's report against sample/expected-report (whose '#'
	lines are comments): a unified diff, empty when they agree."""
	want = [l for l in expected.splitlines() if not l.startswith('#')]
	return list(difflib.unified_diff(want, report.splitlines(),
					 'expected-report', 'report',
					 lineterm=''))


def bridge_verdict(copy: str, nm: str) -> Optional[str]:
	"""Why vmlinux's symbols (nm's listing) do not hold the copy that was
	meant to be built, or None: the bridges the converter generates
	must be there after the conversion, and only then."""
	n = len(_BRIDGE.findall(nm))
	if copy == 'conv' and n == 0:
		return 'no *_marker_bridge symbol in vmlinux: the converted ' \
		       'copy was not built'
	if copy == 'orig' and n:
		return f'{n} *_marker_bridge symbols in vmlinux: the copy ' \
		       'as written was not built'
	return None


def suite_verdict(cases: dict[str, str]) -> Optional[str]:
	"""Why a run of the suite failed (cases: each case's status, by
	name, results.suite_cases()), or None.  A suite that did not run,
	or ran no case, fails: it would compare nothing."""
	if not cases:
		return f'suite {SUITE} did not run'
	bad = [f'{name} {status}' for name, status in cases.items()
	       if status != 'SUCCESS']
	return f'not passed: {", ".join(bad)}' if bad else None


def compare_verdict(orig: dict[str, str],
		    conv: dict[str, str]) -> Optional[str]:
	"""Why the runs before and after the conversion differ, or None:
	the same cases must run and pass in both, and there must be some."""
	if not orig or not conv:
		return 'nothing to compare: ' + ' and '.join(
			f'no case ran on {name}' for name, cases
			in (('orig', orig), ('conv', conv)) if not cases)
	diff = []
	for name in sorted(set(orig) | set(conv)):
		before = orig.get(name, 'not run')
		after = conv.get(name, 'not run')
		if before != 'SUCCESS' or after != 'SUCCESS':
			diff.append(f'{name}: {before} before, {after} after')
	return '; '.join(diff) or None


def sparse_hits(log: str) -> list[str]:
	"""sparse's (and the compiler's) complaints about the sample."""
	return [l for l in log.splitlines()
		if re.search(rf'drivers/{LINK}/.*(warning|error):', l)]


def sparse_verdict(rc: int, log: str, refused: bool) -> tuple[str, str]:
	"""The sparse case of a make C=2 of the drop-in that exited rc and
	logged log: ('ok', ''), ('fail', why), or ('skip', why) when the
	tree refused the machine's sparse (refused).  A run that checked
	none of the sample's files fails: the sample was not configured."""
	hits = sparse_hits(log)
	checked = re.findall(rf'^\s*CHECK\s+\S*drivers/{LINK}/\S+\.c$', log,
			     re.M)
	if rc or hits:
		return 'fail', f'exit status {rc}, {len(hits)} complaints'
	if refused:
		return 'skip', 'the tree refuses the machine\'s sparse'
	if not checked:
		return 'fail', f'sparse checked no file of drivers/{LINK}/'
	return 'ok', ''


def sparse_refused(log: Path) -> bool:
	"""Did the build logged in log refuse the machine's sparse?  Asked
	of scripts/env.sh, which says how a tree refuses it."""
	return subprocess.run(
		['bash', '-c', '. "$0"; marker_sparse_refused "$1"',
		 str(env.REPO / 'scripts/env.sh'), str(log)]).returncode == 0


def _touch(top: Path) -> None:
	"""Both copies build at the same paths: make this one's files newer
	than the objects the other left."""
	for f in top.rglob('*'):
		os.utime(f)


def stage() -> dict[str, Path]:
	"""Two fresh copies of the sample in the cache: orig and conv."""
	STAGE.mkdir(parents=True, exist_ok=True)
	copies = {}
	for copy in ('orig', 'conv'):
		d = STAGE / copy
		shutil.rmtree(d, ignore_errors=True)
		shutil.copytree(SAMPLE, d, ignore=shutil.ignore_patterns(
			'expected-report'))
		copies[copy] = d
	return copies


def _convert(copy: str, log: Path) -> tuple[int, str]:
	"""coccinelle/convert on the staged copy, as a user runs it."""
	return run([str(CONVERT), '--header', f'{copy}/legacy_trace.h',
		    '--source', f'{copy}/legacy_trace.c', copy],
		   cwd=STAGE, log=log, echo=False)


def _tree_files(top: Path) -> dict[str, bytes]:
	return {str(f.relative_to(top)): f.read_bytes()
		for f in sorted(top.rglob('*')) if f.is_file()}


def convert(conv: Path) -> Counts:
	"""Convert the conv copy: the report, the rewritten call, a second
	run that changes nothing, checkpatch --strict on the result."""
	counts = Counts()
	log = env.LOGS / 'cocci-convert.log'
	rc, report = _convert(conv.name, log)
	diff = report_diff((SAMPLE / 'expected-report').read_text(), report)
	if diff:
		print('\n'.join(diff))
	counts.judge('convert_report', None if rc == 0 and not diff else
		     f'exit status {rc}, report against '
		     f'sample/expected-report above (log {log})')
	text = (conv / 'legacy_subsys.c').read_text()
	counts.judge('convert_rewrote_sample', None if CONVERTED_CALL in text
		     else f'no {CONVERTED_CALL} in {conv}/legacy_subsys.c')
	again = STAGE / 'conv.again'
	shutil.rmtree(again, ignore_errors=True)
	shutil.copytree(conv, again)
	rc, _ = _convert(again.name, env.LOGS / 'cocci-convert-again.log')
	same = rc == 0 and _tree_files(conv) == _tree_files(again)
	counts.judge('convert_idempotent', None if same else
		     f'a second run failed or changed the copy (exit status '
		     f'{rc}; compare {conv} and {again})')
	if same:
		shutil.rmtree(again)
	counts.add(checkpatch(conv))
	return counts


def checkpatch(conv: Path) -> Counts:
	"""checkpatch.pl --strict, as scripts/checkpatch.sh runs it, on the
	converted sources."""
	counts = Counts()
	try:
		tree = kernel.prepare_tree(CHECKPATCH_KVER, unpack_only=True)
	except Failed as e:
		counts.judge('checkpatch_converted', str(e))
		return counts
	log = env.LOGS / 'cocci-checkpatch.log'
	files = sorted(str(f) for f in [*conv.glob('*.c'), *conv.glob('*.h')])
	rc, out = run([str(tree / 'scripts/checkpatch.pl'), '--strict',
		       '--no-tree', '-q', '-f', *files], log=log, echo=False)
	if rc:
		print(out, end='')
	counts.judge('checkpatch_converted', None if rc == 0 else
		     f'checkpatch.pl --strict on {conv} (above; log {log})')
	return counts


def drop_in(tree: Path, ver: str, target: Path) -> None:
	"""Make target drivers/LINK of tree, built when CONFIG_MARKER_COCCI_
	SAMPLE is set: the link first (drivers/Kconfig sources its Kconfig
	unconditionally), then one line in drivers/Makefile and one in
	drivers/Kconfig, once.  Under prepare-tree.sh's lock, since both
	edit the same files."""
	with locked(env.CACHE / f'.prepare-{ver}.lock'):
		link = tree / 'drivers' / LINK
		new = link.with_name(f'.{LINK}.new')
		new.unlink(missing_ok=True)
		new.symlink_to(target)
		os.replace(new, link)
		mk = tree / 'drivers/Makefile'
		if f'{LINK}/' not in mk.read_text():
			with open(mk, 'a') as f:
				f.write(f'obj-$(CONFIG_{CONFIG})\t+= {LINK}/\n')
		kc = tree / 'drivers/Kconfig'
		lines = kc.read_text().splitlines(True)
		source = f'source "drivers/{LINK}/Kconfig"\n'
		if source not in lines:
			# Before the last line, the menu's "endmenu".
			lines.insert(len(lines) - 1, source)
			kc.write_text(''.join(lines))


def kunit(tree: Path, ver: str, build: Path, copy: Path,
	  counts: Counts) -> dict[str, str]:
	"""Build the UML kernel of kunit-uml with the copy in it, run the
	suite, check it passed on the copy meant; return its cases.  The
	caller holds the build's lock."""
	name = f'kunit_{ver}_{copy.name}'
	log = env.LOGS / f'cocci-{copy.name}-{ver}.log'
	_touch(copy)
	drop_in(tree, ver, copy)
	# Where kunit.py saves the kernel's output: not a stale one.
	test_log = build / 'test.log'
	test_log.unlink(missing_ok=True)
	rc, _ = kernel.kunit_py(tree, 'run', [
		f'--build_dir={build}', f'--kunitconfig={SAMPLE}/.kunitconfig',
		f'{SUITE}*'], log, lock=None, echo=False)
	lines = test_log.read_text().splitlines() if test_log.exists() else []
	cases = results.suite_cases(tree, lines, SUITE)
	nm = subprocess.run(['nm', str(build / 'vmlinux')], text=True,
			    capture_output=True).stdout
	why = [w for w in (f'kunit.py exited {rc}' if rc else None,
			   suite_verdict(cases), bridge_verdict(copy.name, nm))
	       if w]
	counts.judge(name, f'{"; ".join(why)} (log {log})' if why else None)
	return cases


def sparse(tree: Path, ver: str, build: Path, counts: Counts) -> None:
	"""sparse (C=2) on the drop-in as the last kunit() left it (the
	converted copy); a SKIP, with the reason, where the tree refuses
	the machine's sparse."""
	name = f'sparse_{ver}'
	log = env.LOGS / f'cocci-sparse-{ver}.log'
	rc, out = run(['make', 'ARCH=um', f'O={build}', 'C=2',
		       f'drivers/{LINK}/'], cwd=tree, log=log, echo=False)
	for line in sparse_hits(out):
		print(line)
	verdict, why = sparse_verdict(rc, out, sparse_refused(log))
	if verdict == 'skip':
		version = subprocess.run(['sparse', '--version'], text=True,
					 capture_output=True).stdout.strip()
		counts.skip(f'{name}: the {ver} tree refuses sparse {version} '
			    f'(log {log})')
	else:
		counts.judge(name, f'sparse C=2 on drivers/{LINK}/: {why} '
			     f'(log {log})' if verdict == 'fail' else None)


def on_kernel(ver: str, copies: dict[str, Path]) -> Counts:
	"""The suite on each copy in ver's UML kernel, the two runs
	compared, then sparse on the converted copy."""
	counts = Counts()
	tree = kernel.prepare_tree(ver)
	build = kernel.kunit_build('um', ver)
	say(f'{ver}: the sample before and after conversion in {build}')
	with locked(Path(f'{build}.lock')):
		kernel.claim_build(build)
		orig = kunit(tree, ver, build, copies['orig'], counts)
		conv = kunit(tree, ver, build, copies['conv'], counts)
		counts.judge(f'same_results_{ver}', compare_verdict(orig, conv))
		sparse(tree, ver, build, counts)
	return counts
