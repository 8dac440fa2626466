# SPDX-License-Identifier: GPL-2.0
"""Tests of the disassembly check: the judging on binutils' outputs of
real objects, each failure by its message, then check() on an object
GCC builds here."""

import os
import platform
import shutil
import subprocess
import tempfile
import unittest
from unittest import mock

from mct import disasm

# binutils 2.40 on x86_64, on objects GCC 12 built the way the kernel
# builds a module (-O2 -mcmodel=kernel -pg -mfentry -mrecord-mcount
# -fcf-protection=branch -mfunction-return=thunk-extern): fire_foo() holds
# a trace_mark(foo, ...) site as compat/marker.h lays it out (a static
# struct marker __mark_foo, its tracepoint's static key at +0x28, an
# arch_static_branch() NOP), and increments a counter after it.  The
# variants' symbol tables and relocations are cut to the lines that
# matter; each variant reuses the sections of the first object (the same
# indices).
SECTIONS = """\
There are 17 section headers, starting at offset 0x480:

Section Headers:
  [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al
  [ 0]                   NULL            0000000000000000 000000 000000 00      0   0  0
  [ 1] .text             PROGBITS        0000000000000000 000040 000049 00  AX  0   0 16
  [ 2] .rela.text        RELA            0000000000000000 0002b0 0000a8 18   I 14   1  8
  [ 3] .data             PROGBITS        0000000000000000 000090 000048 00  WA  0   0  8
  [ 4] .rela.data        RELA            0000000000000000 000358 000030 18   I 14   3  8
  [ 5] .bss              NOBITS          0000000000000000 0000d8 000000 00  WA  0   0  1
  [ 6] __mcount_loc      PROGBITS        0000000000000000 0000d8 000008 00   A  0   0  1
  [ 7] .rela__mcount_loc RELA            0000000000000000 000388 000018 18   I 14   6  8
  [ 8] __jump_table      PROGBITS        0000000000000000 0000e0 000010 00  WA  0   0  8
  [ 9] .rela__jump_table RELA            0000000000000000 0003a0 000048 18   I 14   8  8
  [10] .rodata.str1.1    PROGBITS        0000000000000000 0000f0 000015 01 AMS  0   0  1
  [11] .comment          PROGBITS        0000000000000000 000105 000028 01  MS  0   0  1
  [12] .note.GNU-stack   PROGBITS        0000000000000000 00012d 000000 00      0   0  1
  [13] .note.gnu.property NOTE            0000000000000000 000130 000020 00   A  0   0  8
  [14] .symtab           SYMTAB          0000000000000000 000150 000108 18     15   6  8
  [15] .strtab           STRTAB          0000000000000000 000258 000051 00      0   0  1
  [16] .shstrtab         STRTAB          0000000000000000 0003e8 000095 00      0   0  1
"""

SYMBOLS = """\

Symbol table '.symtab' contains 11 entries:
   Num:    Value          Size Type    Bind   Vis      Ndx Name
     0: 0000000000000000     0 NOTYPE  LOCAL  DEFAULT  UND
     1: 0000000000000000     0 FILE    LOCAL  DEFAULT  ABS k.c
     2: 0000000000000000     0 SECTION LOCAL  DEFAULT    1 .text
     3: 0000000000000000     0 SECTION LOCAL  DEFAULT    3 .data
     4: 0000000000000000    72 OBJECT  LOCAL  DEFAULT    3 __mark_foo.0
     5: 0000000000000000     0 SECTION LOCAL  DEFAULT   10 .rodata.str1.1
     6: 0000000000000000    73 FUNC    GLOBAL DEFAULT    1 fire_foo
     7: 0000000000000000     0 NOTYPE  GLOBAL DEFAULT  UND __fentry__
     8: 0000000000000000     0 NOTYPE  GLOBAL DEFAULT  UND counter
     9: 0000000000000000     0 NOTYPE  GLOBAL DEFAULT  UND __x86_return_thunk
    10: 0000000000000000     0 NOTYPE  GLOBAL DEFAULT  UND marker_probe_cb
"""

RELOCS = """\

Relocation section '.rela.text' at offset 0x2b0 contains 7 entries:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000005  0000000700000004 R_X86_64_PLT32         0000000000000000 __fentry__ - 4
0000000000000010  0000000800000002 R_X86_64_PC32          0000000000000000 counter - 5
000000000000002e  000000030000000b R_X86_64_32S           0000000000000000 .data + 0
0000000000000035  0000000a00000004 R_X86_64_PLT32         0000000000000000 marker_probe_cb - 4
000000000000003b  0000000800000002 R_X86_64_PC32          0000000000000000 counter - 5
0000000000000016  0000000900000004 R_X86_64_PLT32         0000000000000000 __x86_return_thunk - 4
0000000000000045  0000000900000004 R_X86_64_PLT32         0000000000000000 __x86_return_thunk - 4

Relocation section '.rela.data' at offset 0x358 contains 2 entries:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000000  0000000500000001 R_X86_64_64            0000000000000000 .rodata.str1.1 + 0
0000000000000008  0000000500000001 R_X86_64_64            0000000000000000 .rodata.str1.1 + 4

Relocation section '.rela__mcount_loc' at offset 0x388 contains 1 entry:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000000  0000000200000001 R_X86_64_64            0000000000000000 .text + 4

Relocation section '.rela__jump_table' at offset 0x3a0 contains 3 entries:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000000  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 9
0000000000000004  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 20
0000000000000008  0000000300000018 R_X86_64_PC64          0000000000000000 .data + 28
"""

OBJDUMP = """\

sites.o:     file format elf64-x86-64


Disassembly of section .text:

0000000000000000 <fire_foo>:
   0:\tendbr64
   4:\tcall   9 <fire_foo+0x9>
\t\t\t5: R_X86_64_PLT32\t__fentry__-0x4
   9:\tnopl   0x0(%rax,%rax,1)
   e:\taddl   $0x1,0x0(%rip)        # 15 <fire_foo+0x15>
\t\t\t10: R_X86_64_PC32\tcounter-0x5
  15:\tjmp    1a <fire_foo+0x1a>
\t\t\t16: R_X86_64_PLT32\t__x86_return_thunk-0x4
  1a:\tnopw   0x0(%rax,%rax,1)
  20:\tsub    $0x8,%rsp
  24:\tlea    (%rdi,%rdi,1),%ecx
  27:\tmov    %edi,%edx
  29:\txor    %esi,%esi
  2b:\tmov    $0x0,%rdi
\t\t\t2e: R_X86_64_32S\t.data
  32:\txor    %eax,%eax
  34:\tcall   39 <fire_foo+0x39>
\t\t\t35: R_X86_64_PLT32\tmarker_probe_cb-0x4
  39:\taddl   $0x1,0x0(%rip)        # 40 <fire_foo+0x40>
\t\t\t3b: R_X86_64_PC32\tcounter-0x5
  40:\tadd    $0x8,%rsp
  44:\tjmp    49 <fire_foo+0x49>
\t\t\t45: R_X86_64_PLT32\t__x86_return_thunk-0x4
"""

# fire_foo() calls other() before the site.
CALL_FIRST_SYMBOLS = """\
Symbol table '.symtab' contains 12 entries:
   Num:    Value          Size Type    Bind   Vis      Ndx Name
     4: 0000000000000000    72 OBJECT  LOCAL  DEFAULT    3 __mark_foo.0
     6: 0000000000000000    74 FUNC    GLOBAL DEFAULT    1 fire_foo
"""

CALL_FIRST_RELOCS = """\
Relocation section '.rela__jump_table' at offset 0x3d0 contains 3 entries:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000000  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 11
0000000000000004  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 28
0000000000000008  0000000300000018 R_X86_64_PC64          0000000000000000 .data + 28
"""

CALL_FIRST_OBJDUMP = """\
0000000000000000 <fire_foo>:
   0:\tendbr64
   4:\tcall   9 <fire_foo+0x9>
\t\t\t5: R_X86_64_PLT32\t__fentry__-0x4
   9:\tpush   %rbx
   a:\tmov    %edi,%ebx
   c:\tcall   11 <fire_foo+0x11>
\t\t\td: R_X86_64_PLT32\tother-0x4
  11:\tnopl   0x0(%rax,%rax,1)
  16:\taddl   $0x1,0x0(%rip)        # 1d <fire_foo+0x1d>
\t\t\t18: R_X86_64_PC32\tcounter-0x5
  1d:\tpop    %rbx
  1e:\tjmp    23 <fire_foo+0x23>
\t\t\t1f: R_X86_64_PLT32\t__x86_return_thunk-0x4
  23:\tnopl   0x0(%rax,%rax,1)
  28:\tlea    (%rbx,%rbx,1),%ecx
  2b:\tmov    %ebx,%edx
  2d:\txor    %esi,%esi
  2f:\tmov    $0x0,%rdi
\t\t\t32: R_X86_64_32S\t.data
  36:\txor    %eax,%eax
  38:\tcall   3d <fire_foo+0x3d>
\t\t\t39: R_X86_64_PLT32\tmarker_probe_cb-0x4
  3d:\taddl   $0x1,0x0(%rip)        # 44 <fire_foo+0x44>
\t\t\t3f: R_X86_64_PC32\tcounter-0x5
  44:\tpop    %rbx
  45:\tjmp    4a <fire_foo+0x4a>
\t\t\t46: R_X86_64_PLT32\t__x86_return_thunk-0x4
"""

# fire_foo() begins with "if (seq > 1000) counter = seq;".
BRANCH_FIRST_SYMBOLS = """\
Symbol table '.symtab' contains 11 entries:
   Num:    Value          Size Type    Bind   Vis      Ndx Name
     4: 0000000000000000    72 OBJECT  LOCAL  DEFAULT    3 __mark_foo.0
     6: 0000000000000000    89 FUNC    GLOBAL DEFAULT    1 fire_foo
"""

BRANCH_FIRST_RELOCS = """\
Relocation section '.rela__jump_table' at offset 0x3c8 contains 3 entries:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000000  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 17
0000000000000004  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 30
0000000000000008  0000000300000018 R_X86_64_PC64          0000000000000000 .data + 28
"""

BRANCH_FIRST_OBJDUMP = """\
0000000000000000 <fire_foo>:
   0:\tendbr64
   4:\tcall   9 <fire_foo+0x9>
\t\t\t5: R_X86_64_PLT32\t__fentry__-0x4
   9:\tcmp    $0x3e8,%edi
   f:\tjbe    17 <fire_foo+0x17>
  11:\tmov    %edi,0x0(%rip)        # 17 <fire_foo+0x17>
\t\t\t13: R_X86_64_PC32\tcounter-0x4
  17:\tnopl   0x0(%rax,%rax,1)
  1c:\taddl   $0x1,0x0(%rip)        # 23 <fire_foo+0x23>
\t\t\t1e: R_X86_64_PC32\tcounter-0x5
  23:\tjmp    28 <fire_foo+0x28>
\t\t\t24: R_X86_64_PLT32\t__x86_return_thunk-0x4
  28:\tnopl   0x0(%rax,%rax,1)
  30:\tsub    $0x8,%rsp
  34:\tlea    (%rdi,%rdi,1),%ecx
  37:\tmov    %edi,%edx
  39:\txor    %esi,%esi
  3b:\tmov    $0x0,%rdi
\t\t\t3e: R_X86_64_32S\t.data
  42:\txor    %eax,%eax
  44:\tcall   49 <fire_foo+0x49>
\t\t\t45: R_X86_64_PLT32\tmarker_probe_cb-0x4
  49:\taddl   $0x1,0x0(%rip)        # 50 <fire_foo+0x50>
\t\t\t4b: R_X86_64_PC32\tcounter-0x5
  50:\tadd    $0x8,%rsp
  54:\tjmp    59 <fire_foo+0x59>
\t\t\t55: R_X86_64_PLT32\t__x86_return_thunk-0x4
"""

# The site's enabled path adds to the counter and calls nothing.
NO_CALL_SYMBOLS = """\
Symbol table '.symtab' contains 10 entries:
   Num:    Value          Size Type    Bind   Vis      Ndx Name
     4: 0000000000000000    72 OBJECT  LOCAL  DEFAULT    3 __mark_foo.0
     6: 0000000000000000    60 FUNC    GLOBAL DEFAULT    1 fire_foo
"""

NO_CALL_RELOCS = """\
Relocation section '.rela__jump_table' at offset 0x360 contains 3 entries:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000000  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 9
0000000000000004  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 28
0000000000000008  0000000300000018 R_X86_64_PC64          0000000000000000 .data + 28
"""

NO_CALL_OBJDUMP = """\
0000000000000000 <fire_foo>:
   0:\tendbr64
   4:\tcall   9 <fire_foo+0x9>
\t\t\t5: R_X86_64_PLT32\t__fentry__-0x4
   9:\tnopl   0x0(%rax,%rax,1)
   e:\tmov    0x0(%rip),%edi        # 14 <fire_foo+0x14>
\t\t\t10: R_X86_64_PC32\tcounter-0x4
  14:\tadd    $0x1,%edi
  17:\tmov    %edi,0x0(%rip)        # 1d <fire_foo+0x1d>
\t\t\t19: R_X86_64_PC32\tcounter-0x4
  1d:\tjmp    22 <fire_foo+0x22>
\t\t\t1e: R_X86_64_PLT32\t__x86_return_thunk-0x4
  22:\tnopw   0x0(%rax,%rax,1)
  28:\tadd    0x0(%rip),%edi        # 2e <fire_foo+0x2e>
\t\t\t2a: R_X86_64_PC32\tcounter-0x4
  2e:\tadd    $0x1,%edi
  31:\tmov    %edi,0x0(%rip)        # 37 <fire_foo+0x37>
\t\t\t33: R_X86_64_PC32\tcounter-0x4
  37:\tjmp    3c <fire_foo+0x3c>
\t\t\t38: R_X86_64_PLT32\t__x86_return_thunk-0x4
"""

# arch_static_branch() as 6.1 emits it with CONFIG_HAVE_JUMP_LABEL_HACK
# ("jmp %l[l_yes]"), in an object objtool has not turned into NOPs.
UNPATCHED_SYMBOLS = """\
Symbol table '.symtab' contains 11 entries:
   Num:    Value          Size Type    Bind   Vis      Ndx Name
     4: 0000000000000000    72 OBJECT  LOCAL  DEFAULT    3 __mark_foo.0
     6: 0000000000000000    73 FUNC    GLOBAL DEFAULT    1 fire_foo
"""

UNPATCHED_RELOCS = """\
Relocation section '.rela__jump_table' at offset 0x3a0 contains 3 entries:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000000  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 9
0000000000000004  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 20
0000000000000008  0000000300000018 R_X86_64_PC64          0000000000000000 .data + 28
"""

UNPATCHED_OBJDUMP = """\
0000000000000000 <fire_foo>:
   0:\tendbr64
   4:\tcall   9 <fire_foo+0x9>
\t\t\t5: R_X86_64_PLT32\t__fentry__-0x4
   9:\tjmp    20 <fire_foo+0x20>
   b:\taddl   $0x1,0x0(%rip)        # 12 <fire_foo+0x12>
\t\t\td: R_X86_64_PC32\tcounter-0x5
  12:\tjmp    17 <fire_foo+0x17>
\t\t\t13: R_X86_64_PLT32\t__x86_return_thunk-0x4
  17:\tnopw   0x0(%rax,%rax,1)
  20:\tsub    $0x8,%rsp
  24:\tlea    (%rdi,%rdi,1),%ecx
  27:\tmov    %edi,%edx
  29:\txor    %esi,%esi
  2b:\tmov    $0x0,%rdi
\t\t\t2e: R_X86_64_32S\t.data
  32:\txor    %eax,%eax
  34:\tcall   39 <fire_foo+0x39>
\t\t\t35: R_X86_64_PLT32\tmarker_probe_cb-0x4
  39:\taddl   $0x1,0x0(%rip)        # 40 <fire_foo+0x40>
\t\t\t3b: R_X86_64_PC32\tcounter-0x5
  40:\tadd    $0x8,%rsp
  44:\tjmp    49 <fire_foo+0x49>
\t\t\t45: R_X86_64_PLT32\t__x86_return_thunk-0x4
"""

# fire_foo() holds a _trace_mark(foo, ...) site (a load of the key, no
# jump label); fire_bar(), after it, a trace_mark(bar, ...) site.  objdump
# prints fire_foo()'s relocations inside fire_bar().
PLAIN_LOAD_SYMBOLS = """\
Symbol table '.symtab' contains 13 entries:
   Num:    Value          Size Type    Bind   Vis      Ndx Name
     4: 0000000000000048    72 OBJECT  LOCAL  DEFAULT    3 __mark_foo.1
     5: 0000000000000000    72 OBJECT  LOCAL  DEFAULT    3 __mark_bar.0
     7: 0000000000000000    73 FUNC    GLOBAL DEFAULT    1 fire_foo
    12: 0000000000000050    54 FUNC    GLOBAL DEFAULT    1 fire_bar
"""

PLAIN_LOAD_RELOCS = """\
Relocation section '.rela__jump_table' at offset 0x530 contains 3 entries:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000000  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 5d
0000000000000004  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 70
0000000000000008  0000000300000018 R_X86_64_PC64          0000000000000000 .data + 28
"""

PLAIN_LOAD_OBJDUMP = """\
0000000000000000 <fire_foo>:
   0:\tendbr64
   4:\tcall   9 <fire_foo+0x9>
\t\t\t5: R_X86_64_PLT32\t__fentry__-0x4
   9:\tmov    0x0(%rip),%eax        # f <fire_foo+0xf>
\t\t\tb: R_X86_64_PC32\t.data+0x6c
   f:\ttest   %eax,%eax
  11:\tjne    20 <fire_foo+0x20>
  13:\taddl   $0x1,0x0(%rip)        # 1a <fire_foo+0x1a>
\t\t\t15: R_X86_64_PC32\tcounter-0x5
  1a:\tjmp    1f <fire_foo+0x1f>
\t\t\t1b: R_X86_64_PLT32\t__x86_return_thunk-0x4
  1f:\tnop
  20:\tsub    $0x8,%rsp
  24:\tlea    (%rdi,%rdi,1),%ecx
  27:\tmov    %edi,%edx
  29:\txor    %esi,%esi
  2b:\tmov    $0x0,%rdi
\t\t\t2e: R_X86_64_32S\t.data+0x48
  32:\txor    %eax,%eax
  34:\tcall   39 <fire_foo+0x39>
\t\t\t35: R_X86_64_PLT32\tmarker_probe_cb-0x4
  39:\taddl   $0x1,0x0(%rip)        # 40 <fire_foo+0x40>
\t\t\t3b: R_X86_64_PC32\tcounter-0x5
  40:\tadd    $0x8,%rsp
  44:\tjmp    49 <fire_foo+0x49>
\t\t\t45: R_X86_64_PLT32\t__x86_return_thunk-0x4
"""

PLAIN_LOAD_BAR_OBJDUMP = """\
0000000000000050 <fire_bar>:
  50:\tendbr64
\t\t\t5: R_X86_64_PLT32\t__fentry__-0x4
\t\t\tb: R_X86_64_PC32\t.data+0x6c
\t\t\t15: R_X86_64_PC32\tcounter-0x5
\t\t\t1b: R_X86_64_PLT32\t__x86_return_thunk-0x4
\t\t\t2e: R_X86_64_32S\t.data+0x48
\t\t\t35: R_X86_64_PLT32\tmarker_probe_cb-0x4
\t\t\t3b: R_X86_64_PC32\tcounter-0x5
\t\t\t45: R_X86_64_PLT32\t__x86_return_thunk-0x4
  54:\tcall   59 <fire_bar+0x9>
\t\t\t55: R_X86_64_PLT32\t__fentry__-0x4
  59:\tsub    $0x8,%rsp
  5d:\tnopl   0x0(%rax,%rax,1)
  62:\tadd    $0x8,%rsp
  66:\tjmp    6b <fire_bar+0x1b>
\t\t\t67: R_X86_64_PLT32\t__x86_return_thunk-0x4
  6b:\tnopl   0x0(%rax,%rax,1)
  70:\tmov    %edi,%edx
  72:\txor    %esi,%esi
  74:\tmov    $0x0,%rdi
\t\t\t77: R_X86_64_32S\t.data
  7b:\txor    %eax,%eax
  7d:\tadd    $0x8,%rsp
  81:\tjmp    86 <fire_bar+0x36>
\t\t\t82: R_X86_64_PLT32\tmarker_probe_cb-0x4
"""

# fire_foo() holds a trace_mark(foo, ...) site, then a trace_mark(bar, ...)
# one: two jump labels, the second entry keyed on __mark_bar.
TWO_SITES_SYMBOLS = """\
Symbol table '.symtab' contains 12 entries:
   Num:    Value          Size Type    Bind   Vis      Ndx Name
     4: 0000000000000048    72 OBJECT  LOCAL  DEFAULT    3 __mark_foo.1
     5: 0000000000000000    72 OBJECT  LOCAL  DEFAULT    3 __mark_bar.0
     7: 0000000000000000    95 FUNC    GLOBAL DEFAULT    1 fire_foo
"""

TWO_SITES_RELOCS = """\
Relocation section '.rela__jump_table' at offset 0x480 contains 6 entries:
    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
0000000000000000  0000000200000002 R_X86_64_PC32          0000000000000000 .text + c
0000000000000004  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 28
0000000000000008  0000000300000018 R_X86_64_PC64          0000000000000000 .data + 70
0000000000000010  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 11
0000000000000014  0000000200000002 R_X86_64_PC32          0000000000000000 .text + 40
0000000000000018  0000000300000018 R_X86_64_PC64          0000000000000000 .data + 28
"""

TWO_SITES_OBJDUMP = """\
0000000000000000 <fire_foo>:
   0:\tendbr64
   4:\tcall   9 <fire_foo+0x9>
\t\t\t5: R_X86_64_PLT32\t__fentry__-0x4
   9:\tpush   %rbx
   a:\tmov    %edi,%ebx
   c:\tnopl   0x0(%rax,%rax,1)
  11:\tnopl   0x0(%rax,%rax,1)
  16:\taddl   $0x1,0x0(%rip)        # 1d <fire_foo+0x1d>
\t\t\t18: R_X86_64_PC32\tcounter-0x5
  1d:\tpop    %rbx
  1e:\tjmp    23 <fire_foo+0x23>
\t\t\t1f: R_X86_64_PLT32\t__x86_return_thunk-0x4
  23:\tnopl   0x0(%rax,%rax,1)
  28:\tmov    %edi,%edx
  2a:\txor    %esi,%esi
  2c:\tmov    $0x0,%rdi
\t\t\t2f: R_X86_64_32S\t.data+0x48
  33:\txor    %eax,%eax
  35:\tcall   3a <fire_foo+0x3a>
\t\t\t36: R_X86_64_PLT32\tmarker_probe_cb-0x4
  3a:\tjmp    11 <fire_foo+0x11>
  3c:\tnopl   0x0(%rax)
  40:\tmov    %ebx,%edx
  42:\txor    %esi,%esi
  44:\tmov    $0x0,%rdi
\t\t\t47: R_X86_64_32S\t.data
  4b:\txor    %eax,%eax
  4d:\tcall   52 <fire_foo+0x52>
\t\t\t4e: R_X86_64_PLT32\tmarker_probe_cb-0x4
  52:\taddl   $0x1,0x0(%rip)        # 59 <fire_foo+0x59>
\t\t\t54: R_X86_64_PC32\tcounter-0x5
  59:\tpop    %rbx
  5a:\tjmp    5f <__mark_foo.1+0x17>
\t\t\t5b: R_X86_64_PLT32\t__x86_return_thunk-0x4
"""

# What the shell version of this check printed for the first object.
PASS_REPORT = [
	'disasm: fire_foo: jump label(s) at 0x9 keyed on __mark_foo.0+0x28 '
	'(.data)',
	'0000000000000000 <fire_foo>:',
	'  0:\tendbr64',
	'  4:\tcall   9 <fire_foo+0x9>\t[__fentry__-0x4]',
	'  9:\tnopl   0x0(%rax,%rax,1)',
	'  e:\taddl   $0x1,0x0(%rip)        # 15 <fire_foo+0x15>\t'
	'[counter-0x5]',
	'  15:\tjmp    1a <fire_foo+0x1a>\t[__x86_return_thunk-0x4]',
	'  1a:\tnopw   0x0(%rax,%rax,1)',
	'  20:\tsub    $0x8,%rsp',
	'  24:\tlea    (%rdi,%rdi,1),%ecx',
	'  27:\tmov    %edi,%edx',
	'  29:\txor    %esi,%esi',
	'  2b:\tmov    $0x0,%rdi\t[.data]',
	'  32:\txor    %eax,%eax',
	'  34:\tcall   39 <fire_foo+0x39>\t[marker_probe_cb-0x4]',
	'  39:\taddl   $0x1,0x0(%rip)        # 40 <fire_foo+0x40>\t'
	'[counter-0x5]',
	'  40:\tadd    $0x8,%rsp',
	'  44:\tjmp    49 <fire_foo+0x49>\t[__x86_return_thunk-0x4]',
	'disasm: disabled path: 0: endbr64 ; '
	'4: call   9 <fire_foo+0x9> [__fentry__-0x4] ; '
	'9: nopl   0x0(%rax,%rax,1) ; '
	'e: addl   $0x1,0x0(%rip)        # 15 <fire_foo+0x15> [counter-0x5] ; '
	'15: jmp    1a <fire_foo+0x1a> [__x86_return_thunk-0x4]',
	'disasm: enabled path only: marker_probe_cb',
	'disasm: PASS',
]


class JudgeTest(unittest.TestCase):

	def judge(self, func='fire_foo', marker='foo', symbols=SYMBOLS,
		  relocs=RELOCS, objdump=OBJDUMP):
		self.asked = []

		def disassemble(section, name):
			self.asked.append((section, name))
			return objdump

		return disasm.judge('sites.o', func, marker, SECTIONS, symbols,
				    relocs, disassemble)

	def assert_fails(self, msg, **kw):
		passed, report = self.judge(**kw)
		self.assertFalse(passed)
		self.assertEqual(report[-1], f'disasm: FAIL: {msg}')
		return report

	def test_pass(self):
		self.assertEqual(self.judge(), (True, PASS_REPORT))
		self.assertEqual(self.asked, [('.text', 'fire_foo')])

	def test_key_low_bits(self):
		# The branch and flag bits of the entry's key are not an offset.
		passed, report = self.judge(
			relocs=RELOCS.replace('.data + 28', '.data + 2b'))
		self.assertTrue(passed)
		self.assertEqual(report[0], PASS_REPORT[0])

	def test_key_past_site(self):
		# __mark_foo.0 is 72 (0x48) bytes long.
		self.assert_fails('no __jump_table entry in fire_foo keyed on '
				  '__mark_foo',
				  relocs=RELOCS.replace('.data + 28', '.data + 48'))
		self.assertEqual(self.asked, [])

	def test_code_past_function(self):
		# fire_foo is 73 (0x49) bytes long.
		self.assert_fails('no __jump_table entry in fire_foo keyed on '
				  '__mark_foo',
				  relocs=RELOCS.replace('.text + 9\n', '.text + 49\n'))

	def test_no_jump_label(self):
		self.assert_fails('no __jump_table entry in fire_foo keyed on '
				  '__mark_foo', symbols=PLAIN_LOAD_SYMBOLS,
				  relocs=PLAIN_LOAD_RELOCS, objdump=PLAIN_LOAD_OBJDUMP)
		self.assertEqual(self.asked, [])

	def test_second_function(self):
		passed, report = self.judge('fire_bar', 'bar', PLAIN_LOAD_SYMBOLS,
					    PLAIN_LOAD_RELOCS,
					    PLAIN_LOAD_BAR_OBJDUMP)
		self.assertTrue(passed)
		self.assertEqual(self.asked, [('.text', 'fire_bar')])
		self.assertEqual(report[:3], [
			'disasm: fire_bar: jump label(s) at 0x5d keyed on '
			'__mark_bar.0+0x28 (.data)',
			'0000000000000050 <fire_bar>:',
			'  50:\tendbr64'])
		# The tail call is the enabled path's call.
		self.assertEqual(report[-2],
				 'disasm: enabled path only: marker_probe_cb')

	def test_two_sites(self):
		# Each site is found by its own entry, its key offset its own
		# (the shell version printed the last entry's: __mark_foo.1+-0x20).
		for marker, head in (('foo', 'at 0xc keyed on __mark_foo.1+0x28'),
				     ('bar', 'at 0x11 keyed on __mark_bar.0+0x28')):
			passed, report = self.judge('fire_foo', marker,
						    TWO_SITES_SYMBOLS,
						    TWO_SITES_RELOCS,
						    TWO_SITES_OBJDUMP)
			self.assertTrue(passed, marker)
			self.assertEqual(report[0], f'disasm: fire_foo: jump label(s) '
					 f'{head} (.data)')

	def test_reloc_past_function(self):
		# A relocation objdump would print past the function's end is
		# not the last instruction's.
		passed, report = self.judge(
			objdump=OBJDUMP + '\t\t\t4a: R_X86_64_PLT32\tother-0x4\n')
		self.assertEqual((passed, report), (True, PASS_REPORT))

	def test_clone(self):
		passed, report = self.judge(
			symbols=SYMBOLS.replace('fire_foo', 'fire_foo.constprop.0'),
			objdump=OBJDUMP.replace('fire_foo', 'fire_foo.constprop.0'))
		self.assertTrue(passed)
		self.assertEqual(self.asked, [('.text', 'fire_foo.constprop.0')])

	def test_not_a_nop(self):
		report = self.assert_fails('instruction at 0x9 is not a NOP',
					   symbols=UNPATCHED_SYMBOLS,
					   relocs=UNPATCHED_RELOCS,
					   objdump=UNPATCHED_OBJDUMP)
		self.assertIn('  9:\tjmp    20 <fire_foo+0x20>', report)

	def test_nop_off_path(self):
		# The NOP at 0x1a, after the return, is never reached.
		self.assert_fails('the disabled path does not go through the '
				  'jump label NOP',
				  relocs=RELOCS.replace('.text + 9\n', '.text + 1a\n'))

	def test_call_on_disabled_path(self):
		self.assert_fails('call on the disabled path: 0xc: '
				  "call   11 <fire_foo+0x11> ['other-0x4']",
				  symbols=CALL_FIRST_SYMBOLS,
				  relocs=CALL_FIRST_RELOCS,
				  objdump=CALL_FIRST_OBJDUMP)

	def test_branch_on_disabled_path(self):
		self.assert_fails('conditional branch on the disabled path: 0xf: '
				  'jbe    17 <fire_foo+0x17>',
				  symbols=BRANCH_FIRST_SYMBOLS,
				  relocs=BRANCH_FIRST_RELOCS,
				  objdump=BRANCH_FIRST_OBJDUMP)

	def test_no_call(self):
		self.assert_fails('no call at all in the function: nothing to '
				  'keep off the path', symbols=NO_CALL_SYMBOLS,
				  relocs=NO_CALL_RELOCS, objdump=NO_CALL_OBJDUMP)

	def test_no_function(self):
		self.assertEqual(self.judge(func='fire_bar'), (False, [
			'disasm: FAIL: no function fire_bar in sites.o']))

	def test_no_site(self):
		self.assertEqual(self.judge(marker='bar'), (False, [
			'disasm: FAIL: no marker site __mark_bar in sites.o']))


class ToolTest(unittest.TestCase):

	def test_no_binutils(self):
		with tempfile.TemporaryDirectory() as d, \
		     mock.patch.dict(os.environ, {'PATH': d}):
			passed, report = disasm.check('sites.o', 'fire_foo', 'foo')
		self.assertFalse(passed)
		self.assertEqual(len(report), 1)
		self.assertTrue(report[0].startswith('disasm: FAIL: readelf: '),
				report[0])

	@unittest.skipUnless(shutil.which('readelf'), 'no readelf')
	def test_not_an_object(self):
		with tempfile.NamedTemporaryFile('w', suffix='.o') as f:
			f.write('not ELF\n')
			f.flush()
			passed, report = disasm.check(f.name, 'fire_foo', 'foo')
		self.assertFalse(passed)
		self.assertTrue(report[-1].startswith(
			f'disasm: FAIL: readelf -SW {f.name}: exit status 1'),
			report[-1])


# A marker site as arch/x86/include/asm/jump_label.h (6.1) lays out its
# static branch, without objtool: the NOP itself and a 16-byte
# __jump_table entry (code and target as .long, the key as .quad, each
# relative to itself).
SITE_C = r'''
struct static_key { int enabled; void *entries; };
struct marker { const char *name; struct static_key key; };

void probe(struct marker *m, int v);
void other(void);

static struct marker __mark_foo = { "foo" };

static inline __attribute__((always_inline)) int
arch_static_branch(struct static_key *key, int branch)
{
	asm goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
		 ".pushsection __jump_table, \"aw\"\n\t"
		 ".balign 8\n\t"
		 ".long 1b - .\n\t"
		 ".long %l[l_yes] - .\n\t"
		 ".quad %c0 + %c1 - .\n\t"
		 ".popsection\n\t"
		 : : "i" (key), "i" (branch) : : l_yes);
	return 0;
l_yes:
	return 1;
}

int fire_foo(int v)
{
	if (arch_static_branch(&__mark_foo.key, 0))
		probe(&__mark_foo, v * 3);
	return v;
}

int fire_early(int v)
{
	other();
	if (arch_static_branch(&__mark_foo.key, 0))
		probe(&__mark_foo, v * 3);
	return v;
}
'''


@unittest.skipUnless(platform.machine() == 'x86_64' and
		     all(shutil.which(t) for t in ('gcc', 'readelf', 'objdump')),
		     'needs gcc and binutils on x86_64')
class ObjectTest(unittest.TestCase):

	@classmethod
	def setUpClass(cls):
		cls.tmp = tempfile.TemporaryDirectory()
		src = os.path.join(cls.tmp.name, 'site.c')
		cls.obj = os.path.join(cls.tmp.name, 'site.o')
		with open(src, 'w') as f:
			f.write(SITE_C)
		subprocess.run(['gcc', '-c', '-O2', src, '-o', cls.obj],
			       check=True)

	@classmethod
	def tearDownClass(cls):
		cls.tmp.cleanup()

	def test_site(self):
		passed, report = disasm.check(self.obj, 'fire_foo', 'foo')
		self.assertTrue(passed, '\n'.join(report))
		self.assertRegex(report[0], r'^disasm: fire_foo: jump label\(s\) '
				 r'at 0x[0-9a-f]+ keyed on __mark_foo\+0x8 \(')
		self.assertEqual(report[-2:], ['disasm: enabled path only: probe',
					       'disasm: PASS'])

	def test_call_before_site(self):
		passed, report = disasm.check(self.obj, 'fire_early', 'foo')
		self.assertFalse(passed)
		self.assertRegex(report[-1], r'^disasm: FAIL: call on the disabled '
				 r"path: 0x[0-9a-f]+: call .*\['other-0x4'\]$")


if __name__ == '__main__':
	unittest.main()
