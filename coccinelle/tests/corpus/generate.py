#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""generate.py DIR: the converter's corpus, 4000 old trace_mark() sites in
100 files under DIR, the same every time (a fixed seed), for
coccinelle/run-tests.sh: it times coccinelle/convert over them and checks
what was converted and reported against expected (next to this file).

Each site is one of KINDS, in a function of its own, written twice: once
guarded by an if without braces, once plain.  Names recur across files,
always with the same format, as in a subsystem; two kinds are left alone
by the converter (a format with no field names, an argument with a side
effect), so the report is not empty either.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

KINDS = [
	('"pid %d comm %s"', ['p->pid', 'p->comm']),
	('"irq %d ret %d"', ['irq', 'ret']),
	('"call_site %lu ptr %p bytes_req %zu "\n\t\t   "bytes_alloc %zu gfp_flags %u"',
	 ['_RET_IP_', 'ret', 'size', 'ksize(ret)', '(unsigned int) flags']),
	('"exit_reason %u guest_rip 0x%lx"', ['exit_reason', 'kvm_rip_read(vcpu)']),
	('MARK_NOARGS', []),
	('"%d %d"', ['a', 'b']),
	('"pfn %lu order %d"', ['page_to_pfn(page)', 'order']),
	('"value %lld"', ['(long long) v++']),
]
FILES = 100
PER_FILE = 20


def site(i: int, j: int, rng: random.Random) -> list[str]:
	"""The j-th function of file i: its site twice."""
	k = rng.randrange(len(KINDS))
	fmt, args = KINDS[k]
	name = f'subsys{i % 7}_k{k}_event{j % 4}'
	call = f'trace_mark({name}, {fmt}{"".join(", " + a for a in args)});'
	return [f'static void f{i}_{j}(struct task_struct *p, int irq, '
		'int ret, void *page, int order, long v, int a, int b)', '{',
		'\tif (irq)', '\t\t' + call, '\telse', '\t\tret = 0;',
		'\t' + call, '}', '']


def main(top: Path) -> None:
	"""Write the FILES files of the corpus under top."""
	rng = random.Random(4)
	for i in range(FILES):
		d = top / f'sub{i % 10}'
		d.mkdir(parents=True, exist_ok=True)
		out = ['// SPDX-License-Identifier: GPL-2.0',
		       '#include <linux/kernel.h>', '']
		for j in range(PER_FILE):
			out += site(i, j, rng)
		(d / f'file{i}.c').write_text('\n'.join(out))


if __name__ == '__main__':
	main(Path(sys.argv[1]))
