// SPDX-License-Identifier: GPL-2.0
/*
 * Naming the fields of a marker event: one rule with the converter.
 *
 * coccinelle/lib/markerfmt.py turns a marker site into a tracepoint whose
 * parameters are named from the format; the marker's event names its
 * fields from the same format here.  A converted tracepoint and the event
 * of the marker it replaces must have the same names, so both follow this
 * rule, and kunit/marker_formats.h, a table both test suites read, holds
 * them to it:
 *
 * - A conversion is named after the last word of the text before it,
 *   provided only blanks, punctuation and an "0x" prefix follow that
 *   word.  A word is an identifier with its members and subscripts
 *   ("vcpu->regs[2]"); its identifiers joined by '_' give the name
 *   ("vcpu_regs_2").  A digit never starts a word ("2nd" is none).
 * - A conversion with no such word is argN, N its position.
 * - A name that could not be a tracepoint parameter or a field of a C
 *   struct gets "_val": a C keyword (tools such as bpftrace compile the
 *   event's format file into a struct), a kernel macro or a name the
 *   tracepoint macros use themselves ("current", "data", ...), a name
 *   starting "__" (the implementation's; the tracepoint macros' own
 *   parameter is __data), and a name starting "common_" (the trace
 *   core's fields of every event: common_pid, ...).
 * - A repeated name gets _2, _3, ...
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "event_format.h"

static bool marker_is_ident(char c)
{
	return isascii(c) && (isalnum(c) || c == '_');
}

/* Bytes of the identifier starting at @p, before @end; 0 if none does. */
static size_t marker_ident(const char *p, const char *end)
{
	const char *q = p;

	if (q == end || isdigit(*q) || !marker_is_ident(*q))
		return 0;
	while (q < end && marker_is_ident(*q))
		q++;
	return q - p;
}

/* Bytes of the member (".x", "->x") or subscript ("[2]") at @p, or 0. */
static size_t marker_member(const char *p, const char *end)
{
	size_t n = 0, id;

	if (end - p >= 2 && p[0] == '-' && p[1] == '>')
		n = 2;
	else if (p < end && *p == '.')
		n = 1;
	if (n) {
		id = marker_ident(p + n, end);
		return id ? n + id : 0;
	}
	if (p == end || *p != '[')
		return 0;
	for (n = 1; p + n < end && marker_is_ident(p[n]); n++)
		;
	return p + n < end && p[n] == ']' ? n + 1 : 0;
}

/*
 * The last word of @len bytes of @text, with nothing but blanks,
 * punctuation and an "0x" after it: sets *@word and returns its length,
 * or returns 0.  Words are found from the left, each after the last, as
 * the converter's regular expression finds them.
 */
static size_t marker_last_word(const char *text, size_t len,
			       const char **word)
{
	const char *end = text + len, *p, *tail = NULL;
	size_t n, m;

	for (p = text; p < end; p++) {
		if (p > text && marker_is_ident(p[-1]))
			continue;
		n = marker_ident(p, end);
		if (!n)
			continue;
		do {
			m = marker_member(p + n, end);
			n += m;
		} while (m);
		*word = p;
		tail = p + n;
		p = tail - 1;
	}
	if (!tail)
		return 0;
	while (end > tail && isspace(end[-1]))
		end--;
	if (end - tail >= 2 && end[-2] == '0' && tolower(end[-1]) == 'x')
		end -= 2;
	for (p = tail; p < end; p++)
		if (marker_is_ident(*p))
			return 0;
	return tail - *word;
}

/*
 * Names a C compiler refuses as an identifier: the C11 and C23 keywords,
 * GCC's own, and NULL.  The converter's C_KEYWORDS
 * (coccinelle/lib/markerfmt.py) is this list; its tests compare the two.
 */
static const char * const marker_c_keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do",
	"double", "else", "enum", "extern", "float", "for", "goto", "if",
	"inline", "int", "long", "register", "restrict", "return", "short",
	"signed", "sizeof", "static", "struct", "switch", "typedef", "union",
	"unsigned", "void", "volatile", "while",
	"_Alignas", "_Alignof", "_Atomic", "_BitInt", "_Bool", "_Complex",
	"_Decimal32", "_Decimal64", "_Decimal128", "_Generic", "_Imaginary",
	"_Noreturn", "_Static_assert", "_Thread_local",
	"alignas", "alignof", "bool", "constexpr", "false", "nullptr",
	"static_assert", "thread_local", "true", "typeof", "typeof_unqual",
	"asm", "__asm", "__asm__", "__attribute", "__attribute__",
	"__alignof", "__alignof__", "__auto_type", "__builtin_va_arg",
	"__complex__", "__const", "__const__", "__extension__", "__imag__",
	"__inline", "__inline__", "__int128", "__label__", "__real__",
	"__restrict", "__restrict__", "__signed", "__signed__", "__thread",
	"__typeof", "__typeof__", "__volatile", "__volatile__",
	"NULL",
};

/*
 * Lower-case names the kernel defines as macros, or that the tracepoint
 * macros use themselves: a tracepoint parameter of that name would not
 * compile ("current") or would shadow one.  The converter's
 * RESERVED_NAMES is this list; its tests compare the two.
 */
static const char * const marker_reserved_names[] = {
	"current", "jiffies", "min", "max", "barrier", "likely", "unlikely",
	"in_interrupt", "in_irq", "smp_processor_id", "raw_smp_processor_id",
	"printk", "errno", "data", "it_func_ptr", "it_func", "probe", "proto",
	"args", "cond", "trace", "tp",
};

/* Does @name take the _val suffix?  (The rule is at the top.) */
static bool marker_name_reserved(const char *name)
{
	return str_has_prefix(name, "__") || str_has_prefix(name, "common_") ||
	       match_string(marker_c_keywords, ARRAY_SIZE(marker_c_keywords),
			    name) >= 0 ||
	       match_string(marker_reserved_names,
			    ARRAY_SIZE(marker_reserved_names), name) >= 0;
}

/* @len bytes of a word as a name, at most @size bytes with its NUL. */
static void marker_word_name(const char *word, size_t len, char *buf,
			     size_t size)
{
	size_t i, n = 0;
	bool sep = false;

	for (i = 0; i < len && n + 2 < size; i++) {
		if (!marker_is_ident(word[i])) {
			sep = true;
			continue;
		}
		if (sep && n)
			buf[n++] = '_';
		sep = false;
		buf[n++] = word[i];
	}
	buf[n] = '\0';
}

static bool marker_name_taken(const struct marker_event_format *f,
			      unsigned int nr, const char *name)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(f->fields[i].name, name))
			return true;
	return false;
}

/**
 * marker_name_field - name a field of a compiled format
 * @f: the format being compiled; fields before @idx are named
 * @idx: the field to name
 * @text: the format text before the field's conversion
 * @len: bytes of @text
 *
 * Return: 0, with the name in @f->fields[@idx].name, or -ENOMEM.
 */
int marker_name_field(struct marker_event_format *f, unsigned int idx,
		      const char *text, size_t len)
{
	const char *start;
	char word[64];
	size_t n;
	char *name;
	unsigned int k;

	n = marker_last_word(text, len, &start);
	if (!n)
		snprintf(word, sizeof(word), "arg%u", idx);
	else
		marker_word_name(start, n, word, sizeof(word));
	if (n && marker_name_reserved(word))
		strlcat(word, "_val", sizeof(word));

	name = kstrdup(word, GFP_KERNEL);
	for (k = 2; name && marker_name_taken(f, idx, name); k++) {
		kfree(name);
		name = kasprintf(GFP_KERNEL, "%s_%u", word, k);
	}
	if (!name)
		return -ENOMEM;
	f->fields[idx].name = name;
	return 0;
}
