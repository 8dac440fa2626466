/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A marker format compiled into the record layout of a trace event.
 *
 * The format of a marker is parsed once, when its event is created, into
 * one field per conversion: the record offset and size, how the argument
 * is read from the va_list, the C type and name shown in the event's
 * format file, and the printf snippet that prints it.  Recording a hit
 * then walks this table; nothing parses the format again.
 *
 * The layout, the writing of a record and its printing are kept together
 * (marker_event_record_*()), so that they change together; event.c only
 * hands records between them and the trace core.
 */
#ifndef _MARKERS_EVENT_FORMAT_H
#define _MARKERS_EVENT_FORMAT_H

#include <linux/build_bug.h>
#include <linux/stdarg.h>
#include <linux/types.h>

struct trace_iterator;

/*
 * A %s argument is recorded as a dynamic string (__data_loc char[]) of at
 * most MARKER_EVENT_STR_MAX bytes, its terminating NUL included; longer
 * strings are cut.  A format whose largest record (every string at the
 * bound) would exceed MARKER_EVENT_MAX_SIZE gets no event.
 */
#define MARKER_EVENT_STR_MAX		256
#define MARKER_EVENT_MAX_SIZE		2048
#define MARKER_EVENT_MAX_STRINGS	(MARKER_EVENT_MAX_SIZE / MARKER_EVENT_STR_MAX)
/*
 * A hit's arguments read from a va_list are held on the probe's stack
 * while its record is written: a format with more conversions gets no
 * event.  Historic formats have a dozen at most.
 */
#define MARKER_EVENT_MAX_FIELDS		32
/* A string's offset and length must fit the halves of its __data_loc. */
static_assert(MARKER_EVENT_MAX_SIZE <= 0xffff);

/**
 * marker_data_loc - the __data_loc word of a string in a record
 * @offset: where the string starts, from the start of the record
 * @len: its length, NUL included
 *
 * The word the trace core reads for a __data_loc field: the offset in the
 * low 16 bits, the length in the high 16, as TRACE_EVENT() writes it
 * (include/trace/stages/stage5_get_offsets.h) and __get_str() and the
 * filters read it.
 *
 * Return: the word.
 */
static inline u32 marker_data_loc(unsigned int offset, unsigned int len)
{
	return (u32)len << 16 | offset;
}

/**
 * marker_data_loc_offset - where a __data_loc word says its data starts
 * @loc: the word, as marker_data_loc() makes it
 *
 * Return: the offset from the start of the record.
 */
static inline unsigned int marker_data_loc_offset(u32 loc)
{
	return loc & 0xffff;
}

/**
 * marker_data_loc_len - how long a __data_loc word says its data is
 * @loc: the word, as marker_data_loc() makes it
 *
 * Return: the length in bytes, a string's NUL included.
 */
static inline unsigned int marker_data_loc_len(u32 loc)
{
	return loc >> 16;
}

/* How an argument is taken from the va_list. */
enum marker_field_kind {
	MARKER_FIELD_INT,	/* int (char and short are promoted to it) */
	MARKER_FIELD_LONG,	/* long */
	MARKER_FIELD_LLONG,	/* long long */
	MARKER_FIELD_SIZE,	/* size_t */
	MARKER_FIELD_PTR,	/* void *, recorded as its value */
	MARKER_FIELD_STR,	/* const char *, copied into the record */
};

/**
 * struct marker_event_field - one conversion of a marker format
 * @name: field name in the event's format file and in filters
 * @type: C type in the format file
 * @out: printf format printing the field: the text before the
 *	conversion, then the conversion spelled as vsnprintf() knows it
 *	(%Zu as %zu, %jd %qd %Ld as %lld, %pF %pf as %pS %ps)
 * @spec: the conversion alone, within @out
 * @kind: how the argument is read (enum marker_field_kind)
 * @size: bytes the field takes in the record (4 for a string's
 *	__data_loc word)
 * @is_signed: whether the stored value is signed
 * @offset: offset in the record, struct trace_entry included
 */
struct marker_event_field {
	char *name;
	const char *type;
	char *out;
	const char *spec;
	u8 kind;
	u8 size;
	u8 is_signed;
	u16 offset;
};

/**
 * struct marker_event_format - a compiled marker format
 * @nr_fields: number of conversions
 * @nr_strings: how many of them are strings
 * @fixed_size: record size without the string data
 * @tail: printf text after the last conversion ("%%" for a '%')
 * @print_fmt: the event's print format, as the format file shows it
 * @fields: the conversions, in format order
 */
struct marker_event_format {
	unsigned int nr_fields;
	unsigned int nr_strings;
	unsigned int fixed_size;
	char *tail;
	char *print_fmt;
	struct marker_event_field fields[];
};

int marker_name_field(struct marker_event_format *f, unsigned int idx,
		      const char *text, size_t len);

struct marker_event_format *
marker_event_format_compile(const char *format, const char **reason);
void marker_event_format_free(struct marker_event_format *f);

/**
 * struct marker_event_hit - one hit of a marker event
 * @args: each conversion's argument, widened to 64 bits (a string as its
 *	pointer, NULL included)
 * @lens: each string's length as recorded, NUL included, in format order
 *
 * Measured and written by event_record.h.
 */
struct marker_event_hit {
	const u64 *args;
	u16 lens[MARKER_EVENT_MAX_STRINGS];
};

void marker_event_record_print(const struct marker_event_format *f,
			       struct trace_iterator *iter, const void *rec,
			       unsigned int size);

#endif /* _MARKERS_EVENT_FORMAT_H */
