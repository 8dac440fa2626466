#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""mct.py: build the kernels, boot them, run the tests, judge the results.

A thin command line over mct/: kernel (trees and builds), qemu (the
guest), results (KTAP and consoles), runs (one function per kind of
run) and check (every step, the summary).  Every run ends with the line
"N passed, N failed" and exits non-zero if anything failed.
"""

import argparse
import os
import shlex
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mct import check, disasm, env, kernel, runs  # noqa: E402
from mct.proc import Failed  # noqa: E402


def _kver(ver: str) -> str:
	if ver not in env.ALL_KVERS:
		raise argparse.ArgumentTypeError(
			f'{ver}: not one of {", ".join(env.ALL_KVERS)}')
	return ver


def main(argv: list) -> int:
	p = argparse.ArgumentParser(prog='mct.py', description=__doc__.split('\n')[0])
	p.add_argument('--result', type=Path, help=argparse.SUPPRESS)
	sub = p.add_subparsers(dest='cmd', required=True, metavar='COMMAND')

	c = sub.add_parser('check', help='every step, then the summary '
			   '(what make check runs)')
	c.add_argument('steps', nargs='*', metavar='STEP',
		       help='only these steps (see: mct.py steps)')
	sub.add_parser('steps', help='list the steps of check')
	for arch, a in kernel.KUNIT_ARCHS.items():
		c = sub.add_parser(f'kunit-{a.name}', help=f'KUnit {a.where}')
		c.set_defaults(arch=arch)
		c.add_argument('ver', choices=env.ALL_KVERS)
		c.add_argument('--kunitconfig',
			       help='instead of kunit/.kunitconfig')
		c.add_argument('kunit_args', nargs=argparse.REMAINDER,
			       help='more kunit.py run options')
	c = sub.add_parser('kunit-x86', help='KUnit and the disassembly check '
			   'on the x86_64 test kernel')
	c.add_argument('ver', choices=env.ALL_KVERS)
	c = sub.add_parser('guest', help='guest tests (tests/guest/*.sh) in '
			   'the x86_64 test kernel')
	c.add_argument('ver', choices=env.ALL_KVERS)
	c.add_argument('tests', nargs='*', metavar='TEST.sh',
		       help='only these (default: every executable one)')
	c = sub.add_parser('modular', help='the shim built as modules, in '
			   'tree and out of tree, against one x86_64 build')
	c.add_argument('ver', nargs='?', default=(env.check_kvers('modular') or
						  env.ALL_KVERS)[-1],
		       choices=env.ALL_KVERS)
	c = sub.add_parser('demo', help='marker events end to end with trace-cmd')
	c.add_argument('ver', nargs='?', default='6.1', choices=env.ALL_KVERS)
	c = sub.add_parser('bench', help='cost of a marker site and event, '
			   'side by side with a tracepoint (reported, never judged)')
	c.add_argument('vers', nargs='*', metavar='VER', type=_kver,
		       help='kernels, one boot each (default: '
		       f'{" ".join(runs.bench_kvers())})')
	c.add_argument('--batch', type=int,
		       default=int(os.environ.get('MCB_BATCH') or 100000),
		       help='calls per timed batch')
	c.add_argument('--rounds', type=int,
		       default=int(os.environ.get('MCB_ROUNDS') or 51),
		       help='batches per variant')
	c = sub.add_parser('disasm', help='is a disabled marker site a jump '
			   'label NOP without argument work?')
	c.add_argument('object')
	c.add_argument('function')
	c.add_argument('marker')
	c = sub.add_parser('cocci-differential', help="the converter's "
			   'differential test: coccinelle/sample converted, '
			   'its KUnit suite on UML before and after')
	# Not choices=: argparse checks an empty list against them too.
	c.add_argument('vers', nargs='*', metavar='VER', type=_kver,
		       help=f'kernels (default: {" ".join(env.KVERS)})')
	c = sub.add_parser('script', help='a shell step, counted by its KTAP')
	c.add_argument('path')
	c.add_argument('args', nargs='*')
	sub.add_parser('unit', help="the runner's own unit tests")
	a = p.parse_args(argv)

	if a.cmd == 'check':
		return check.check(a.steps)
	if a.cmd == 'steps':
		for name, args in check.steps():
			print(f'{name:<20} mct.py {" ".join(args)}')
		return 0
	if a.cmd == 'disasm':
		good, report = disasm.check(a.object, a.function, a.marker)
		print('\n'.join(report))
		return 0 if good else 1

	env.LOGS.mkdir(parents=True, exist_ok=True)

	def kunit() -> runs.Counts:
		return runs.kunit_run(a.arch, a.ver, a.kunit_args, a.kunitconfig)

	run = {
		**{f'kunit-{arch.name}': kunit
		   for arch in kernel.KUNIT_ARCHS.values()},
		'kunit-x86': lambda: runs.kunit_x86(a.ver),
		'guest': lambda: runs.guest(a.ver, a.tests),
		'modular': lambda: runs.modular(a.ver),
		'demo': lambda: runs.demo(a.ver),
		'bench': lambda: runs.bench(a.vers or runs.bench_kvers(),
					    a.batch, a.rounds,
					    shlex.join(sys.argv)),
		'cocci-differential':
			lambda: runs.cocci_differential(a.vers or env.KVERS),
		'script': lambda: runs.script(a.path, a.args),
		'unit': runs.unit,
	}[a.cmd]
	try:
		counts = run()
	except Failed as e:
		counts = runs.failed(e)
	if a.result:
		counts.save(a.result)
	print(counts.line())
	return 1 if counts.failed else 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
