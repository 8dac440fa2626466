#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write generated malformed input to a control file and check each write
is refused.

    hostile_writes.py FILE SEED COUNT KIND [ACCEPTED_ERRNO...]

Each of COUNT writes opens FILE, writes one generated input (sometimes in
several write() calls, a partial command each) and closes it.  KIND is
"control" for the shim's debugfs files, or "tracefs" for the trace core's
event files, where an input of only blanks is a valid command (it clears
a filter or does nothing) and is not generated.  Every
write() must fail with one of ACCEPTED_ERRNO (names such as EINVAL;
default EINVAL).  Prints one line, "refused N of N", then one line per
write that was accepted or failed otherwise; exits 1 if there was any.
The inputs are a function of SEED, so a failure can be replayed.
"""

import errno
import os
import random
import sys

VERBS = ['count', 'nocount', 'COUNT', 'count\tcount', 'cnt', 'nocount ', '']


def inputs(rng, target):
    """Yield an endless stream of (description, [chunks]) to write."""
    kinds = ['long', 'binary', 'nul', 'verb', 'name', 'partial', 'two',
             'utf8']
    if target == 'control':
        kinds += ['newline', 'spaces']
    while True:
        kind = rng.choice(kinds)
        if kind == 'long':
            n = rng.choice([200, 4096, 65536])
            yield kind, [b'count ' + b'x' * n]
        elif kind == 'binary':
            yield kind, [bytes(rng.randrange(1, 256)
                               for _ in range(rng.randrange(1, 300)))]
        elif kind == 'nul':
            yield kind, [b'count \0' + b'name', b'\0', b'count a\0b']
        elif kind == 'verb':
            yield kind, [('%s %s' % (rng.choice(VERBS[2:]), 'x')).encode()]
        elif kind == 'name':
            bad = rng.choice(['9lives', 'a-b', 'a.b', 'a b', '$x', 'a/b',
                              'n' * 200, '\u00e9t\u00e9', '-'])
            yield kind, [('count %s' % bad).encode()]
        elif kind == 'partial':
            yield kind, [b'cou', b'nt x']
        elif kind == 'two':
            yield kind, [b'count a\ncount b\n']
        elif kind == 'newline':
            yield kind, [b'\n', b'\n\n']
        elif kind == 'spaces':
            yield kind, [b'   ', b'\t']
        else:
            yield kind, ['count \u00e9t\u00e9'.encode()]


def main():
    path, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    target = sys.argv[4]
    accepted = {getattr(errno, name) for name in (sys.argv[5:] or ['EINVAL'])}
    rng = random.Random(seed)
    gen = inputs(rng, target)
    bad = []
    refused = 0
    for i in range(count):
        kind, chunks = next(gen)
        fd = os.open(path, os.O_WRONLY)
        try:
            for chunk in chunks[:1] if kind in ('long', 'binary') else chunks:
                try:
                    os.write(fd, chunk)
                    bad.append('write %d (%s, %r): accepted' %
                               (i, kind, chunk[:40]))
                except OSError as e:
                    if e.errno in accepted:
                        refused += 1
                    else:
                        bad.append('write %d (%s, %r): %s' %
                                   (i, kind, chunk[:40],
                                    errno.errorcode.get(e.errno, e.errno)))
        finally:
            os.close(fd)
    print('refused %d of %d' % (refused, refused + len(bad)))
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
