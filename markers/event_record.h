/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing one hit of a marker event into its record, by the layout
 * event_format.c compiled: the arguments as 64-bit slots, passed so by
 * the site or read once from the probe's va_list, the strings measured
 * once, then stored into as many records as the hit has users.
 *
 * Inline: this runs on every hit of an enabled event, between the trace
 * core's reserve and commit, as the code TRACE_EVENT() generates runs in
 * its probe; a call per step costs a recorded event more than the steps.
 */
#ifndef _MARKERS_EVENT_RECORD_H
#define _MARKERS_EVENT_RECORD_H

#include <asm/page.h>
#include <asm/word-at-a-time.h>
#include <linux/err.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#include <linux/trace_events.h>
#include <linux/types.h>

#include "event_format.h"

/*
 * What a %s argument records: vsnprintf()'s check_pointer_msg() stand-ins
 * for NULL and for pointers that cannot be a string (the first page, an
 * ERR_PTR()), else the string.
 */
static inline const char *marker_str_arg(const char *s)
{
	if (!s)
		return "(null)";
	if ((unsigned long)s < PAGE_SIZE || IS_ERR_VALUE(s))
		return "(efault)";
	return s;
}

/*
 * The next argument of @fld, taken from the va_list with the type its
 * conversion passes and widened to 64 bits, as a site's slot holds it
 * (__mark_slot()).
 */
static __always_inline u64
marker_field_arg(const struct marker_event_field *fld, va_list *ap)
{
	switch (fld->kind) {
	case MARKER_FIELD_LONG:
		return va_arg(*ap, long);
	case MARKER_FIELD_LLONG:
		return va_arg(*ap, long long);
	case MARKER_FIELD_SIZE:
		return va_arg(*ap, size_t);
	case MARKER_FIELD_PTR:
		return (unsigned long)va_arg(*ap, void *);
	case MARKER_FIELD_STR:
		return (unsigned long)va_arg(*ap, const char *);
	default:	/* MARKER_FIELD_INT: char and short are promoted */
		return va_arg(*ap, int);
	}
}

/**
 * marker_event_hit_read - read one hit's arguments from a va_list
 * @f: the compiled format
 * @args: the hit's arguments; consumed (a probe gets a list of its own)
 * @slots: set to the arguments, widened to 64 bits, one per conversion
 *
 * One pass over the arguments, with the type each conversion passes, for
 * a probe given a va_list (marker_probe_cb()); a site that passed slots
 * (slots.c) has done this already.
 */
static __always_inline void
marker_event_hit_read(const struct marker_event_format *f, va_list *args,
		      u64 *slots)
{
	unsigned int i;

	for (i = 0; i < f->nr_fields; i++)
		slots[i] = marker_field_arg(&f->fields[i], args);
}

/* The string a %s slot records: see marker_str_arg(). */
static __always_inline const char *marker_slot_str(u64 slot)
{
	return marker_str_arg((const char *)(unsigned long)slot);
}

/*
 * strnlen(), a word at a time where the kernel's strscpy() reads so (and
 * under the same rules: a word past the string's end is read only where
 * that cannot fault, none under KMSAN, which would see the bytes after
 * the NUL compared).  lib/string.c's strnlen() tests two conditions per
 * byte; a hit's strings are measured on every record.
 */
static __always_inline size_t marker_strnlen(const char *s, size_t count)
{
	const struct word_at_a_time constants = WORD_AT_A_TIME_CONSTANTS;
	size_t max = count, res = 0;

#ifndef CONFIG_DCACHE_WORD_ACCESS
#ifdef CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS
	/* An unaligned word may cross into a page that is not mapped. */
	if ((unsigned long)s & (sizeof(long) - 1))
		max = min_t(size_t, max, PAGE_SIZE - offset_in_page(s));
#else
	if ((unsigned long)s & (sizeof(long) - 1))
		max = 0;
#endif
#endif
	if (IS_ENABLED(CONFIG_KMSAN))
		max = 0;

	while (max >= sizeof(unsigned long)) {
		unsigned long c, data;

#ifdef CONFIG_DCACHE_WORD_ACCESS
		c = load_unaligned_zeropad(s + res);
#else
		c = read_word_at_a_time(s + res);
#endif
		if (has_zero(c, &data, &constants)) {
			data = prep_zero_mask(c, data, &constants);
			data = create_zero_mask(data);
			return res + find_zero(data);
		}
		res += sizeof(unsigned long);
		max -= sizeof(unsigned long);
	}
	while (res < count && s[res])
		res++;
	return res;
}

/**
 * marker_event_hit_measure - measure one hit's strings
 * @f: the compiled format
 * @hit: the hit: @hit->args set; its lengths are set here
 *
 * Each string is measured once, at most MARKER_EVENT_STR_MAX - 1 bytes
 * and its NUL, for as many records as the hit has users.
 *
 * Return: the record size, struct trace_entry included.
 */
static __always_inline unsigned int
marker_event_hit_measure(const struct marker_event_format *f,
			 struct marker_event_hit *hit)
{
	unsigned int i, s = 0, size = f->fixed_size;

	if (!f->nr_strings)
		return size;
	for (i = 0; i < f->nr_fields; i++) {
		if (f->fields[i].kind != MARKER_FIELD_STR)
			continue;
		hit->lens[s] = marker_strnlen(marker_slot_str(hit->args[i]),
					      MARKER_EVENT_STR_MAX - 1) + 1;
		size += hit->lens[s++];
	}
	return size;
}

/* A number or pointer, cut to the @size bytes of its field. */
static __always_inline void marker_store(void *p, unsigned int size, u64 v)
{
	switch (size) {
	case 1:
		*(u8 *)p = v;
		break;
	case 2:
		*(u16 *)p = v;
		break;
	case 4:
		*(u32 *)p = v;
		break;
	default:
		*(u64 *)p = v;
	}
}

/**
 * marker_event_record_write - write one hit's fields into its record
 * @f: the compiled format
 * @rec: the record, of the size marker_event_hit_measure() returned,
 *	struct trace_entry first (left to the caller)
 * @hit: the hit, measured
 *
 * Strings are copied at the lengths measured, so a string that changed
 * in between still fits its room, and each ends with a NUL.  The bytes
 * between fields are not written, as TRACE_EVENT() leaves them.
 */
static __always_inline void
marker_event_record_write(const struct marker_event_format *f, void *rec,
			  const struct marker_event_hit *hit)
{
	unsigned int i, s = 0, data = f->fixed_size;

	for (i = 0; i < f->nr_fields; i++) {
		const struct marker_event_field *fld = &f->fields[i];
		void *p = rec + fld->offset;
		unsigned int len;

		if (fld->kind != MARKER_FIELD_STR) {
			marker_store(p, fld->size, hit->args[i]);
			continue;
		}
		len = hit->lens[s++];
		memcpy(rec + data, marker_slot_str(hit->args[i]), len - 1);
		((char *)rec)[data + len - 1] = '\0';
		*(u32 *)p = marker_data_loc(data, len);
		data += len;
	}
}

/* By the core's build: its objects are a module's or the kernel's. */
#ifndef MODULE
void marker_event_scratch_alloc(void);
bool marker_event_filter_rejects(struct trace_event_file *file,
				 unsigned short type,
				 const struct marker_event_format *f,
				 const struct marker_event_hit *hit);
#else
/*
 * A modular core leaves filtering to the trace core, at commit: the
 * common fields need tracing_gen_ctx_irq_test(), which is not exported
 * (event_filter.c).
 */
static inline void marker_event_scratch_alloc(void)
{
}

static inline bool
marker_event_filter_rejects(struct trace_event_file *file, unsigned short type,
			    const struct marker_event_format *f,
			    const struct marker_event_hit *hit)
{
	return false;
}
#endif

/**
 * marker_event_filtered_out - does an instance's filter reject a hit?
 * @file: the instance's event file
 * @type: the event's type
 * @f: the compiled format
 * @hit: the hit, measured
 *
 * Asked before the record is reserved: where the filter alone decides
 * (no conditional trigger), it runs on the record written into a scratch
 * buffer (event_filter.c).
 *
 * Return: true if the hit is to be dropped, unrecorded.
 */
static __always_inline bool
marker_event_filtered_out(struct trace_event_file *file, unsigned short type,
			  const struct marker_event_format *f,
			  const struct marker_event_hit *hit)
{
	unsigned long flags = READ_ONCE(file->flags);

	if ((flags & (EVENT_FILE_FL_FILTERED | EVENT_FILE_FL_TRIGGER_COND)) !=
	    EVENT_FILE_FL_FILTERED)
		return false;
	return marker_event_filter_rejects(file, type, f, hit);
}

#endif /* _MARKERS_EVENT_RECORD_H */
