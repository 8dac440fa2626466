// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for marker trace events (markers/event.c, event_format.c).
 *
 * - A table of formats and the fields, record layout and print format
 *   each compiles to (marker_formats.h, which the converter's tests read
 *   too), the formats refused, and %n refused as registration does.
 * - Records written from a hit's arguments, every conversion kind and
 *   size against the rule the va_list serializer followed; records
 *   printed as the trace file shows them, with the record's size known
 *   and unknown (tp_printk).
 * - A round trip through the trace buffer: a site fires with known
 *   values into its enabled event, and the record, as the trace core
 *   hands it to an ftrace export, holds every value where the layout
 *   says, strings cut at their bound and a NULL string as "(null)"; and
 *   so with legacy probes on the same site, which see every argument,
 *   and for a site whose arguments reach the event in a va_list.
 * - Enabling an event arms exactly its marker: counted in the tracepoint
 *   core's probe arrays, for a plain marker and for a trace_mark_tp()
 *   marker, whose one tracepoint gains exactly one callback.
 * - A name declared with no site gets its event, which can be enabled;
 *   the error codes of declare and undeclare (the guest test
 *   events-declared.sh loads the modules).
 * - The trace core's event_mutex, held for the core by its control
 *   event (event_control.c): the function runs once, under it, whether
 *   or not a user has turned the control event on, which is left as the
 *   user had it.
 */
#include <kunit/test.h>
#include <kunit/visibility.h>
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/kallsyms.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/trace.h>
#include <linux/trace_events.h>
#include <linux/trace_seq.h>
#include <linux/vmalloc.h>

#include <compat/marker.h>
#include <compat/marker_debug.h>
#include <compat/module_ns.h>
#include <compat/tracepoint.h>
#include <compat/tracepoint_read.h>
#include <virt/example.h>
#include <virt/tracepoints.h>

#include "../markers/event_format.h"
#include "../markers/event_record.h"
#include "../markers/internal.h"	/* marker_event_declare(), ... */
#include "marker_kunit.h"

COMPAT_MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");

/* --- the format table ---------------------------------------------------- */

struct mk_field_want {
	const char *name;
	const char *type;
	unsigned int size;
	unsigned int offset;
	bool is_signed;
};

#define FORMAT_MAX_FIELDS	5

/* A row of marker_formats.h; fields end at the first without a name. */
struct mk_format_case {
	const char *format;
	struct mk_field_want f[FORMAT_MAX_FIELDS];
	unsigned int fixed_size;
	const char *print_fmt;
};

#define FIELD(name, type, size, offset, is_signed) \
	{ name, type, size, offset, is_signed }
#define MARKER_FORMAT(format, fixed_size, print_fmt, ...) \
	{ format, { __VA_ARGS__ }, fixed_size, print_fmt },

static const struct mk_format_case mk_format_cases[] = {
#include "marker_formats.h"
};

#undef MARKER_FORMAT
#undef FIELD

/*
 * A test name is one KTAP line, and '#' starts a directive there: show
 * control characters and '#' as C escapes.
 */
static void mk_format_desc(const char *format, char *desc)
{
	size_t n = 0;

	desc[n++] = '"';
	for (; *format && n + 6 < KUNIT_PARAM_DESC_SIZE; format++) {
		if (*format == '#' || iscntrl(*format))
			n += sprintf(desc + n, "\\x%02x", *format);
		else
			desc[n++] = *format;
	}
	desc[n++] = '"';
	desc[n] = '\0';
}

static void mk_format_case_desc(const struct mk_format_case *c, char *desc)
{
	mk_format_desc(c->format, desc);
}

KUNIT_ARRAY_PARAM(mk_format, mk_format_cases, mk_format_case_desc);

static void marker_event_format_table(struct kunit *test)
{
	const struct mk_format_case *c = test->param_value;
	struct marker_event_format *f;
	const char *reason;
	unsigned int i, nr;

	for (nr = 0; nr < FORMAT_MAX_FIELDS && c->f[nr].name; nr++)
		;
	f = marker_event_format_compile(c->format, &reason);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "refused: %s", reason);
	KUNIT_EXPECT_EQ(test, f->nr_fields, nr);
	KUNIT_EXPECT_EQ(test, f->fixed_size, c->fixed_size);
	KUNIT_EXPECT_STREQ(test, f->print_fmt, c->print_fmt);
	for (i = 0; i < min(f->nr_fields, nr); i++) {
		const struct marker_event_field *got = &f->fields[i];
		const struct mk_field_want *want = &c->f[i];

		KUNIT_EXPECT_STREQ(test, got->name, want->name);
		KUNIT_EXPECT_STREQ(test, got->type, want->type);
		KUNIT_EXPECT_EQ(test, got->size, want->size);
		KUNIT_EXPECT_EQ(test, got->offset, want->offset);
		KUNIT_EXPECT_EQ(test, !!got->is_signed, want->is_signed);
	}
	marker_event_format_free(f);
}

/* The bytes of a number field, as a number: @size of them at @p. */
static u64 mk_field_bytes(const u8 *p, unsigned int size)
{
	u64 v = 0;

	memcpy((u8 *)&v + (IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) ? 8 - size : 0),
	       p, size);
	return v;
}

/*
 * A record written from slots (as a site passes them, or as the probe
 * reads them from its va_list) puts each value where the table row says,
 * at the size it says: a number cut to its field, a string at its
 * __data_loc, the record exactly as long as its strings make it.  The
 * offsets are the table's, written independently of event_format.c.
 */
static void marker_event_record_table(struct kunit *test)
{
	static const char * const strs[] = { "", "x", "hello", "0123456789" };
	const struct mk_format_case *c = test->param_value;
	u64 slots[FORMAT_MAX_FIELDS] = {};
	struct marker_event_hit hit = { .args = slots };
	struct marker_event_format *f;
	unsigned int i, size, data, len;
	const char *reason;
	u8 *rec;

	f = marker_event_format_compile(c->format, &reason);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "refused: %s", reason);
	for (i = 0; i < FORMAT_MAX_FIELDS && c->f[i].name; i++)
		slots[i] = strcmp(c->f[i].type, "__data_loc char[]") ?
			   0x8877665544332211ULL + i :
			   (unsigned long)strs[i % ARRAY_SIZE(strs)];
	size = marker_event_hit_measure(f, &hit);
	rec = kunit_kzalloc(test, size, GFP_KERNEL);
	if (!rec) {
		marker_event_format_free(f);
		KUNIT_FAIL(test, "out of memory");
		return;
	}
	marker_event_record_write(f, rec, &hit);

	data = c->fixed_size;
	for (i = 0; i < FORMAT_MAX_FIELDS && c->f[i].name; i++) {
		const struct mk_field_want *want = &c->f[i];
		const char *str;
		u64 cut;

		if (strcmp(want->type, "__data_loc char[]")) {
			cut = slots[i] & GENMASK_ULL(want->size * 8 - 1, 0);
			KUNIT_EXPECT_EQ_MSG(test, mk_field_bytes(rec + want->offset,
								 want->size),
					    cut, "field %s", want->name);
			continue;
		}
		str = strs[i % ARRAY_SIZE(strs)];
		len = strlen(str) + 1;
		KUNIT_EXPECT_EQ_MSG(test, *(u32 *)(rec + want->offset),
				    len << 16 | data, "field %s", want->name);
		KUNIT_EXPECT_STREQ(test, (char *)rec + data, str);
		data += len;
	}
	KUNIT_EXPECT_EQ(test, size, data);
	marker_event_format_free(f);
}

struct mk_refused_case {
	const char *format;
	int err;
};

#define MK_32_CONVERSIONS	"%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c" \
				"%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c%c"

static const struct mk_refused_case mk_refused_cases[] = {
	{ "n %n", -EINVAL },
	{ "w %*d", -EINVAL },
	{ "s %.*s", -EINVAL },
	{ "f %f", -EINVAL },
	{ "g %g", -EINVAL },
	{ "mac %pM", -EINVAL },
	{ "ip %pI4", -EINVAL },
	{ "wide %lc", -EINVAL },
	{ "unknown %y", -EINVAL },
	{ "end %", -EINVAL },
	{ "end %ll", -EINVAL },
	{ "bell\a %d", -EINVAL },
	{ "%s %s %s %s %s %s %s %s", -E2BIG },
	/* one conversion more than a hit can hold */
	{ MK_32_CONVERSIONS "%c", -E2BIG },
};

static void mk_refused_case_desc(const struct mk_refused_case *c, char *desc)
{
	mk_format_desc(c->format, desc);
}

KUNIT_ARRAY_PARAM(mk_refused, mk_refused_cases, mk_refused_case_desc);

static void marker_event_format_refused(struct kunit *test)
{
	const struct mk_refused_case *c = test->param_value;
	struct marker_event_format *f;
	const char *reason = NULL;

	f = marker_event_format_compile(c->format, &reason);
	KUNIT_ASSERT_TRUE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, PTR_ERR(f), c->err);
	KUNIT_EXPECT_NOT_NULL(test, reason);
}

/* As many conversions as a hit holds (MARKER_EVENT_MAX_FIELDS) compile. */
static void marker_event_format_most_fields(struct kunit *test)
{
	struct marker_event_format *f;
	const char *reason;

	f = marker_event_format_compile(MK_32_CONVERSIONS, &reason);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "%s", reason);
	KUNIT_EXPECT_EQ(test, f->nr_fields, (unsigned int)MARKER_EVENT_MAX_FIELDS);
	marker_event_format_free(f);
}

/*
 * A %n is refused by registration and by event creation alike, wherever
 * it is and whatever comes before it: a format one of them refuses for
 * its %n, the other refuses for it too, and no other format.
 */
struct mk_writes_case {
	const char *format;
	bool writes;
};

static const struct mk_writes_case mk_writes_cases[] = {
	{ "n %n", true },
	{ "n %hhn", true },
	{ "n %-5ln", true },
	{ "%d %%%n", true },
	{ "w %*d then %n", true },
	{ "ip %pI4 then %n", true },
	{ "%%n is text", false },
	/*
	 * vsnprintf() stops at the second '.' or length letter, but a probe
	 * reading the format its own way may take these for a %n.
	 */
	{ "n %5.3.2n", true },
	{ "n %hln", true },
	{ "n %5*n", true },
	{ "n %zzn", true },
	{ "%qZ%n", true },
	{ "%5.3.2d n", false },
	{ "end %", false },
	{ "v %d", false },
};

static void mk_writes_case_desc(const struct mk_writes_case *c, char *desc)
{
	mk_format_desc(c->format, desc);
}

KUNIT_ARRAY_PARAM(mk_writes, mk_writes_cases, mk_writes_case_desc);

static void mk_writes_probe(void *probe_private, void *call_private,
			    const char *fmt, va_list *args)
{
}

static void marker_event_format_writes(struct kunit *test)
{
	const struct mk_writes_case *c = test->param_value;
	struct marker_event_format *f;
	const char *reason = NULL;
	int ret;

	ret = marker_probe_register("kunit_format_writes", c->format,
				    mk_writes_probe, NULL);
	if (!ret)
		marker_probe_unregister("kunit_format_writes", mk_writes_probe,
					NULL);
	f = marker_event_format_compile(c->format, &reason);
	if (!IS_ERR(f))
		marker_event_format_free(f);

	KUNIT_EXPECT_EQ(test, ret, c->writes ? -EINVAL : 0);
	KUNIT_EXPECT_EQ(test, reason && str_has_prefix(reason, "%n "),
			c->writes);
}

/* Seven strings still fit: the bound is the largest record, not a count. */
static void marker_event_format_seven_strings(struct kunit *test)
{
	struct marker_event_format *f;
	const char *reason;

	f = marker_event_format_compile("%s %s %s %s %s %s %s", &reason);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, f->nr_strings, 7U);
	KUNIT_EXPECT_LE(test, f->fixed_size + 7 * MARKER_EVENT_STR_MAX,
			(unsigned int)MARKER_EVENT_MAX_SIZE);
	marker_event_format_free(f);
}

/* --- sites ---------------------------------------------------------------- */

#define MK_RT_NAME		"marker_kunit_event_rt"
#define MK_RT_FORMAT	"a %d b %u c %hhd d %lld e %lx f %c p %p s %s n %s"
#define MK_ARMED_NAME	"marker_kunit_event_armed"
#define MK_STAR_NAME	"marker_kunit_event_star"

static noinline void mk_fire_rt(int a, unsigned int b, signed char c,
				long long d, unsigned long e, char f,
				const void *p, const char *s, const char *n)
{
	trace_mark(marker_kunit_event_rt, MK_RT_FORMAT, a, b, c, d, e, f, p, s,
		   n);
}

static noinline void mk_fire_armed(int v)
{
	trace_mark(marker_kunit_event_armed, "v %d", v);
}

static noinline void mk_fire_star(int w, int v)
{
	trace_mark(marker_kunit_event_star, "v %*d", w, v);
}

/* --- round trip ----------------------------------------------------------- */

#define MK_RECORD_MAX	1024

/* The record the trace core exported, copied out of its ring buffer. */
static struct {
	spinlock_t lock;	/* the export runs where the site fires */
	u16 type;
	unsigned int nr;
	unsigned int size;
	u8 rec[MK_RECORD_MAX];
} mk_exported = { .lock = __SPIN_LOCK_UNLOCKED(mk_exported.lock) };

static void mk_export_write(struct trace_export *export, const void *entry,
			    unsigned int size)
{
	const struct trace_entry *ent = entry;
	unsigned long flags;

	spin_lock_irqsave(&mk_exported.lock, flags);
	if (ent->type == mk_exported.type) {
		mk_exported.nr++;
		mk_exported.size = size;
		memcpy(mk_exported.rec, entry,
		       min_t(unsigned int, size, MK_RECORD_MAX));
	}
	spin_unlock_irqrestore(&mk_exported.lock, flags);
}

static struct trace_export mk_export = {
	.write = mk_export_write,
	.flags = TRACE_EXPORT_EVENT,
};

static const char *mk_record_str(struct kunit *test, const u8 *rec,
				 unsigned int size, unsigned int off)
{
	u32 loc = *(u32 *)(rec + off);
	unsigned int start = marker_data_loc_offset(loc);
	unsigned int len = marker_data_loc_len(loc);

	KUNIT_ASSERT_GT(test, len, 0U);
	KUNIT_ASSERT_LE(test, start + len, size);
	KUNIT_ASSERT_EQ(test, rec[start + len - 1], 0);
	return (const char *)rec + start;
}

static void mk_put_file(void *file)
{
	trace_put_event_file(file);
}

static void mk_unregister_export(void *export)
{
	unregister_ftrace_export(export);
}

static void mk_disable_rt(void *file)
{
	struct trace_event_file *f = file;

	trace_array_set_clr_event(f->tr, "markers",
				  trace_event_name(f->event_call), false);
}

/* Probes on every site of @name, from the tracepoint core's arrays. */
static void mk_add_probes(struct marker *site, struct module *mod, void *nr)
{
	*(unsigned int *)nr += marker_site_probes(site);
}

static unsigned int mk_name_probes(const char *name)
{
	unsigned int nr = 0;

	mk_walk_sites(name, mk_add_probes, &nr);
	return nr;
}

/*
 * Enable the round trip's event, with an ftrace export to catch its
 * records.  Each step is undone when the test ends, whether it passed or
 * failed, in reverse order: the event is disabled, the export goes, the
 * file is put.  So a failed assertion leaves no export registered and no
 * event enabled for the next case, nor for a module unload.
 */
static struct trace_event_file *mk_round_trip_of(struct kunit *test,
						 const char *name)
{
	struct trace_event_file *file;
	int ret;

	/* Nothing left enabled by an earlier case. */
	KUNIT_ASSERT_EQ(test, mk_name_probes(name), 0U);
	file = trace_get_event_file(NULL, "markers", name);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	KUNIT_ASSERT_EQ(test, mk_at_end(test, mk_put_file, file), 0);
	/* No export is registered yet: nothing else writes these. */
	mk_exported.type = file->event_call->event.type;
	mk_exported.nr = 0;
	mk_exported.size = 0;
	memset(mk_exported.rec, 0, sizeof(mk_exported.rec));
	KUNIT_ASSERT_EQ(test, register_ftrace_export(&mk_export), 0);
	KUNIT_ASSERT_EQ(test, mk_at_end(test, mk_unregister_export, &mk_export),
			0);
	ret = trace_array_set_clr_event(file->tr, "markers", name, true);
	KUNIT_ASSERT_EQ(test, mk_at_end(test, mk_disable_rt, file), 0);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return file;
}

static struct trace_event_file *mk_round_trip_start(struct kunit *test)
{
	return mk_round_trip_of(test, MK_RT_NAME);
}

/*
 * A site fires into its enabled event: the record the trace core exports
 * holds every value where the layout says, a NULL string as "(null)".
 */
static void marker_event_round_trip_values(struct kunit *test)
{
	const u8 *rec = mk_exported.rec;
	unsigned int size;

	mk_round_trip_start(test);
	mk_fire_rt(-42, 0xdeadbeef, -7, -1234567890123LL, 0xfeedfaceUL, 'Q',
		   (void *)0x1234, "short", NULL);
	size = READ_ONCE(mk_exported.size);
	KUNIT_EXPECT_EQ(test, READ_ONCE(mk_exported.nr), 1U);

	/* Layout of MK_RT_FORMAT: see the format table for the rules. */
	KUNIT_ASSERT_GE(test, size, 64U);
	KUNIT_EXPECT_EQ(test, *(s32 *)(rec + 8), -42);
	KUNIT_EXPECT_EQ(test, *(u32 *)(rec + 12), 0xdeadbeefU);
	KUNIT_EXPECT_EQ(test, *(s8 *)(rec + 16), -7);
	KUNIT_EXPECT_EQ(test, *(s64 *)(rec + 24), -1234567890123LL);
	KUNIT_EXPECT_EQ(test, *(unsigned long *)(rec + 32), 0xfeedfaceUL);
	KUNIT_EXPECT_EQ(test, *(char *)(rec + 40), 'Q');
	KUNIT_EXPECT_EQ(test, *(unsigned long *)(rec + 48), 0x1234UL);
	KUNIT_EXPECT_STREQ(test, mk_record_str(test, rec, size, 56), "short");
	KUNIT_EXPECT_STREQ(test, mk_record_str(test, rec, size, 60), "(null)");
	/*
	 * Exact size: the fixed part, then both strings with their NULs.
	 * The ring buffer rounds a record up to 4 bytes, and a large one
	 * by a length word more: the export sees the rounded length.
	 */
	KUNIT_EXPECT_EQ(test, size, ALIGN(64U + 6 + 7, 4));
}

/* A string longer than the bound is cut to it in the record. */
static void marker_event_round_trip_cuts_long_string(struct kunit *test)
{
	const u8 *rec = mk_exported.rec;
	char *long_str, *want_cut;
	unsigned int size;

	long_str = kunit_kzalloc(test, 2 * MARKER_EVENT_STR_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, long_str);
	memset(long_str, 'x', 2 * MARKER_EVENT_STR_MAX - 1);
	want_cut = kunit_kzalloc(test, MARKER_EVENT_STR_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, want_cut);
	memset(want_cut, 'x', MARKER_EVENT_STR_MAX - 1);

	mk_round_trip_start(test);
	mk_fire_rt(1, 2, 3, 4, 5, 'x', NULL, long_str, "");
	KUNIT_EXPECT_EQ(test, READ_ONCE(mk_exported.nr), 1U);
	size = READ_ONCE(mk_exported.size);
	KUNIT_EXPECT_STREQ(test, mk_record_str(test, rec, size, 56), want_cut);
	KUNIT_EXPECT_STREQ(test, mk_record_str(test, rec, size, 60), "");
	KUNIT_EXPECT_GE(test, size, 64U + MARKER_EVENT_STR_MAX + 1);
	KUNIT_EXPECT_LE(test, size,
			ALIGN(64U + MARKER_EVENT_STR_MAX + 1, 4) + 4);
}

/* What a legacy probe on the round trip's site read from its va_list. */
struct mk_rt_seen {
	unsigned int nr;
	int a;
	unsigned int b;
	int c;
	long long d;
	unsigned long e;
	int f;
	const void *p;
	const char *s;
	const char *n;
};

static void mk_rt_probe(void *probe_private, void *call_private,
			const char *fmt, va_list *args)
{
	struct mk_rt_seen *seen = probe_private;

	seen->nr++;
	seen->a = va_arg(*args, int);
	seen->b = va_arg(*args, unsigned int);
	seen->c = va_arg(*args, int);
	seen->d = va_arg(*args, long long);
	seen->e = va_arg(*args, unsigned long);
	seen->f = va_arg(*args, int);
	seen->p = va_arg(*args, const void *);
	seen->s = va_arg(*args, const char *);
	seen->n = va_arg(*args, const char *);
}

static void mk_rt_unregister(void *seen)
{
	WARN_ON(marker_probe_unregister(MK_RT_NAME, mk_rt_probe, seen));
	marker_synchronize_unregister();
}

static void mk_rt_expect_seen(struct kunit *test, const struct mk_rt_seen *v)
{
	KUNIT_EXPECT_EQ(test, v->nr, 1U);
	KUNIT_EXPECT_EQ(test, v->a, -42);
	KUNIT_EXPECT_EQ(test, v->b, 0xdeadbeefU);
	KUNIT_EXPECT_EQ(test, v->c, -7);
	KUNIT_EXPECT_EQ(test, v->d, -1234567890123LL);
	KUNIT_EXPECT_EQ(test, v->e, 0xfeedfaceUL);
	KUNIT_EXPECT_EQ(test, v->f, 'Q');
	KUNIT_EXPECT_PTR_EQ(test, v->p, (const void *)0x1234);
	KUNIT_EXPECT_STREQ(test, v->s, "short");
	KUNIT_EXPECT_NULL(test, v->n);
}

/*
 * Two legacy probes on the site of an enabled event, after the event's
 * in the probe array: each reads every argument from its own va_list,
 * the NULL string as NULL, and the event's record is the same as with
 * the event alone.
 */
static void marker_event_round_trip_with_probes(struct kunit *test)
{
	struct mk_rt_seen *seen;
	const u8 *rec = mk_exported.rec;
	unsigned int i;

	seen = kunit_kcalloc(test, 2, sizeof(*seen), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	mk_round_trip_start(test);
	for (i = 0; i < 2; i++) {
		KUNIT_ASSERT_EQ(test, marker_probe_register(MK_RT_NAME,
							    MK_RT_FORMAT,
							    mk_rt_probe,
							    &seen[i]), 0);
		KUNIT_ASSERT_EQ(test, mk_at_end(test, mk_rt_unregister,
						&seen[i]), 0);
	}
	KUNIT_ASSERT_EQ(test, mk_name_probes(MK_RT_NAME), 3U);

	mk_fire_rt(-42, 0xdeadbeef, -7, -1234567890123LL, 0xfeedfaceUL, 'Q',
		   (void *)0x1234, "short", NULL);
	for (i = 0; i < 2; i++)
		mk_rt_expect_seen(test, &seen[i]);
	KUNIT_EXPECT_EQ(test, READ_ONCE(mk_exported.nr), 1U);
	KUNIT_EXPECT_EQ(test, *(s32 *)(rec + 8), -42);
	KUNIT_EXPECT_EQ(test, *(s64 *)(rec + 24), -1234567890123LL);
	KUNIT_EXPECT_EQ(test, *(unsigned long *)(rec + 48), 0x1234UL);
	KUNIT_EXPECT_STREQ(test,
			   mk_record_str(test, rec, mk_exported.size, 56),
			   "short");
	KUNIT_EXPECT_STREQ(test,
			   mk_record_str(test, rec, mk_exported.size, 60),
			   "(null)");
}

#define MK_VA_NAME	"marker_kunit_event_va"
#define MK_VA_FORMAT	"a %d b %d c %d d %d e %d f %d g %d h %d i %d j %d " \
			"k %d l %d m %s"

/* Thirteen arguments: past the slot entries, through marker_probe_cb(). */
static noinline void mk_fire_va(const char *m)
{
	trace_mark(marker_kunit_event_va, MK_VA_FORMAT, 1, -2, 3, -4, 5, -6, 7,
		   -8, 9, -10, 11, -12, m);
}

/*
 * A site of more arguments than the slot entries take hands them to the
 * event's probe in a va_list: its record is written as a slot site's.
 */
static void marker_event_round_trip_va_list(struct kunit *test)
{
	const u8 *rec = mk_exported.rec;
	unsigned int i, size;

	mk_round_trip_of(test, MK_VA_NAME);
	mk_fire_va("thirteen");
	KUNIT_EXPECT_EQ(test, READ_ONCE(mk_exported.nr), 1U);
	size = READ_ONCE(mk_exported.size);
	KUNIT_ASSERT_GE(test, size, 60U + 9);
	/* twelve ints from offset 8, then the string's __data_loc at 56 */
	for (i = 0; i < 12; i++)
		KUNIT_EXPECT_EQ(test, *(s32 *)(rec + 8 + 4 * i),
				(int)(i % 2 ? -(i + 1) : i + 1));
	KUNIT_EXPECT_STREQ(test, mk_record_str(test, rec, size, 56),
			   "thirteen");
}

/* Once the event is disabled, the site records nothing more. */
static void marker_event_round_trip_disabled(struct kunit *test)
{
	struct trace_event_file *file;
	int ret;

	file = mk_round_trip_start(test);
	mk_fire_rt(1, 2, 3, 4, 5, 'x', NULL, "", "");
	KUNIT_EXPECT_EQ(test, READ_ONCE(mk_exported.nr), 1U);
	ret = trace_array_set_clr_event(file->tr, "markers", MK_RT_NAME, false);
	KUNIT_EXPECT_EQ(test, ret, 0);
	mk_fire_rt(1, 2, 3, 4, 5, 'x', NULL, "", "");
	KUNIT_EXPECT_EQ(test, READ_ONCE(mk_exported.nr), 1U);
}

/* --- printing --------------------------------------------------------------- */

/*
 * A record of @f for the arguments in @args, as the event's probe writes
 * it (the bytes between fields zeroed here), and its size in @size.
 */
static u8 *mk_write_record(struct kunit *test,
			   const struct marker_event_format *f, va_list *args,
			   unsigned int *size)
{
	u64 slots[MARKER_EVENT_MAX_FIELDS];
	struct marker_event_hit hit = { .args = slots };
	u8 *rec;

	marker_event_hit_read(f, args, slots);
	*size = marker_event_hit_measure(f, &hit);
	rec = kunit_kzalloc(test, *size, GFP_KERNEL);
	if (rec)
		marker_event_record_write(f, rec, &hit);
	return rec;
}

/*
 * Compile @format and write a record of it from @args into @rec, of
 * @size bytes; the caller frees the format.  Fails the test, the format
 * freed, if either cannot be done.
 */
static struct marker_event_format *mk_compile_write(struct kunit *test,
						    const char *format,
						    va_list *args, u8 **rec,
						    unsigned int *size)
{
	struct marker_event_format *f;
	const char *reason;

	f = marker_event_format_compile(format, &reason);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "%s: %s", format, reason);
	*rec = mk_write_record(test, f, args, size);
	if (!*rec) {
		marker_event_format_free(f);
		KUNIT_FAIL(test, "out of memory");
		return NULL;
	}
	return f;
}

/*
 * The text marker_event_record_print() gives for @rec of @size bytes.
 * With @tr, as the trace file reads it: the trace core's checks that
 * need an instance run (6.1's trace_check_vprintf() verifies %s, and
 * the hash-ptr option applies).  Without, as tp_printk prints it:
 * output_printk()'s iterator is zeroed but for the record (and @size 0).
 */
static const char *mk_print_text(struct kunit *test,
				 const struct marker_event_format *f,
				 const void *rec, unsigned int size,
				 struct trace_array *tr)
{
	struct trace_iterator *iter;
	unsigned int len;
	char *text;

	iter = kunit_kzalloc(test, sizeof(*iter), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, iter);
	trace_seq_init(&iter->seq);
	iter->tr = tr;
	iter->ent = (struct trace_entry *)rec;
	iter->ent_size = size;
	marker_event_record_print(f, iter, rec, size);
	/* the trace core's format copy, grown on demand when tr is set */
	kfree(iter->fmt);
	KUNIT_EXPECT_FALSE(test, iter->seq.full);
	len = trace_seq_used(&iter->seq);
	text = kunit_kzalloc(test, len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	memcpy(text, iter->seq.buffer, len);
	return text;
}

/*
 * Compile @format, fill a record from the arguments after @want as the
 * event's probe does, and print it: the text must be @want, both as the
 * trace file reads it and as tp_printk prints it (size 0, no instance).
 *
 * The record has the type of the round trip's event: 6.12's
 * trace_event_printf() looks it up (ignore_event()) and prints nothing
 * for an unknown type.  Its file gives the instance.
 */
static void mk_print_check(struct kunit *test, const char *format,
			   const char *want, ...)
{
	struct trace_event_file *file;
	struct marker_event_format *f;
	unsigned int size;
	const char *got;
	va_list args;
	u8 *rec;

	file = trace_get_event_file(NULL, "markers", MK_RT_NAME);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	KUNIT_ASSERT_EQ(test, mk_at_end(test, mk_put_file, file), 0);

	va_start(args, want);
	f = mk_compile_write(test, format, &args, &rec, &size);
	va_end(args);
	if (!f)
		return;
	((struct trace_entry *)rec)->type = file->event_call->event.type;

	got = mk_print_text(test, f, rec, size, file->tr);
	KUNIT_EXPECT_STREQ_MSG(test, got, want, "%s", format);
	got = mk_print_text(test, f, rec, 0, NULL);
	KUNIT_EXPECT_STREQ_MSG(test, got, want, "%s, tp_printk", format);
	KUNIT_EXPECT_NULL(test, strstr(got, "<short record>"));
	marker_event_format_free(f);
}

static void marker_event_print_text(struct kunit *test)
{
	char *want;

	mk_print_check(test, "len %" OLD_Z "u", "len 5\n", (size_t)5);
	mk_print_check(test, "n %jd %qd %" OLD_L "d", "n -1 -2 -3\n", -1LL,
		       -2LL, -3LL);
	mk_print_check(test, "d %td|%-4zu|", "d -6|9   |\n", (ptrdiff_t)-6,
		       (size_t)9);
	mk_print_check(test, "%d%%s", "7%s\n", 7);
	mk_print_check(test, "100%% %s done", "100% x done\n", "x");
	mk_print_check(test, "%%%d%%%%", "%3%%\n", 3);
	mk_print_check(test, "s %s", "s (efault)\n", (char *)ERR_PTR(-EINVAL));
	mk_print_check(test, "s %s", "s (efault)\n", (char *)16);
	mk_print_check(test, "s %s", "s (null)\n", (char *)NULL);
	mk_print_check(test, "a %hhd b %hu c %c s %-3s|",
		       "a -1 b 65535 c Q s ab |\n", -1, 0xffff, 'Q', "ab");

	/* %pS looks the symbol up, as vsnprintf() prints it; so does %pF */
	want = kunit_kzalloc(test, KSYM_SYMBOL_LEN + 8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, want);
	snprintf(want, KSYM_SYMBOL_LEN + 8, "fn %pS\n",
		 marker_event_format_compile);
	KUNIT_EXPECT_NOT_NULL(test, strstr(want, "marker_event_format_compile"));
	mk_print_check(test, "fn %pS", want, marker_event_format_compile);
	mk_print_check(test, "fn %p" OLD_F, want, marker_event_format_compile);
}

/* A record shorter than its fixed part says so, when its size is known. */
static void marker_event_print_short(struct kunit *test)
{
	struct marker_event_format *f;
	const char *reason;
	void *rec;

	f = marker_event_format_compile("a %d b %lld", &reason);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	rec = kunit_kzalloc(test, f->fixed_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_EXPECT_STREQ(test,
			   mk_print_text(test, f, rec, f->fixed_size - 1, NULL),
			   "<short record>\n");
	KUNIT_EXPECT_STREQ(test, mk_print_text(test, f, rec, 0, NULL),
			   "a 0 b 0\n");
	marker_event_format_free(f);
}

/* A record of @f written from the arguments after it, as the probe does. */
static u8 *mk_fill_record(struct kunit *test,
			  const struct marker_event_format *f, ...)
{
	unsigned int size;
	va_list args;
	u8 *rec;

	va_start(args, f);
	rec = mk_write_record(test, f, &args, &size);
	va_end(args);
	return rec;
}

/*
 * A string's __data_loc word is what the trace core reads (__get_str(),
 * filter_pred_strloc()): the offset in the record in the low 16 bits,
 * the length with its NUL in the high 16.  Written out here, not through
 * event_format.h's accessors: the round trip decodes with those, so a
 * word that the fill and the accessors got wrong alike would pass there.
 */
static void marker_event_data_loc(struct kunit *test)
{
	struct marker_event_format *f;
	const char *reason;
	u8 *rec;

	f = marker_event_format_compile("a %s b %d c %s", &reason);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	rec = mk_fill_record(test, f, "xy", 5, "");
	if (!rec) {
		marker_event_format_free(f);
		KUNIT_FAIL(test, "out of memory");
		return;
	}
	/* struct trace_entry, then three 4-byte fields: strings from 20 */
	KUNIT_EXPECT_EQ(test, f->fixed_size, 20U);
	KUNIT_EXPECT_EQ(test, *(u32 *)(rec + 8), 0x00030014U);
	KUNIT_EXPECT_EQ(test, *(s32 *)(rec + 12), 5);
	KUNIT_EXPECT_EQ(test, *(u32 *)(rec + 16), 0x00010017U);
	KUNIT_EXPECT_STREQ(test, (char *)rec + 20, "xy");
	KUNIT_EXPECT_STREQ(test, (char *)rec + 23, "");
	marker_event_format_free(f);
}

/*
 * What a field of a written record must hold: @v cut to the field's size
 * for a number or pointer; for a string, @s as the record takes it.
 */
struct mk_field_value {
	u64 v;
	const char *s;
};

#define MK_NUM(x)	{ .v = (u64)(x) }
#define MK_STR(x)	{ .s = (x) }

/*
 * Write a record of @format from the arguments after @want and check it
 * field by field against @want, by the compiled layout: the argument
 * read with the type its conversion passes (char and short promoted to
 * int), cut to its field; a string at its __data_loc, NUL-terminated, the
 * record's size exact.  The rule the va_list serializer followed, written
 * out independently of event_format.c.
 */
static void mk_record_check(struct kunit *test, const char *format,
			    const struct mk_field_value *want, ...)
{
	unsigned int i, size, data, len;
	struct marker_event_format *f;
	va_list args;
	u8 *rec;

	va_start(args, want);
	f = mk_compile_write(test, format, &args, &rec, &size);
	va_end(args);
	if (!f)
		return;
	data = f->fixed_size;
	for (i = 0; i < f->nr_fields; i++) {
		const struct marker_event_field *fld = &f->fields[i];
		const u8 *p = rec + fld->offset;
		u64 cut;

		if (fld->kind == MARKER_FIELD_STR) {
			len = strnlen(want[i].s, MARKER_EVENT_STR_MAX - 1) + 1;
			KUNIT_EXPECT_EQ_MSG(test, *(u32 *)p, len << 16 | data,
					    "%s: field %u", format, i);
			KUNIT_EXPECT_EQ_MSG(test, memcmp(rec + data, want[i].s,
							 len - 1), 0,
					    "%s: field %u", format, i);
			KUNIT_EXPECT_EQ(test, rec[data + len - 1], 0);
			data += len;
			continue;
		}
		cut = want[i].v & GENMASK_ULL(fld->size * 8 - 1, 0);
		KUNIT_EXPECT_EQ_MSG(test, mk_field_bytes(p, fld->size), cut,
				    "%s: field %u", format, i);
	}
	KUNIT_EXPECT_EQ_MSG(test, size, data, "%s", format);
	marker_event_format_free(f);
}

/*
 * Every conversion kind and size, strings NULL, bad, empty and cut at the
 * bound, strings between numbers, flags and widths that change nothing
 * in the record: each field holds its argument, cut to its size.
 */
static void marker_event_record_values(struct kunit *test)
{
	const char *cut;
	char *long_str;

	mk_record_check(test, "%c %hhd %hhu %hd %hu %d %u %x",
			(const struct mk_field_value[]){
				MK_NUM('Q'), MK_NUM(-1), MK_NUM(0xfe),
				MK_NUM(-2), MK_NUM(0xfffd), MK_NUM(-3),
				MK_NUM(4000000000U), MK_NUM(0x7f) },
			'Q', -1, 0xfe, -2, 0xfffd, -3, 4000000000U, 0x7f);
	mk_record_check(test, "%ld %lu %lld %llu %zd %zu %td %p",
			(const struct mk_field_value[]){
				MK_NUM(-5L), MK_NUM(ULONG_MAX),
				MK_NUM(LLONG_MIN), MK_NUM(ULLONG_MAX),
				MK_NUM(-6L), MK_NUM(7), MK_NUM(-8L),
				MK_NUM(0xabcUL) },
			-5L, ULONG_MAX, LLONG_MIN, ULLONG_MAX, (ssize_t)-6,
			(size_t)7, (ptrdiff_t)-8, (void *)0xabcUL);

	long_str = kunit_kzalloc(test, 2 * MARKER_EVENT_STR_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, long_str);
	memset(long_str, 'y', 2 * MARKER_EVENT_STR_MAX - 1);
	/* the check cuts a want string at the bound as the record does */
	cut = long_str;
	mk_record_check(test, "a %hhd s %s b %lld t %s c %c u %s v %s",
			(const struct mk_field_value[]){
				MK_NUM(-9), MK_STR("xyz"), MK_NUM(-10LL),
				MK_STR("(null)"), MK_NUM('c'),
				MK_STR("(efault)"), MK_STR(cut) },
			-9, "xyz", -10LL, (char *)NULL, 'c',
			(char *)ERR_PTR(-EFAULT), long_str);
	mk_record_check(test, "%-5d|%08llx|%.3s|%5s|%#lx",
			(const struct mk_field_value[]){
				MK_NUM(11), MK_NUM(0x1234ULL), MK_STR("abcdef"),
				MK_STR(""), MK_NUM(0xfUL) },
			11, 0x1234ULL, "abcdef", "", 0xfUL);
}

/*
 * A hit's strings are measured a word at a time: the length is strnlen()'s
 * for every length and alignment around the word size, bounds included.
 */
static void marker_event_strnlen(struct kunit *test)
{
	static const size_t counts[] = { 0, 1, 7, 8, 9, 15, 16, 17,
					 MARKER_EVENT_STR_MAX - 1 };
	unsigned int off, len, i;
	char *buf;

	buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (off = 0; off < 8; off++) {
		for (len = 0; len <= 40; len++) {
			const char *s = buf + off;

			memset(buf, 0, 64);
			memset(buf + off, 'm', len);
			for (i = 0; i < ARRAY_SIZE(counts); i++)
				KUNIT_EXPECT_EQ_MSG(test,
						    marker_strnlen(s, counts[i]),
						    strnlen(s, counts[i]),
						    "offset %u length %u count %zu",
						    off, len, counts[i]);
		}
	}
}

/*
 * A string that ends just before an unmapped page (vmalloc()'s guard
 * page) is measured without a fault: a word read that would cross into
 * the page is one the architecture fixes up (load_unaligned_zeropad()),
 * or is not made.
 */
static void marker_event_strnlen_page_end(struct kunit *test)
{
	unsigned int len;
	char *page;

	/*
	 * UML has CONFIG_DCACHE_WORD_ACCESS but cannot take the fault
	 * load_unaligned_zeropad() expects (the kernel's strscpy() would
	 * hang the same way): the test would hang, not fail.
	 */
	if (IS_ENABLED(CONFIG_UML))
		kunit_skip(test, "UML does not fix up a faulting word read");
	page = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, page);
	memset(page, 'p', PAGE_SIZE);
	for (len = 0; len < 16; len++) {
		char *s = page + PAGE_SIZE - len - 1;

		s[len] = '\0';
		KUNIT_EXPECT_EQ_MSG(test,
				    marker_strnlen(s, MARKER_EVENT_STR_MAX - 1),
				    (size_t)len, "length %u at the page's end",
				    len);
	}
	vfree(page);
}

/* --- arming ----------------------------------------------------------------- */

static void marker_event_arms_one_marker(struct kunit *test)
{
	unsigned int rt = mk_name_probes(MK_RT_NAME);

	mk_fire_armed(0);	/* keep the site */
	KUNIT_ASSERT_EQ(test, mk_name_probes(MK_ARMED_NAME), 0U);
	KUNIT_ASSERT_EQ(test, trace_set_clr_event("markers", MK_ARMED_NAME, 1),
			0);
	KUNIT_EXPECT_EQ(test, mk_name_probes(MK_ARMED_NAME), 1U);
	KUNIT_EXPECT_EQ(test, mk_name_probes(MK_RT_NAME), rt);
	KUNIT_ASSERT_EQ(test, trace_set_clr_event("markers", MK_ARMED_NAME, 0),
			0);
	KUNIT_EXPECT_EQ(test, mk_name_probes(MK_ARMED_NAME), 0U);
}

static void marker_event_arms_one_bridge(struct kunit *test)
{
	struct tracepoint *tps[] = {
		&__tracepoint_virt_vcpu_load, &__tracepoint_virt_vcpu_put,
		&__tracepoint_virt_entry, &__tracepoint_virt_exit,
	};
	unsigned int before[ARRAY_SIZE(tps)], i;

	for (i = 0; i < ARRAY_SIZE(tps); i++)
		before[i] = compat_tp_callbacks(tps[i]);
	KUNIT_ASSERT_EQ(test, before[3], 0U);

	KUNIT_ASSERT_EQ(test, trace_set_clr_event("markers", "virt_exit", 1), 0);
	for (i = 0; i < ARRAY_SIZE(tps); i++)
		KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tps[i]),
				before[i] + (i == 3));
	KUNIT_ASSERT_EQ(test, trace_set_clr_event("markers", "virt_exit", 0), 0);
	for (i = 0; i < ARRAY_SIZE(tps); i++)
		KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tps[i]),
				before[i]);
}

/* --- a refused format --------------------------------------------------- */

static unsigned int mk_star_hits;

static void mk_star_probe(void *probe_private, void *call_private,
			  const char *fmt, va_list *args)
{
	mk_star_hits++;
}

static void marker_event_refused_site(struct kunit *test)
{
	struct trace_event_file *file;

	mk_fire_star(1, 2);	/* keep the site */
	file = trace_get_event_file(NULL, "markers", MK_STAR_NAME);
	KUNIT_EXPECT_TRUE(test, IS_ERR(file));
	if (!IS_ERR(file))
		trace_put_event_file(file);

	/* The marker still works for C probes. */
	mk_star_hits = 0;
	KUNIT_ASSERT_EQ(test, marker_probe_register(MK_STAR_NAME, "v %*d",
						    mk_star_probe, NULL), 0);
	mk_fire_star(4, 2);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MK_STAR_NAME,
						      mk_star_probe, NULL), 0);
	marker_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, mk_star_hits, 1U);
}

#define MK_DECL_NAME	"marker_kunit_event_declared"
#define MK_DECL_FORMAT	"seq %u tag %s"

/*
 * A name no site has, declared: its event exists, printed as the format
 * says, and enabled its probe waits on the name, fixing the format;
 * declaring again, a format the compiler refuses, a name whose event has
 * another format and withdrawing while in use are refused; withdrawn,
 * the event goes.
 */
static void marker_event_declared(struct kunit *test)
{
	struct trace_event_file *file;
	int ret;

	KUNIT_EXPECT_EQ(test, marker_event_declare(MK_DECL_NAME, "v %f"),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, marker_event_declare(MK_RT_NAME, MK_DECL_FORMAT),
			-EPERM);
	KUNIT_EXPECT_EQ(test, marker_event_undeclare(MK_DECL_NAME), -ENOENT);
	KUNIT_ASSERT_EQ(test, marker_event_declare(MK_DECL_NAME,
						   MK_DECL_FORMAT), 0);
	KUNIT_EXPECT_EQ(test, marker_event_declare(MK_DECL_NAME,
						   MK_DECL_FORMAT), -EBUSY);
	KUNIT_EXPECT_EQ(test, marker_event_declare(MK_DECL_NAME, "seq %d"),
			-EPERM);

	file = trace_get_event_file(NULL, "markers", MK_DECL_NAME);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	KUNIT_EXPECT_STREQ(test, file->event_call->print_fmt,
			   "\"seq %u tag %s\", REC->seq, __get_str(tag)");
	/* A reference the trace core handed out keeps it declared. */
	KUNIT_EXPECT_EQ(test, marker_event_undeclare(MK_DECL_NAME), -EBUSY);
	ret = trace_array_set_clr_event(file->tr, "markers", MK_DECL_NAME,
					true);
	KUNIT_EXPECT_EQ(test, ret, 0);
	/* Its probe waits on the name with its format, for the sites. */
	ret = marker_probe_register(MK_DECL_NAME, "seq %d", mk_star_probe,
				    NULL);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	if (!ret)
		marker_probe_unregister(MK_DECL_NAME, mk_star_probe, NULL);
	trace_array_set_clr_event(file->tr, "markers", MK_DECL_NAME, false);
	trace_put_event_file(file);

	KUNIT_EXPECT_EQ(test, marker_event_undeclare(MK_DECL_NAME), 0);
	file = trace_get_event_file(NULL, "markers", MK_DECL_NAME);
	KUNIT_EXPECT_TRUE(test, IS_ERR(file));
	if (!IS_ERR(file))
		trace_put_event_file(file);
	KUNIT_EXPECT_EQ(test, marker_event_undeclare(MK_DECL_NAME), -ENOENT);
}

/* --- event_mutex through the control event ------------------------------- */

struct mk_locked_run {
	unsigned int runs;
	int ret;
};

static int mk_locked_fn(void *arg)
{
	struct mk_locked_run *r = arg;

	marker_events_assert_locked();
	r->runs++;
	return r->ret;
}

static bool mk_control_on(struct kunit *test)
{
	struct trace_event_file *file;
	bool on;

	file = trace_get_event_file(NULL, "marker_compat", "control");
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	on = file->flags & EVENT_FILE_FL_ENABLED;
	trace_put_event_file(file);
	return on;
}

static void marker_event_locked(struct kunit *test)
{
	struct mk_locked_run r = { .ret = -E2BIG };

	KUNIT_ASSERT_FALSE(test, mk_control_on(test));
	KUNIT_EXPECT_EQ(test, marker_events_locked(mk_locked_fn, &r), -E2BIG);
	KUNIT_EXPECT_EQ(test, r.runs, 1);
	KUNIT_EXPECT_FALSE(test, mk_control_on(test));

	/* Turned on by a user: it runs all the same, and stays on. */
	KUNIT_ASSERT_EQ(test, trace_set_clr_event("marker_compat", "control",
						  1), 0);
	r.runs = 0;
	r.ret = 0;
	KUNIT_EXPECT_EQ(test, marker_events_locked(mk_locked_fn, &r), 0);
	KUNIT_EXPECT_EQ(test, r.runs, 1);
	KUNIT_EXPECT_TRUE(test, mk_control_on(test));
	/* A user's own off runs nothing. */
	KUNIT_EXPECT_EQ(test, trace_set_clr_event("marker_compat", "control",
						  0), 0);
	KUNIT_EXPECT_EQ(test, r.runs, 1);
	KUNIT_EXPECT_FALSE(test, mk_control_on(test));
}

static struct kunit_case marker_event_cases[] = {
	KUNIT_CASE_PARAM(marker_event_format_table, mk_format_gen_params),
	KUNIT_CASE_PARAM(marker_event_record_table, mk_format_gen_params),
	KUNIT_CASE_PARAM(marker_event_format_refused, mk_refused_gen_params),
	KUNIT_CASE(marker_event_format_most_fields),
	KUNIT_CASE_PARAM(marker_event_format_writes, mk_writes_gen_params),
	KUNIT_CASE(marker_event_format_seven_strings),
	KUNIT_CASE(marker_event_print_text),
	KUNIT_CASE(marker_event_print_short),
	KUNIT_CASE(marker_event_data_loc),
	KUNIT_CASE(marker_event_record_values),
	KUNIT_CASE(marker_event_strnlen),
	KUNIT_CASE(marker_event_strnlen_page_end),
	KUNIT_CASE(marker_event_round_trip_values),
	KUNIT_CASE(marker_event_round_trip_cuts_long_string),
	KUNIT_CASE(marker_event_round_trip_disabled),
	KUNIT_CASE(marker_event_round_trip_with_probes),
	KUNIT_CASE(marker_event_round_trip_va_list),
	KUNIT_CASE(marker_event_arms_one_marker),
	KUNIT_CASE(marker_event_arms_one_bridge),
	KUNIT_CASE(marker_event_refused_site),
	KUNIT_CASE(marker_event_declared),
	KUNIT_CASE(marker_event_locked),
	{}
};

static struct kunit_suite marker_event_suite = {
	.name = "marker_events",
	.test_cases = marker_event_cases,
};

kunit_test_suites(&marker_event_suite);
