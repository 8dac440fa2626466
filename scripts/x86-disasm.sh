#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# x86-disasm.sh OBJECT FUNCTION MARKER: check, in an x86_64 object file
# built with CONFIG_JUMP_LABEL, that the disabled path of a marker site is
# a NOP and carries none of the site's argument computation:
#
#  - a __jump_table entry has its code inside FUNCTION and its key inside
#    the site's struct marker (the local object __mark_MARKER), i.e. the
#    static key of the site's embedded tracepoint;
#  - the instruction at that entry is a NOP;
#  - the path from FUNCTION's entry through the NOP to the return has no
#    call (other than __fentry__) and no conditional branch, while FUNCTION
#    does call out on its enabled path.
#
# Prints the disassembly and the verdict; exits 0 when every point holds.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 OBJECT FUNCTION MARKER" >&2; exit 2; }

python3 - "$@" <<'EOF'
import re
import subprocess
import sys

obj, func, marker = sys.argv[1:4]


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True,
                          text=True).stdout


def fail(msg):
    print(f"disasm: FAIL: {msg}")
    sys.exit(1)


# Section index -> name.
secs = {}
for line in run("readelf", "-SW", obj).splitlines():
    m = re.match(r"\s*\[\s*(\d+)\]\s+(\S+)", line)
    if m:
        secs[m.group(1)] = m.group(2)

# Symbols: the function (possibly a .constprop/.isra clone) and the site.
fsym = ssym = None
for line in run("readelf", "-sW", obj).splitlines():
    f = line.split()
    if len(f) < 8 or not re.fullmatch(r"\d+:", f[0]):
        continue
    value, size, typ, ndx, name = int(f[1], 16), int(f[2], 0), f[3], f[6], f[7]
    if typ == "FUNC" and re.fullmatch(re.escape(func) + r"(\.\w+\.\d+)*", name):
        fsym = (secs.get(ndx), value, size, name)
    if typ == "OBJECT" and re.fullmatch(r"__mark_" + re.escape(marker) + r"(\.\d+)?", name):
        ssym = (secs.get(ndx), value, size, name)
if not fsym:
    fail(f"no function {func} in {obj}")
if not ssym:
    fail(f"no marker site __mark_{marker} in {obj}")
syms = {fsym[3]: fsym, ssym[3]: ssym}

# __jump_table relocations: entry i is code at 16i, target at 16i+4, key
# at 16i+8 (with the branch and flag bits in the key's two low bits).
relocs = {}
cur = None
for line in run("readelf", "-rW", obj).splitlines():
    m = re.match(r"Relocation section '(\S+)'", line)
    if m:
        cur = m.group(1)
        continue
    if cur != ".rela__jump_table":
        continue
    m = re.match(r"\s*([0-9a-f]+)\s+[0-9a-f]+\s+(\S+)\s+[0-9a-f]+\s+"
                 r"(\S+)\s*([+-])\s*([0-9a-f]+)", line)
    if m:
        add = int(m.group(5), 16) * (1 if m.group(4) == "+" else -1)
        relocs[int(m.group(1), 16)] = (m.group(3), add)


def resolve(name, add):
    if name in syms:
        return syms[name][0], syms[name][1] + add
    return name, add


nops = []
for off in sorted(relocs):
    if off % 16:
        continue
    if off + 8 not in relocs:
        continue
    csec, caddr = resolve(*relocs[off])
    ksec, kaddr = resolve(*relocs[off + 8])
    kaddr &= ~3
    if (csec == fsym[0] and fsym[1] <= caddr < fsym[1] + fsym[2] and
            ksec == ssym[0] and ssym[1] <= kaddr < ssym[1] + ssym[2]):
        nops.append(caddr)
if not nops:
    fail(f"no __jump_table entry in {fsym[3]} keyed on __mark_{marker}")
print(f"disasm: {fsym[3]}: jump label(s) at {', '.join(hex(a) for a in nops)} "
      f"keyed on {ssym[3]}+{kaddr - ssym[1]:#x} ({ssym[0]})")

# Disassemble the function; objdump may print relocations of the previous
# function inside it, so each relocation goes to the instruction holding
# its offset, and only the function's own range is kept.
out = run("objdump", "-dr", "--no-show-raw-insn", f"--disassemble={fsym[3]}",
          "-j", fsym[0], obj)
lo, hi = fsym[1], fsym[1] + fsym[2]
insns, rels = [], []
for line in out.splitlines():
    m = re.match(r"\s*([0-9a-f]+):\s+(R_X86_64_\S+)\s+(\S+)", line)
    if m:
        rels.append((int(m.group(1), 16), m.group(3)))
        continue
    m = re.match(r"\s*([0-9a-f]+):\s+(\S.*)$", line)
    if m and lo <= int(m.group(1), 16) < hi:
        insns.append([int(m.group(1), 16), m.group(2).strip(), []])
for off, target in rels:
    owner = [x for x in insns if x[0] <= off]
    if owner and off < hi:
        owner[-1][2].append(target)
print(f"{lo:016x} <{fsym[3]}>:")
for a, ins, rel in insns:
    print(f"  {a:x}:\t{ins}" + "".join(f"\t[{r}]" for r in rel))
index = {a: i for i, (a, _, _) in enumerate(insns)}
nop_re = re.compile(r"(nop|xchg\s+%ax,%ax)")
for a in nops:
    if a not in index or not nop_re.match(insns[index[a]][1]):
        fail(f"instruction at {a:#x} is not a NOP")

# Follow the disabled path from the entry.
path, i, seen_nop = [], 0, False
while i < len(insns) and len(path) < 200:
    a, ins, rel = insns[i]
    path.append(f"{a:x}: {ins}" + "".join(f" [{r}]" for r in rel))
    mn = ins.split()[0]
    if a in nops:
        seen_nop = True
    if mn.startswith("call"):
        if not any(r.startswith("__fentry__") for r in rel):
            fail(f"call on the disabled path: {a:#x}: {ins} {rel}")
    elif mn.startswith("ret"):
        break
    elif mn.startswith("jmp"):
        if rel or not re.search(r"^jmp\s+([0-9a-f]+) <", ins):
            break  # tail call or return thunk: the path leaves
        t = int(re.search(r"^jmp\s+([0-9a-f]+)", ins).group(1), 16)
        if t not in index:
            break
        i = index[t]
        continue
    elif re.match(r"j[a-z]+$", mn):
        fail(f"conditional branch on the disabled path: {a:#x}: {ins}")
    i += 1
if not seen_nop:
    fail("the disabled path does not go through the jump label NOP")
calls = []
for a, ins, rel in insns:
    if not (ins.startswith("call") or ins.startswith("jmp")):
        continue
    m = re.search(r"<([^>+]+)", ins)
    for t in rel or ([m.group(1)] if m and ins.startswith("call") else []):
        t = re.sub(r"-0x4$", "", t)
        if t not in ("__fentry__", "__x86_return_thunk"):
            calls.append(t)
if not calls:
    fail("no call at all in the function: nothing to keep off the path")
print("disasm: disabled path: " + " ; ".join(path))
print(f"disasm: enabled path only: {', '.join(sorted(set(calls)))}")
print("disasm: PASS")
EOF
