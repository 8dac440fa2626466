// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for how an enabled site hands its arguments to its probes
 * (compat/marker.h: __mark_hit()): as 64-bit slots to marker_hit3(),
 * marker_hit6() or marker_hit12() on x86_64 and arm64, variadic to
 * marker_probe_cb() elsewhere and beyond MARKER_HIT_MAX_ARGS arguments.
 *
 * A probe reads what the format says with va_arg(), so the va_list made
 * over the slots (markers/va_slots.h) must read as a variadic call's
 * does, for every type a conversion passes: this is the self-test of that
 * list on each architecture the suite runs on.  The twelve-argument site
 * goes through marker_hit12() where slots are used, the thirteen-argument
 * site through marker_probe_cb() always: their probes must see the same.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>

#include <compat/marker.h>

#include "marker_kunit.h"

#define MK_SLOTS_12		"marker_kunit_slots_12"
#define MK_SLOTS_13		"marker_kunit_slots_13"
/* One of each type a conversion passes; the 13th repeats the first. */
#define MK_SLOTS_FORMAT_12	"c %c hhd %hhd hu %hu d %d u %u ld %ld lu %lu " \
				"lld %lld zu %zu zd %zd p %p s %s"
#define MK_SLOTS_FORMAT_13	MK_SLOTS_FORMAT_12 " x %x"

struct mk_slots_args {
	char c;
	signed char hhd;
	unsigned short hu;
	int d;
	unsigned int u;
	long ld;
	unsigned long lu;
	long long lld;
	size_t zu;
	ssize_t zd;
	const void *p;
	const char *s;
	unsigned int x;
};

static const struct mk_slots_args mk_slots_want = {
	.c = 'Z', .hhd = -100, .hu = 65000, .d = INT_MIN, .u = UINT_MAX,
	.ld = LONG_MIN, .lu = ULONG_MAX, .lld = -1234567890123456789LL,
	.zu = SIZE_MAX, .zd = -77, .p = (const void *)0xc0ffee,
	.s = "slots", .x = 0x80000001,
};

struct mk_slots_seen {
	unsigned int hits;
	bool thirteen;
	struct mk_slots_args got;
};

/* Read the arguments as a probe that knows the format reads them. */
static void mk_slots_probe(void *probe_private, void *call_private,
			   const char *fmt, va_list *args)
{
	struct mk_slots_seen *seen = probe_private;
	struct mk_slots_args *g = &seen->got;

	seen->hits++;
	g->c = va_arg(*args, int);
	g->hhd = va_arg(*args, int);
	g->hu = va_arg(*args, int);
	g->d = va_arg(*args, int);
	g->u = va_arg(*args, unsigned int);
	g->ld = va_arg(*args, long);
	g->lu = va_arg(*args, unsigned long);
	g->lld = va_arg(*args, long long);
	g->zu = va_arg(*args, size_t);
	g->zd = va_arg(*args, ssize_t);
	g->p = va_arg(*args, const void *);
	g->s = va_arg(*args, const char *);
	if (seen->thirteen)
		g->x = va_arg(*args, unsigned int);
}

static noinline void mk_slots_fire_12(const struct mk_slots_args *a)
{
	trace_mark(marker_kunit_slots_12, MK_SLOTS_FORMAT_12, a->c, a->hhd,
		   a->hu, a->d, a->u, a->ld, a->lu, a->lld, a->zu, a->zd, a->p,
		   a->s);
}

static noinline void mk_slots_fire_13(const struct mk_slots_args *a)
{
	trace_mark(marker_kunit_slots_13, MK_SLOTS_FORMAT_13, a->c, a->hhd,
		   a->hu, a->d, a->u, a->ld, a->lu, a->lld, a->zu, a->zd, a->p,
		   a->s, a->x);
}

static void mk_slots_expect(struct kunit *test, const struct mk_slots_seen *v)
{
	const struct mk_slots_args *w = &mk_slots_want, *g = &v->got;

	KUNIT_EXPECT_EQ(test, v->hits, 1U);
	KUNIT_EXPECT_EQ(test, g->c, w->c);
	KUNIT_EXPECT_EQ(test, g->hhd, w->hhd);
	KUNIT_EXPECT_EQ(test, g->hu, w->hu);
	KUNIT_EXPECT_EQ(test, g->d, w->d);
	KUNIT_EXPECT_EQ(test, g->u, w->u);
	KUNIT_EXPECT_EQ(test, g->ld, w->ld);
	KUNIT_EXPECT_EQ(test, g->lu, w->lu);
	KUNIT_EXPECT_EQ(test, g->lld, w->lld);
	KUNIT_EXPECT_EQ(test, g->zu, w->zu);
	KUNIT_EXPECT_EQ(test, g->zd, w->zd);
	KUNIT_EXPECT_PTR_EQ(test, g->p, w->p);
	KUNIT_EXPECT_PTR_EQ(test, g->s, w->s);
	if (v->thirteen)
		KUNIT_EXPECT_EQ(test, g->x, w->x);
}

/*
 * Every type a conversion passes, negative and at its limits, reads back
 * through the list a slot site makes (twelve arguments) as through a
 * variadic call (thirteen).
 */
static void marker_slots_va_list(struct kunit *test)
{
	struct mk_slots_seen *seen;

	seen = kunit_kcalloc(test, 2, sizeof(*seen), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	seen[1].thirteen = true;
	KUNIT_ASSERT_EQ(test, marker_probe_register(MK_SLOTS_12,
						    MK_SLOTS_FORMAT_12,
						    mk_slots_probe, &seen[0]), 0);
	KUNIT_ASSERT_EQ(test, mk_unregister_at_end(test, MK_SLOTS_12,
						   mk_slots_probe, &seen[0]), 0);
	KUNIT_ASSERT_EQ(test, marker_probe_register(MK_SLOTS_13,
						    MK_SLOTS_FORMAT_13,
						    mk_slots_probe, &seen[1]), 0);
	KUNIT_ASSERT_EQ(test, mk_unregister_at_end(test, MK_SLOTS_13,
						   mk_slots_probe, &seen[1]), 0);

	mk_slots_fire_12(&mk_slots_want);
	mk_slots_fire_13(&mk_slots_want);
	mk_slots_expect(test, &seen[0]);
	mk_slots_expect(test, &seen[1]);
}

/* --- argument types the old variadic call took as they are ------------- */

enum mk_slots_colour { MK_SLOTS_RED = 3, MK_SLOTS_BLUE = -4 };

struct mk_slots_bits {
	unsigned int three:3;
	int neg:4;
};

#define MK_SLOTS_TYPES	"b %d e %d bits %u neg %d arr %s fn %pS user %p"

struct mk_slots_types_seen {
	unsigned int hits;
	int b, e, neg;
	unsigned int three;
	char arr[8];
	const void *fn;
	const void *user;
};

static void mk_slots_types_probe(void *probe_private, void *call_private,
				 const char *fmt, va_list *args)
{
	struct mk_slots_types_seen *seen = probe_private;

	seen->hits++;
	seen->b = va_arg(*args, int);
	seen->e = va_arg(*args, int);
	seen->three = va_arg(*args, unsigned int);
	seen->neg = va_arg(*args, int);
	strscpy(seen->arr, va_arg(*args, const char *), sizeof(seen->arr));
	seen->fn = va_arg(*args, const void *);
	seen->user = va_arg(*args, const void *);
}

/*
 * A bool, an enum, bitfields, a char array for a %s, a function for a
 * %pS and a __user pointer for a %p: each given to the site as it is,
 * as the historic variadic call took them.
 */
static noinline void mk_slots_fire_types(bool b, enum mk_slots_colour e,
					 const struct mk_slots_bits *bits)
{
	char arr[8] = "array";

	trace_mark(marker_kunit_slots_types, MK_SLOTS_TYPES, b, e, bits->three,
		   bits->neg, arr, mk_slots_fire_types,
		   (void __user *)0x1000UL);
}

static void marker_slots_types(struct kunit *test)
{
	const struct mk_slots_bits bits = { .three = 5, .neg = -3 };
	struct mk_slots_types_seen *seen;

	seen = kunit_kzalloc(test, sizeof(*seen), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	KUNIT_ASSERT_EQ(test, marker_probe_register("marker_kunit_slots_types",
						    MK_SLOTS_TYPES,
						    mk_slots_types_probe, seen),
			0);
	KUNIT_ASSERT_EQ(test, mk_unregister_at_end(test,
						   "marker_kunit_slots_types",
						   mk_slots_types_probe, seen),
			0);
	mk_slots_fire_types(true, MK_SLOTS_BLUE, &bits);
	KUNIT_EXPECT_EQ(test, seen->hits, 1U);
	KUNIT_EXPECT_EQ(test, seen->b, 1);
	KUNIT_EXPECT_EQ(test, seen->e, (int)MK_SLOTS_BLUE);
	KUNIT_EXPECT_EQ(test, seen->three, 5U);
	KUNIT_EXPECT_EQ(test, seen->neg, -3);
	KUNIT_EXPECT_STREQ(test, seen->arr, "array");
	KUNIT_EXPECT_PTR_EQ(test, seen->fn, (const void *)mk_slots_fire_types);
	KUNIT_EXPECT_PTR_EQ(test, seen->user, (const void *)0x1000UL);
}

/* --- every arity: the boundaries between the three entries -------------- */

#define MK_ARITY_MAX	13

struct mk_arity_seen {
	unsigned int hits;
	unsigned int nr;
	long got[MK_ARITY_MAX];
};

/* The format is "%ld" per argument: read as many as it has. */
static void mk_arity_probe(void *probe_private, void *call_private,
			   const char *fmt, va_list *args)
{
	struct mk_arity_seen *seen = probe_private;
	unsigned int i;

	seen->hits++;
	seen->nr = 0;
	for (i = 0; fmt[i]; i++)
		if (fmt[i] == '%' && seen->nr < MK_ARITY_MAX)
			seen->got[seen->nr++] = va_arg(*args, long);
}

#define MK_ARITY_SITE(n, format, args...)				\
static noinline void mk_arity_fire_##n(void)				\
{									\
	trace_mark(marker_kunit_arity_##n, format, ## args);		\
}

MK_ARITY_SITE(0, MARK_NOARGS)
MK_ARITY_SITE(1, "%ld", -1L)
/* Arguments that come from a macro are counted once it is expanded. */
#define MK_ARITY_PAIR	-1L, -2L
MK_ARITY_SITE(2, "%ld %ld", MK_ARITY_PAIR)
MK_ARITY_SITE(3, "%ld %ld %ld", -1L, -2L, -3L)
MK_ARITY_SITE(4, "%ld %ld %ld %ld", -1L, -2L, -3L, -4L)
MK_ARITY_SITE(6, "%ld %ld %ld %ld %ld %ld", -1L, -2L, -3L, -4L, -5L, -6L)
MK_ARITY_SITE(7, "%ld %ld %ld %ld %ld %ld %ld", -1L, -2L, -3L, -4L, -5L,
	      -6L, -7L)
MK_ARITY_SITE(12, "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld", -1L,
	      -2L, -3L, -4L, -5L, -6L, -7L, -8L, -9L, -10L, -11L, -12L)
MK_ARITY_SITE(13, "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld",
	      -1L, -2L, -3L, -4L, -5L, -6L, -7L, -8L, -9L, -10L, -11L, -12L,
	      -13L)

struct mk_arity_case {
	const char *name;
	unsigned int nr;
	void (*fire)(void);
};

static const struct mk_arity_case mk_arity_cases[] = {
	{ "marker_kunit_arity_0", 0, mk_arity_fire_0 },
	{ "marker_kunit_arity_1", 1, mk_arity_fire_1 },
	{ "marker_kunit_arity_2", 2, mk_arity_fire_2 },
	{ "marker_kunit_arity_3", 3, mk_arity_fire_3 },
	{ "marker_kunit_arity_4", 4, mk_arity_fire_4 },
	{ "marker_kunit_arity_6", 6, mk_arity_fire_6 },
	{ "marker_kunit_arity_7", 7, mk_arity_fire_7 },
	{ "marker_kunit_arity_12", 12, mk_arity_fire_12 },
	{ "marker_kunit_arity_13", 13, mk_arity_fire_13 },
};

static void mk_arity_case_desc(const struct mk_arity_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u arguments", c->nr);
}

KUNIT_ARRAY_PARAM(mk_arity, mk_arity_cases, mk_arity_case_desc);

/* A site of each arity reaches its probe with each argument in order. */
static void marker_slots_arity(struct kunit *test)
{
	const struct mk_arity_case *c = test->param_value;
	struct mk_arity_seen *seen;
	unsigned int i;

	seen = kunit_kzalloc(test, sizeof(*seen), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	c->fire();	/* not armed: nothing to see */
	KUNIT_ASSERT_EQ(test, marker_probe_register(c->name, NULL,
						    mk_arity_probe, seen), 0);
	KUNIT_ASSERT_EQ(test, mk_unregister_at_end(test, c->name,
						   mk_arity_probe, seen), 0);
	c->fire();
	KUNIT_EXPECT_EQ(test, seen->hits, 1U);
	KUNIT_ASSERT_EQ(test, seen->nr, c->nr);
	for (i = 0; i < c->nr; i++)
		KUNIT_EXPECT_EQ(test, seen->got[i], -1L - (long)i);
}

static struct kunit_case marker_slots_cases[] = {
	KUNIT_CASE(marker_slots_va_list),
	KUNIT_CASE(marker_slots_types),
	KUNIT_CASE_PARAM(marker_slots_arity, mk_arity_gen_params),
	{}
};

static struct kunit_suite marker_slots_suite = {
	.name = "marker_slots",
	.test_cases = marker_slots_cases,
};

kunit_test_suite(marker_slots_suite);
