#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write generated malformed input to control files, from concurrent
writers, and check that every write is refused.

    hostile_writes.py SEED WRITERS COUNT TARGET...

TARGET is KIND:ERRNOS:FILE.  For each FILE, WRITERS threads each make
COUNT writes at the same time: open FILE, write one generated input
(sometimes in several write() calls, a partial command each), close it.
Every write() must fail with one of ERRNOS, names joined by '+' (such as
EINVAL+ENOENT), or with any errno if ERRNOS is ANY.  KIND is "control"
for the shim's debugfs files, or "tracefs" for the trace core's event
files, where an input of only blanks is a valid command (it clears a
filter, or does nothing) and is not generated.

Prints, for each FILE, "FILE: refused N of M", then one line per write
that was accepted or failed otherwise; exits 1 if there was any.  The
inputs are a function of SEED, so a failure can be replayed.
"""

import errno
import os
import random
import sys
import threading

VERBS = ['COUNT', 'count\tcount', 'cnt', 'nocount ', '']
NAMES = ['9lives', 'a-b', 'a.b', 'a b', '$x', 'a/b', 'n' * 200,
         '\u00e9t\u00e9', '-']


def generate(rng, kind):
    """One input: (description, [chunks]), each chunk one write()."""
    kinds = ['long', 'binary', 'nul', 'verb', 'name', 'partial', 'two',
             'utf8']
    if kind == 'control':
        kinds += ['newline', 'spaces']
    what = rng.choice(kinds)
    if what == 'long':
        return what, [b"count " + b"x" * rng.choice([200, 4096])]
    if what == 'binary':
        return what, [bytes(rng.randrange(1, 256)
                            for _ in range(rng.randrange(2, 300)))]
    if what == 'nul':
        return what, [b'count \0name', b'\0', b'count a\0b']
    if what == 'verb':
        return what, [('%s x' % rng.choice(VERBS)).encode()]
    if what == 'name':
        return what, [('count %s' % rng.choice(NAMES)).encode()]
    if what == 'partial':
        return what, [b'cou', b'nt x']
    if what == 'two':
        return what, [b'count a\ncount b\n']
    if what == 'newline':
        return what, [b'\n', b'\n\n']
    if what == 'spaces':
        return what, [b'   ', b'\t']
    return what, ['count \u00e9t\u00e9'.encode()]


class Target:
    def __init__(self, spec):
        self.kind, names, self.path = spec.split(':', 2)
        self.accepted = None if names == 'ANY' else \
            {getattr(errno, name) for name in names.split('+')}
        self.refused = 0
        self.bad = []
        self.lock = threading.Lock()

    def writer(self, seed, count):
        rng = random.Random(seed)
        for i in range(count):
            what, chunks = generate(rng, self.kind)
            fd = os.open(self.path, os.O_WRONLY)
            try:
                for chunk in chunks:
                    self.write_one(fd, i, what, chunk)
            finally:
                os.close(fd)

    def write_one(self, fd, i, what, chunk):
        try:
            os.write(fd, chunk)
            verdict = 'accepted'
        except OSError as e:
            if self.accepted is None or e.errno in self.accepted:
                with self.lock:
                    self.refused += 1
                return
            verdict = errno.errorcode.get(e.errno, str(e.errno))
        with self.lock:
            self.bad.append('write %d (%s, %r): %s' %
                            (i, what, chunk[:32], verdict))


def main():
    seed, writers, count = (int(a) for a in sys.argv[1:4])
    targets = [Target(spec) for spec in sys.argv[4:]]
    for t in targets:
        threads = [threading.Thread(target=t.writer,
                                    args=(seed * 1000 + w, count))
                   for w in range(writers)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    failed = False
    for t in targets:
        print('%s: refused %d of %d' % (t.path, t.refused,
                                       t.refused + len(t.bad)))
        for line in t.bad[:5]:
            print('  ' + line)
        failed |= bool(t.bad)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
