/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Marker formats and the fields each becomes: one table for the kernel
 * and the converter.
 *
 * The converter (coccinelle/lib/markerfmt.py) turns a marker into a
 * tracepoint whose parameters it names and types from the format; the
 * marker's trace event (markers/event_format.c, format_names.c) gets its
 * fields from the same format.  They must agree, so both test suites
 * read this table:
 *
 * - kunit/marker_event_kunit.c includes it as its format table, with
 *   MARKER_FORMAT() and FIELD() defined to build struct mk_format_case, and
 *   checks every column against marker_event_format_compile().
 * - coccinelle/lib/test_markerfmt.py reads the format and each FIELD()'s
 *   name and type with a regular expression, and checks them against
 *   parse_format().  A %s is a "const char *" parameter there and a
 *   "__data_loc char[]" field here (the string is copied into the
 *   record): the one type that may differ, and only that way.
 *
 * A row is
 *	MARKER_FORMAT(format, fixed record size, print format,
 *		      FIELD(name, type, size, offset, is signed), ...)
 * with the format a string literal (or literals and the OLD_* below) and
 * the sizes and offsets of the 64-bit kernels KUnit runs on (x86_64, UML,
 * arm64).  Rows need no commas between them: MARKER_FORMAT() adds its own.
 */

/*
 * The old spellings under test (%Zu, %Ld, %pF, %pf): checkpatch flags them
 * in a string literal, so they are spelled through these.
 */
#define OLD_Z		"Z"
#define OLD_L		"L"
#define OLD_F		"F"
#define OLD_F_LOWER	"f"

/* Whether char is signed depends on the kernel (-funsigned-char from 6.2). */
#define CHAR_SIGNED	is_signed_type(char)

MARKER_FORMAT("v %d", 12, "\"v %d\", REC->v",
	      FIELD("v", "int", 4, 8, true))
MARKER_FORMAT("v %i", 12, "\"v %i\", REC->v",
	      FIELD("v", "int", 4, 8, true))
MARKER_FORMAT("v %u", 12, "\"v %u\", REC->v",
	      FIELD("v", "unsigned int", 4, 8, false))
MARKER_FORMAT("x %x", 12, "\"x %x\", REC->x",
	      FIELD("x", "unsigned int", 4, 8, false))
MARKER_FORMAT("X %X", 12, "\"X %X\", REC->X",
	      FIELD("X", "unsigned int", 4, 8, false))
MARKER_FORMAT("o %o", 12, "\"o %o\", REC->o",
	      FIELD("o", "unsigned int", 4, 8, false))
MARKER_FORMAT("c %c", 12, "\"c %c\", REC->c",
	      FIELD("c", "char", 1, 8, CHAR_SIGNED))
MARKER_FORMAT("b %hhd", 12, "\"b %hhd\", REC->b",
	      FIELD("b", "signed char", 1, 8, true))
MARKER_FORMAT("ub %hhu", 12, "\"ub %hhu\", REC->ub",
	      FIELD("ub", "unsigned char", 1, 8, false))
MARKER_FORMAT("h %hd", 12, "\"h %hd\", REC->h",
	      FIELD("h", "short", 2, 8, true))
MARKER_FORMAT("uh %hx", 12, "\"uh %hx\", REC->uh",
	      FIELD("uh", "unsigned short", 2, 8, false))
MARKER_FORMAT("l %ld", 16, "\"l %ld\", REC->l",
	      FIELD("l", "long", 8, 8, true))
MARKER_FORMAT("ul %lu", 16, "\"ul %lu\", REC->ul",
	      FIELD("ul", "unsigned long", 8, 8, false))
MARKER_FORMAT("ll %lld", 16, "\"ll %lld\", REC->ll",
	      FIELD("ll", "long long", 8, 8, true))
MARKER_FORMAT("ull %llx", 16, "\"ull %llx\", REC->ull",
	      FIELD("ull", "unsigned long long", 8, 8, false))
/* old length modifiers print as vsnprintf() knows them */
MARKER_FORMAT("j %jd", 16, "\"j %lld\", REC->j",
	      FIELD("j", "long long", 8, 8, true))
MARKER_FORMAT("uj %ju", 16, "\"uj %llu\", REC->uj",
	      FIELD("uj", "unsigned long long", 8, 8, false))
MARKER_FORMAT("q %qd", 16, "\"q %lld\", REC->q",
	      FIELD("q", "long long", 8, 8, true))
MARKER_FORMAT("L %" OLD_L "x", 16, "\"L %llx\", REC->L",
	      FIELD("L", "unsigned long long", 8, 8, false))
MARKER_FORMAT("Z %" OLD_Z "u", 16, "\"Z %zu\", REC->Z",
	      FIELD("Z", "size_t", 8, 8, false))
MARKER_FORMAT("sZ %" OLD_Z "d", 16, "\"sZ %zd\", REC->sZ",
	      FIELD("sZ", "ssize_t", 8, 8, true))
MARKER_FORMAT("w %-08" OLD_Z "u|", 16, "\"w %-08zu|\", REC->w",
	      FIELD("w", "size_t", 8, 8, false))
MARKER_FORMAT("fn %p" OLD_F, 16, "\"fn %pS\", REC->fn",
	      FIELD("fn", "const void *", 8, 8, false))
MARKER_FORMAT("fn %p" OLD_F_LOWER, 16, "\"fn %ps\", REC->fn",
	      FIELD("fn", "const void *", 8, 8, false))
MARKER_FORMAT("fn %p" OLD_F "R", 16, "\"fn %pSR\", REC->fn",
	      FIELD("fn", "const void *", 8, 8, false))
MARKER_FORMAT("Zebra %u Lq %d", 16, "\"Zebra %u Lq %d\", REC->Zebra, REC->Lq",
	      FIELD("Zebra", "unsigned int", 4, 8, false),
	      FIELD("Lq", "int", 4, 12, true))
MARKER_FORMAT("z %zu", 16, "\"z %zu\", REC->z",
	      FIELD("z", "size_t", 8, 8, false))
MARKER_FORMAT("sz %zd", 16, "\"sz %zd\", REC->sz",
	      FIELD("sz", "ssize_t", 8, 8, true))
MARKER_FORMAT("t %td", 16, "\"t %td\", REC->t",
	      FIELD("t", "long", 8, 8, true))
MARKER_FORMAT("p %p", 16, "\"p %p\", REC->p",
	      FIELD("p", "const void *", 8, 8, false))
MARKER_FORMAT("fn %pS", 16, "\"fn %pS\", REC->fn",
	      FIELD("fn", "const void *", 8, 8, false))
/* vsnprintf() skips the letters after an extension: so does the event */
MARKER_FORMAT("fn %pSRx2 y", 16, "\"fn %pSR y\", REC->fn",
	      FIELD("fn", "const void *", 8, 8, false))
MARKER_FORMAT("s %s", 12, "\"s %s\", __get_str(s)",
	      FIELD("s", "__data_loc char[]", 4, 8, false))
MARKER_FORMAT("vm_id %u vcpu_id %u exit_reason %u guest_rip 0x%llx", 32,
	      "\"vm_id %u vcpu_id %u exit_reason %u guest_rip 0x%llx\", REC->vm_id, REC->vcpu_id, REC->exit_reason, REC->guest_rip",
	      FIELD("vm_id", "unsigned int", 4, 8, false),
	      FIELD("vcpu_id", "unsigned int", 4, 12, false),
	      FIELD("exit_reason", "unsigned int", 4, 16, false),
	      FIELD("guest_rip", "unsigned long long", 8, 24, false))
MARKER_FORMAT("a %hhu b %llu", 24, "\"a %hhu b %llu\", REC->a, REC->b",
	      FIELD("a", "unsigned char", 1, 8, false),
	      FIELD("b", "unsigned long long", 8, 16, false))
MARKER_FORMAT("a %c b %hd c %d d %lld", 24,
	      "\"a %c b %hd c %d d %lld\", REC->a, REC->b, REC->c, REC->d",
	      FIELD("a", "char", 1, 8, CHAR_SIGNED),
	      FIELD("b", "short", 2, 10, true),
	      FIELD("c", "int", 4, 12, true),
	      FIELD("d", "long long", 8, 16, true))
MARKER_FORMAT("%d %d", 16, "\"%d %d\", REC->arg0, REC->arg1",
	      FIELD("arg0", "int", 4, 8, true),
	      FIELD("arg1", "int", 4, 12, true))
MARKER_FORMAT("%d %s %d", 20,
	      "\"%d %s %d\", REC->arg0, __get_str(arg1), REC->arg2",
	      FIELD("arg0", "int", 4, 8, true),
	      FIELD("arg1", "__data_loc char[]", 4, 12, false),
	      FIELD("arg2", "int", 4, 16, true))
MARKER_FORMAT("x=%d y=%d", 16, "\"x=%d y=%d\", REC->x, REC->y",
	      FIELD("x", "int", 4, 8, true),
	      FIELD("y", "int", 4, 12, true))
MARKER_FORMAT("count: %u", 12, "\"count: %u\", REC->count",
	      FIELD("count", "unsigned int", 4, 8, false))
MARKER_FORMAT("vcpu->id=%d", 12, "\"vcpu->id=%d\", REC->vcpu_id",
	      FIELD("vcpu_id", "int", 4, 8, true))
MARKER_FORMAT("vm.id %d", 12, "\"vm.id %d\", REC->vm_id",
	      FIELD("vm_id", "int", 4, 8, true))
MARKER_FORMAT("a %d a %d a %d", 20,
	      "\"a %d a %d a %d\", REC->a, REC->a_2, REC->a_3",
	      FIELD("a", "int", 4, 8, true),
	      FIELD("a_2", "int", 4, 12, true),
	      FIELD("a_3", "int", 4, 16, true))
MARKER_FORMAT("common_pid %d", 12, "\"common_pid %d\", REC->common_pid_val",
	      FIELD("common_pid_val", "int", 4, 8, true))
MARKER_FORMAT("2nd %d", 12, "\"2nd %d\", REC->arg0",
	      FIELD("arg0", "int", 4, 8, true))
MARKER_FORMAT(MARK_NOARGS, 8, "\" \"")
MARKER_FORMAT("no conversion", 8, "\"no conversion\"")
MARKER_FORMAT("100%% done %d", 12, "\"100%% done %d\", REC->done",
	      FIELD("done", "int", 4, 8, true))
MARKER_FORMAT("%-8s|%5d", 16, "\"%-8s|%5d\", __get_str(arg0), REC->arg1",
	      FIELD("arg0", "__data_loc char[]", 4, 8, false),
	      FIELD("arg1", "int", 4, 12, true))
MARKER_FORMAT("rip 0x%016llx", 16, "\"rip 0x%016llx\", REC->rip",
	      FIELD("rip", "unsigned long long", 8, 8, false))
MARKER_FORMAT("%#x flags", 12, "\"%#x flags\", REC->arg0",
	      FIELD("arg0", "unsigned int", 4, 8, false))
MARKER_FORMAT("v %+05d", 12, "\"v %+05d\", REC->v",
	      FIELD("v", "int", 4, 8, true))
MARKER_FORMAT("name %.10s len %zu", 24,
	      "\"name %.10s len %zu\", __get_str(name), REC->len",
	      FIELD("name", "__data_loc char[]", 4, 8, false),
	      FIELD("len", "size_t", 8, 16, false))
MARKER_FORMAT("str \"%s\"", 12, "\"str \\\"%s\\\"\", __get_str(str)",
	      FIELD("str", "__data_loc char[]", 4, 8, false))
MARKER_FORMAT("tab\t%d\n", 12, "\"tab\\t%d\\n\", REC->tab",
	      FIELD("tab", "int", 4, 8, true))
MARKER_FORMAT("back\\slash %u", 12, "\"back\\\\slash %u\", REC->slash",
	      FIELD("slash", "unsigned int", 4, 8, false))
/* C keywords would not compile as struct members: _val */
MARKER_FORMAT("if %d", 12, "\"if %d\", REC->if_val",
	      FIELD("if_val", "int", 4, 8, true))
MARKER_FORMAT("default %d", 12, "\"default %d\", REC->default_val",
	      FIELD("default_val", "int", 4, 8, true))
MARKER_FORMAT("char %c", 12, "\"char %c\", REC->char_val",
	      FIELD("char_val", "char", 1, 8, CHAR_SIGNED))
MARKER_FORMAT("struct %p", 16, "\"struct %p\", REC->struct_val",
	      FIELD("struct_val", "const void *", 8, 8, false))
MARKER_FORMAT("return %s", 12, "\"return %s\", __get_str(return_val)",
	      FIELD("return_val", "__data_loc char[]", 4, 8, false))
MARKER_FORMAT("_Bool %u typeof %u asm %u", 20,
	      "\"_Bool %u typeof %u asm %u\", REC->_Bool_val, REC->typeof_val, REC->asm_val",
	      FIELD("_Bool_val", "unsigned int", 4, 8, false),
	      FIELD("typeof_val", "unsigned int", 4, 12, false),
	      FIELD("asm_val", "unsigned int", 4, 16, false))
MARKER_FORMAT("int %d int %d", 16,
	      "\"int %d int %d\", REC->int_val, REC->int_val_2",
	      FIELD("int_val", "int", 4, 8, true),
	      FIELD("int_val_2", "int", 4, 12, true))
MARKER_FORMAT("if_val %d if %d", 16,
	      "\"if_val %d if %d\", REC->if_val, REC->if_val_2",
	      FIELD("if_val", "int", 4, 8, true),
	      FIELD("if_val_2", "int", 4, 12, true))
MARKER_FORMAT("ifdef %d p->if %d", 16,
	      "\"ifdef %d p->if %d\", REC->ifdef, REC->p_if",
	      FIELD("ifdef", "int", 4, 8, true),
	      FIELD("p_if", "int", 4, 12, true))
/*
 * Names a tracepoint parameter cannot have: a kernel macro, a name the
 * tracepoint macros use, the implementation's "__" names.
 */
MARKER_FORMAT("current %d", 12, "\"current %d\", REC->current_val",
	      FIELD("current_val", "int", 4, 8, true))
MARKER_FORMAT("data %p", 16, "\"data %p\", REC->data_val",
	      FIELD("data_val", "const void *", 8, 8, false))
MARKER_FORMAT("__x %d _y %d", 16, "\"__x %d _y %d\", REC->__x_val, REC->_y",
	      FIELD("__x_val", "int", 4, 8, true),
	      FIELD("_y", "int", 4, 12, true))
/* subscripts are part of the word */
MARKER_FORMAT("arr[3] %d", 12, "\"arr[3] %d\", REC->arr_3",
	      FIELD("arr_3", "int", 4, 8, true))
MARKER_FORMAT("vcpu->regs[i] %lu", 16,
	      "\"vcpu->regs[i] %lu\", REC->vcpu_regs_i",
	      FIELD("vcpu_regs_i", "unsigned long", 8, 8, false))
/* a word needs no blank before it, but a digit never starts one */
MARKER_FORMAT("len=%u 2x=%u", 16, "\"len=%u 2x=%u\", REC->len, REC->arg1",
	      FIELD("len", "unsigned int", 4, 8, false),
	      FIELD("arg1", "unsigned int", 4, 12, false))
/* %td reads a long: "long", which tools read as the word size */
MARKER_FORMAT("d %tx", 16, "\"d %tx\", REC->d",
	      FIELD("d", "unsigned long", 8, 8, false))
