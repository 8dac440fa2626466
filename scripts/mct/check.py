# SPDX-License-Identifier: GPL-2.0
"""make check: every step in order, each a run of this tool in a process
of its own (its output to the terminal and to a log, bounded in time),
then a table of the steps and the last line "N passed, N failed"."""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

from mct import env
from mct.proc import run
from mct.results import Counts

# A step's time limit (seconds): it catches a hung step, and must leave
# room for a debug kernel built from nothing on a slow machine.
STEP_TIMEOUT = int(os.environ.get('MARKER_STEP_TIMEOUT') or 4800)


def steps() -> list[tuple[str, list[str]]]:
	"""(name, mct.py arguments) of every step, in the order they run."""
	s = [('checkpatch', ['script', 'scripts/checkpatch.sh']),
	     ('kernel-doc', ['script', 'scripts/kernel-doc.sh']),
	     ('shellcheck', ['script', 'scripts/shellcheck.sh']),
	     ('pyflakes', ['script', 'scripts/pyflakes.sh']),
	     ('oot-build', ['script', 'scripts/oot-build.sh']),
	     ('dkms', ['script', 'scripts/dkms-check.sh']),
	     ('runner-unit', ['unit'])]
	s += [(f'kunit-uml-{v}', ['kunit-uml', v])
	      for v in env.check_kvers('kunit-uml')]
	s += [('compile-fail', ['script', 'scripts/compile-fail.sh'])]
	s += [(f'kunit-arm64-{v}', ['kunit-arm64', v])
	      for v in env.check_kvers('kunit-arm64')]
	s += [(f'kunit-x86-{v}', ['kunit-x86', v])
	      for v in env.check_kvers('kunit-x86')]
	s += [(f'guest-{v}', ['guest', v])
	      for v in env.check_kvers('guest')]
	# After the guest of the same kernel: the modular kernel shares its
	# build directory, so one switch of the shim's options, not two.
	s += [(f'modular-{v}', ['modular', v])
	      for v in env.check_kvers('modular')]
	s += [('coccinelle', ['script', 'coccinelle/run-tests.sh']),
	      ('cocci-differential', ['cocci-differential'])]
	return s


def _time(seconds: float) -> str:
	return f'{int(seconds) // 60}m{int(seconds) % 60:02d}s'


def check(wanted: Sequence[str]) -> int:
	env.LOGS.mkdir(parents=True, exist_ok=True)
	todo = [s for s in steps() if not wanted or s[0] in wanted]
	unknown = set(wanted) - {name for name, _ in steps()}
	if unknown:
		print(f'check: no step {", ".join(sorted(unknown))}',
		      file=sys.stderr)
		return 2
	print(f'check: repository {env.REPO}')
	print(f'check: cache      {env.CACHE}')
	print(f'check: {os.cpu_count()} CPUs, kernels: {" ".join(env.KVERS)}, '
	      f'started {datetime.datetime.utcnow():%F %T} UTC', flush=True)
	rows, total, t_all = [], Counts(), time.monotonic()
	for name, args in todo:
		log = env.LOGS / f'check-{name}.log'
		print(f'\n==================== {name}: mct.py {" ".join(args)} '
		      '====================', flush=True)
		t0 = time.monotonic()
		with tempfile.NamedTemporaryFile(suffix='.json') as res:
			rc, _ = run([sys.executable, str(env.REPO / 'scripts/mct.py'),
				     '--result', res.name, *args], log=log,
				    cwd=env.REPO, timeout=STEP_TIMEOUT)
			try:
				counts = Counts.load(Path(res.name))
			except (ValueError, KeyError):
				counts = Counts()
		if rc and not counts.failed:
			# A step that died, timed out or failed without
			# saying which case: never hidden.
			counts.failed += 1
		result = ('PASS' if rc == 0 and not counts.failed else
			  'TIMEOUT' if rc == 124 else 'FAIL')
		dt = time.monotonic() - t0
		print(f'==================== {name}: {result} in {_time(dt)} '
		      f'(status {rc}) ====================', flush=True)
		rows.append((name, result, counts, _time(dt), log))
		total.add(counts)

	lines = ['', 'Summary (test cases for steps that run them, else 1 '
		 'per step):',
		 f'{"STEP":<18} {"RESULT":<8} {"PASSED":>7} {"FAILED":>7} '
		 f'{"SKIPPED":>8} {"TIME":>8}  LOG']
	for name, result, c, t, log in rows:
		lines.append(f'{name:<18} {result:<8} {c.passed:>7} '
			     f'{c.failed:>7} {c.skipped:>8} {t:>8}  {log}')
		for part, p, f, sk in c.parts:
			lines.append(f'  {part:<16} {"":<8} {p:>7} {f:>7} '
				     f'{sk:>8}')
	lines += [f'total wall time {_time(time.monotonic() - t_all)}',
		  total.line()]
	text = '\n'.join(lines)
	print(text)
	(env.LOGS / 'check-summary.txt').write_text(text + '\n')
	return 0 if all(r[1] == 'PASS' for r in rows) else 1
