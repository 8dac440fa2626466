# SPDX-License-Identifier: GPL-2.0
"""Running commands: their output to a log (and to stdout if asked), a
time limit, and the locks that keep two runs off one build directory."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator, Optional, Sequence


class Failed(Exception):
	"""A step of a run could not be done (a build, a boot): the run says
	so as one failure."""


def say(msg: str) -> None:
	# One write: the boots of a guest step say this from threads.
	sys.stdout.write(f'== {msg}\n')
	sys.stdout.flush()


def run(cmd: Sequence[str], log: Optional[Path] = None, echo: bool = True,
	cwd: Optional[Path] = None, timeout: Optional[float] = None,
	lock: Optional[Path] = None,
	env: Optional[dict] = None) -> tuple[int, str]:
	"""Run cmd with stdin closed; its output (stderr too) goes line by
	line to log and, with echo, to stdout.  Past the timeout its whole
	process group is killed.  env: variables added to the environment.
	Returns the exit status (124 after the timeout, as timeout(1) says
	it) and the output."""
	out = []
	with (locked(lock) if lock else contextlib.nullcontext()), \
	     (open(log, 'w') if log else contextlib.nullcontext()) as f:
		p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
				     env={**os.environ, **(env or {})},
				     stdout=subprocess.PIPE,
				     stderr=subprocess.STDOUT, text=True,
				     errors='replace', start_new_session=True)
		killer = threading.Timer(timeout, _kill, (p,)) if timeout else None
		if killer:
			killer.start()
		with p:
			for line in p.stdout:
				line = line.replace('\r', '')
				out.append(line)
				if f:
					f.write(line)
					f.flush()
				if echo:
					sys.stdout.write(line)
					sys.stdout.flush()
		if killer:
			killer.cancel()
		rc = 124 if getattr(p, 'killed', False) else p.returncode
	return rc, ''.join(out)


def _kill(p: subprocess.Popen) -> None:
	p.killed = True
	with contextlib.suppress(ProcessLookupError):
		os.killpg(p.pid, signal.SIGKILL)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
	"""Hold an flock(2) on path (the scripts' locks are the same files)."""
	path.parent.mkdir(parents=True, exist_ok=True)
	with open(path, 'a') as f:
		try:
			fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
		except BlockingIOError:
			say(f'{path} is held, waiting')
			fcntl.flock(f, fcntl.LOCK_EX)
		yield
