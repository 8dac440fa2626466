// SPDX-License-Identifier: GPL-2.0
/*
 * A marker event's record: compiling a marker format into its layout,
 * writing a hit into a record by that layout, and printing the record
 * back, kept together so that the three change together.
 *
 * The format is parsed by marker_format_next_spec() (format.c), the
 * parser registration uses too, and each field named by
 * marker_name_field() (format_names.c), the rule the converter shares.
 * A format whose arguments cannot all be recorded faithfully is refused
 * with the parser's reason.  The event prints, and its format file
 * shows, the spellings today's vsnprintf() knows: %Z as %z, %L %q %j as
 * %ll, %pF %pf as %pS %ps.
 */
#include <kunit/visibility.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/trace_events.h>
#include <linux/trace_seq.h>

#include "event_format.h"
#include "format.h"

/* Kind, record size, C type and signedness of a conversion. */
static void marker_type_field(struct marker_event_field *fld,
			      const struct marker_spec *s)
{
	bool sign = s->conv == 'd' || s->conv == 'i';
	const char *l = s->length;

	fld->is_signed = sign;
	switch (s->conv) {
	case 'c':
		fld->kind = MARKER_FIELD_INT;
		fld->size = 1;
		fld->type = "char";
		fld->is_signed = is_signed_type(char);
		return;
	case 's':
		fld->kind = MARKER_FIELD_STR;
		fld->size = sizeof(u32);
		fld->type = "__data_loc char[]";
		return;
	case 'p':
		fld->kind = MARKER_FIELD_PTR;
		fld->size = sizeof(void *);
		/*
		 * As the converter's parameter, which takes a const pointer
		 * without a cast, and as the kernel's own events (kmem's
		 * ptr): tools see a pointer by the '*' either way.
		 */
		fld->type = "const void *";
		return;
	}

	if (!strcmp(l, "hh")) {
		fld->kind = MARKER_FIELD_INT;
		fld->size = 1;
		fld->type = sign ? "signed char" : "unsigned char";
	} else if (!strcmp(l, "h")) {
		fld->kind = MARKER_FIELD_INT;
		fld->size = sizeof(short);
		fld->type = sign ? "short" : "unsigned short";
	} else if (!strcmp(l, "l")) {
		fld->kind = MARKER_FIELD_LONG;
		fld->size = sizeof(long);
		fld->type = sign ? "long" : "unsigned long";
	} else if (!strcmp(l, "ll")) {
		fld->kind = MARKER_FIELD_LLONG;
		fld->size = sizeof(long long);
		fld->type = sign ? "long long" : "unsigned long long";
	} else if (!strcmp(l, "z")) {
		fld->kind = MARKER_FIELD_SIZE;
		fld->size = sizeof(size_t);
		fld->type = sign ? "ssize_t" : "size_t";
	} else {
		fld->kind = MARKER_FIELD_INT;
		fld->size = sizeof(int);
		fld->type = sign ? "int" : "unsigned int";
	}
}

/*
 * Append @len bytes of format text to the print format, escaped as a C
 * string literal.  Other control characters are refused: the format
 * file is read line by line.
 */
static int marker_escape(char *dst, size_t *pos, const char *src, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = src[i];

		if (c == '"' || c == '\\' || c == '\n' || c == '\t') {
			dst[(*pos)++] = '\\';
			dst[(*pos)++] = c == '\n' ? 'n' : c == '\t' ? 't' : c;
			continue;
		}
		if (iscntrl(c))
			return -EINVAL;
		dst[(*pos)++] = c;
	}
	return 0;
}

/*
 * "\"fmt\", REC->a, __get_str(s), ..." as TRACE_EVENT() writes it; the
 * format is the fields' snippets and the tail, so it has the spellings
 * vsnprintf() knows, as printing does.
 */
static int marker_build_print_fmt(struct marker_event_format *f,
				  const char **reason)
{
	size_t size, pos = 0;
	unsigned int i;
	char *p;
	int ret;

	/* Every byte may double when escaped; then the argument list. */
	size = 2 * strlen(f->tail) + 3;
	for (i = 0; i < f->nr_fields; i++)
		size += 2 * strlen(f->fields[i].out) +
			strlen(f->fields[i].name) + sizeof(", __get_str()");
	p = kmalloc(size, GFP_KERNEL);
	if (!p)
		return -ENOMEM;

	p[pos++] = '"';
	for (i = 0, ret = 0; i < f->nr_fields && !ret; i++)
		ret = marker_escape(p, &pos, f->fields[i].out,
				    strlen(f->fields[i].out));
	if (!ret)
		ret = marker_escape(p, &pos, f->tail, strlen(f->tail));
	if (ret) {
		kfree(p);
		*reason = "control character in format";
		return -EINVAL;
	}
	p[pos++] = '"';
	for (i = 0; i < f->nr_fields; i++) {
		const struct marker_event_field *fld = &f->fields[i];

		pos += scnprintf(p + pos, size - pos,
				 fld->kind == MARKER_FIELD_STR ?
				 ", __get_str(%s)" : ", REC->%s", fld->name);
	}
	p[pos] = '\0';
	f->print_fmt = p;
	return 0;
}

/*
 * The snippet printing a field: @len bytes of text before it, then its
 * conversion, spelled as vsnprintf() knows it.  ->spec points at the
 * conversion within it.
 */
static int marker_field_out(struct marker_event_field *fld, const char *text,
			    size_t len, const struct marker_spec *s)
{
	fld->out = kasprintf(GFP_KERNEL, "%.*s%.*s%s%c%s%.*s", (int)len, text,
			     (int)s->pre, s->start, s->plen, s->conv, s->ext,
			     (int)s->nr_mods, s->mods);
	if (!fld->out)
		return -ENOMEM;
	fld->spec = fld->out + len;
	return 0;
}

static unsigned int marker_count_specs(const char *format)
{
	struct marker_spec s;
	unsigned int nr = 0;

	while (marker_format_next_spec(&format, &s))
		nr++;
	return nr;
}

/* Lay the fields out after struct trace_entry, each naturally aligned. */
static int marker_layout(struct marker_event_format *f)
{
	unsigned int i, off = sizeof(struct trace_entry), align = 4, worst;

	for (i = 0; i < f->nr_fields; i++) {
		struct marker_event_field *fld = &f->fields[i];

		off = ALIGN(off, fld->size);
		fld->offset = off;
		off += fld->size;
		align = max_t(unsigned int, align, fld->size);
	}
	f->fixed_size = ALIGN(off, align);
	worst = f->fixed_size + f->nr_strings * MARKER_EVENT_STR_MAX;
	return worst <= MARKER_EVENT_MAX_SIZE ? 0 : -E2BIG;
}

/*
 * Compile the conversions of @format into the fields of @f: type, name
 * and print snippet.  Returns the text after the last conversion, or an
 * ERR_PTR(), with *@reason set if a conversion cannot be recorded.
 */
static const char *marker_compile_fields(struct marker_event_format *f,
					 const char *format,
					 const char **reason)
{
	const char *text = format, *pos = format;
	struct marker_event_field *fld;
	struct marker_spec s;
	unsigned int idx;
	int ret;

	while (marker_format_next_spec(&pos, &s)) {
		if (s.refused) {
			*reason = s.refused;
			return ERR_PTR(-EINVAL);
		}
		if (f->nr_fields == MARKER_EVENT_MAX_FIELDS) {
			*reason = "too many conversions for a trace event";
			return ERR_PTR(-E2BIG);
		}
		idx = f->nr_fields++;
		fld = &f->fields[idx];
		marker_type_field(fld, &s);
		if (fld->kind == MARKER_FIELD_STR)
			f->nr_strings++;
		ret = marker_name_field(f, idx, text, s.start - text);
		if (!ret)
			ret = marker_field_out(fld, text, s.start - text, &s);
		if (ret)
			return ERR_PTR(ret);
		text = pos;
	}
	return text;
}

/**
 * marker_event_format_compile - compile a marker format for its event
 * @format: the format, as the site has it
 * @reason: set to why, when the format cannot be recorded
 *
 * Return: the compiled format, ERR_PTR(-EINVAL) or ERR_PTR(-E2BIG) with
 * *@reason set if the format cannot be represented, ERR_PTR(-ENOMEM).
 */
struct marker_event_format *
marker_event_format_compile(const char *format, const char **reason)
{
	struct marker_event_format *f;
	const char *text;
	int ret;

	*reason = NULL;
	/* The registration check (probes.c): both refuse the same formats. */
	if (marker_format_writes(format)) {
		*reason = "%n writes through its argument";
		return ERR_PTR(-EINVAL);
	}
	f = kzalloc(struct_size(f, fields, marker_count_specs(format)),
		    GFP_KERNEL);
	if (!f)
		return ERR_PTR(-ENOMEM);

	text = marker_compile_fields(f, format, reason);
	ret = PTR_ERR_OR_ZERO(text);
	if (ret)
		goto fail;
	ret = -ENOMEM;
	f->tail = kstrdup(text, GFP_KERNEL);
	if (!f->tail)
		goto fail;
	ret = marker_layout(f);
	if (ret) {
		*reason = "largest record too big for a trace event";
		goto fail;
	}
	ret = marker_build_print_fmt(f, reason);
	if (ret)
		goto fail;
	return f;

fail:
	marker_event_format_free(f);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_IF_KUNIT(marker_event_format_compile);

/**
 * marker_event_format_free - free a compiled format
 * @f: the format, or NULL
 */
void marker_event_format_free(struct marker_event_format *f)
{
	unsigned int i;

	if (!f)
		return;
	for (i = 0; i < f->nr_fields; i++) {
		kfree(f->fields[i].name);
		kfree(f->fields[i].out);
	}
	kfree(f->tail);
	kfree(f->print_fmt);
	kfree(f);
}
EXPORT_SYMBOL_IF_KUNIT(marker_event_format_free);

/* Literal format text, @len bytes of it: "%%" prints one '%'. */
static void marker_print_text(struct trace_seq *seq, const char *text,
			      size_t len)
{
	const char *pct;

	while ((pct = strnstr(text, "%%", len))) {
		trace_seq_putmem(seq, text, pct + 1 - text);
		len -= pct + 2 - text;
		text = pct + 2;
	}
	trace_seq_putmem(seq, text, len);
}

/* A number or pointer field, with its conversion alone. */
static void marker_print_value(struct trace_iterator *iter,
			       const struct marker_event_field *fld,
			       const void *p)
{
	struct trace_seq *seq = &iter->seq;

	switch (fld->kind) {
	case MARKER_FIELD_INT:
		if (fld->size == 1)
			trace_seq_printf(seq, fld->spec, fld->is_signed ?
					 *(s8 *)p : *(u8 *)p);
		else if (fld->size == 2)
			trace_seq_printf(seq, fld->spec, fld->is_signed ?
					 *(s16 *)p : *(u16 *)p);
		else
			trace_seq_printf(seq, fld->spec, *(int *)p);
		break;
	case MARKER_FIELD_LONG:
		trace_seq_printf(seq, fld->spec, *(long *)p);
		break;
	case MARKER_FIELD_LLONG:
		trace_seq_printf(seq, fld->spec, *(long long *)p);
		break;
	case MARKER_FIELD_SIZE:
		trace_seq_printf(seq, fld->spec, *(size_t *)p);
		break;
	case MARKER_FIELD_PTR:
		trace_event_printf(iter, fld->spec, *(void **)p);
		break;
	}
}

/*
 * A string field, with its conversion alone: the data its __data_loc
 * word locates, if that lies in the string part of a record of @limit
 * bytes and ends with its NUL.
 */
static void marker_print_str(struct trace_seq *seq,
			     const struct marker_event_format *f,
			     const struct marker_event_field *fld,
			     const void *rec, unsigned int limit)
{
	u32 loc = *(u32 *)(rec + fld->offset);
	unsigned int off = marker_data_loc_offset(loc);
	unsigned int len = marker_data_loc_len(loc);

	if (!len || off < f->fixed_size || off + len > limit ||
	    ((char *)rec)[off + len - 1]) {
		trace_seq_puts(seq, "<bad string>");
		return;
	}
	trace_seq_printf(seq, fld->spec, (char *)rec + off);
}

/**
 * marker_event_record_print - print a record as the event's trace line
 * @f: the compiled format
 * @iter: the trace core's iterator; the text goes to @iter->seq
 * @rec: the record, struct trace_entry first
 * @size: the record's size as the ring buffer has it, or 0 if unknown
 *
 * Prints the fields as the format says, then a newline.  The format's
 * literal text is copied as it is (only "%%" is collapsed), and each
 * conversion goes to a printf on its own, so no printf ever sees text
 * that could be taken for a conversion (6.1's trace_check_vprintf()
 * takes the "%s" of a literal "%%s" for one).  Pointers go through
 * trace_event_printf(), which honours the hash-ptr trace option; every
 * other field through trace_seq_printf(): its value is in the record,
 * and trace_event_printf() would only add 6.1's check of %s pointers,
 * which a string copied into the record passes anyway.
 *
 * A record shorter than its fixed part prints "<short record>", and a
 * string outside the record "<bad string>".  A @size of 0 is tp_printk:
 * the trace core's output_printk() leaves the iterator's ent_size 0 and
 * prints the record our own fill has just written; then strings are only
 * bounded by the largest record the format can have.
 */
void marker_event_record_print(const struct marker_event_format *f,
			       struct trace_iterator *iter, const void *rec,
			       unsigned int size)
{
	struct trace_seq *seq = &iter->seq;
	unsigned int i, limit;

	if (size && size < f->fixed_size) {
		trace_seq_puts(seq, "<short record>\n");
		return;
	}
	limit = size ?: f->fixed_size + f->nr_strings * MARKER_EVENT_STR_MAX;

	for (i = 0; i < f->nr_fields; i++) {
		const struct marker_event_field *fld = &f->fields[i];

		marker_print_text(seq, fld->out, fld->spec - fld->out);
		if (fld->kind == MARKER_FIELD_STR)
			marker_print_str(seq, f, fld, rec, limit);
		else
			marker_print_value(iter, fld, rec + fld->offset);
	}
	marker_print_text(seq, f->tail, strlen(f->tail));
	trace_seq_putc(seq, '\n');
}
EXPORT_SYMBOL_IF_KUNIT(marker_event_record_print);
