// SPDX-License-Identifier: GPL-2.0
/*
 * Old-style marker probes on the legacy subsystem.
 *
 * The probes are connected by marker name and format with
 * marker_probe_register(), and read their arguments with va_arg() as the
 * format says, exactly as 2.6.2x tracers did.  The suite is run against
 * legacy_subsys.c as written (trace_mark() sites) and against the copy
 * converted by coccinelle/convert (typed tracepoints, with the generated
 * trace_mark_tp() bridges carrying the markers): it must pass unchanged.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <compat/marker.h>

#include "legacy_subsys.h"

#define REC_FIELDS	6

/* What one probe saw: hit count and the fields of the last hit. */
struct rec {
	unsigned int hits;
	unsigned int nfields;
	unsigned long long val[REC_FIELDS];
	char str[32];
};

static struct rec recs[4];

/* Decode the arguments the way the format describes them. */
static void rec_probe(void *probe_private, void *call_private,
		      const char *fmt, va_list *args)
{
	struct rec *r = probe_private;
	const char *p;
	unsigned int n = 0;

	r->hits++;
	for (p = fmt; *p; p++) {
		unsigned long long v;
		unsigned int longs = 0;
		bool size = false;

		if (*p != '%')
			continue;
		p++;
		if (!*p)
			break;
		if (*p == '%')
			continue;
		while (*p && strchr("-+ #0123456789.", *p))
			p++;
		for (; *p == 'l' || *p == 'h' || *p == 'z'; p++) {
			longs += *p == 'l';
			size |= *p == 'z';
		}
		switch (*p) {
		case 's':
			strscpy(r->str, va_arg(*args, const char *),
				sizeof(r->str));
			v = 0;
			break;
		case 'p':
			v = (unsigned long)va_arg(*args, void *);
			break;
		default:
			if (longs >= 2)
				v = va_arg(*args, unsigned long long);
			else if (longs == 1)
				v = va_arg(*args, unsigned long);
			else if (size)
				v = va_arg(*args, size_t);
			else if (*p == 'd' || *p == 'i')
				v = (long long)va_arg(*args, int);
			else
				v = va_arg(*args, unsigned int);
			break;
		}
		if (n < REC_FIELDS)
			r->val[n++] = v;
	}
	r->nfields = n;
}

static int connect(struct kunit *test, const char *name, const char *fmt,
		   struct rec *r)
{
	memset(r, 0, sizeof(*r));
	return marker_probe_register(name, fmt, rec_probe, r);
}

static void legacy_irq_test(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, connect(test, "legacy_irq_entry",
				      "irq %d ip 0x%lx", &recs[0]), 0);
	legacy_irq(7, 0x1234);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 1U);
	KUNIT_EXPECT_EQ(test, recs[0].nfields, 2U);
	KUNIT_EXPECT_EQ(test, (int)recs[0].val[0], 7);
	KUNIT_EXPECT_EQ(test, recs[0].val[1], 0x1234ULL);
	legacy_irq_nested(-3, 0xfeed);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 2U);
	KUNIT_EXPECT_EQ(test, (int)recs[0].val[0], -3);
	KUNIT_EXPECT_EQ(test, recs[0].val[1], 0xfeedULL);

	KUNIT_EXPECT_EQ(test, marker_probe_unregister("legacy_irq_entry",
						      rec_probe, &recs[0]), 0);
	marker_synchronize_unregister();
	legacy_irq(8, 0);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 2U);
}

static void legacy_kmalloc_test(struct kunit *test)
{
	static int object;

	KUNIT_ASSERT_EQ(test, connect(test, "legacy_kmalloc",
				      "call_site %lu ptr %p bytes_req %zu gfp_flags %u",
				      &recs[0]), 0);
	legacy_account(0xabcUL, &object, 4096, 0x20);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 1U);
	KUNIT_EXPECT_EQ(test, recs[0].nfields, 4U);
	KUNIT_EXPECT_EQ(test, recs[0].val[0], 0xabcULL);
	KUNIT_EXPECT_EQ(test, recs[0].val[1], (unsigned long long)
			(unsigned long)&object);
	KUNIT_EXPECT_EQ(test, recs[0].val[2], 4096ULL);
	KUNIT_EXPECT_EQ(test, recs[0].val[3], 0x20ULL);
}

static void legacy_tick_test(struct kunit *test)
{
	legacy_tick();
	KUNIT_ASSERT_EQ(test, connect(test, "legacy_tick", MARK_NOARGS,
				      &recs[0]), 0);
	legacy_tick();
	legacy_tick();
	legacy_tick();
	KUNIT_EXPECT_EQ(test, recs[0].hits, 3U);
	KUNIT_EXPECT_EQ(test, recs[0].nfields, 0U);
}

static void legacy_submit_test(struct kunit *test)
{
	struct legacy_req req = { .id = 41, .flags = 0 };

	KUNIT_ASSERT_EQ(test, connect(test, "legacy_submit", "id %u flags %lx",
				      &recs[0]), 0);
	legacy_submit(&req);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 0U);
	req.flags = LEGACY_REQ_TRACED | 0x10;
	legacy_submit(&req);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 1U);
	KUNIT_EXPECT_EQ(test, recs[0].val[0], 41ULL);
	KUNIT_EXPECT_EQ(test, recs[0].val[1], 0x11ULL);
}

static void legacy_sum_test(struct kunit *test)
{
	static const int v[] = { 5, -2, 40 };

	KUNIT_ASSERT_EQ(test, connect(test, "legacy_sum_step", "i %d value %d",
				      &recs[0]), 0);
	KUNIT_ASSERT_EQ(test, connect(test, "legacy_sum_done",
				      "n %d total %lld", &recs[1]), 0);
	KUNIT_EXPECT_EQ(test, legacy_sum(v, ARRAY_SIZE(v)), 43LL);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 3U);
	KUNIT_EXPECT_EQ(test, recs[0].val[0], 2ULL);
	KUNIT_EXPECT_EQ(test, recs[0].val[1], 40ULL);
	KUNIT_EXPECT_EQ(test, recs[1].hits, 1U);
	KUNIT_EXPECT_EQ(test, recs[1].val[0], 3ULL);
	KUNIT_EXPECT_EQ(test, recs[1].val[1], 43ULL);
}

/* Arguments are evaluated only while a probe is connected. */
static void legacy_complete_test(struct kunit *test)
{
	struct legacy_req req = { .id = 9, .status = -5, .name = "disk0" };
	unsigned int calls = legacy_name_len_calls();

	legacy_complete(&req);
	KUNIT_EXPECT_EQ(test, legacy_name_len_calls(), calls);

	KUNIT_ASSERT_EQ(test, connect(test, "legacy_complete",
				      "id %u status %d name %s name_len %hu",
				      &recs[0]), 0);
	legacy_complete(&req);
	KUNIT_EXPECT_EQ(test, legacy_name_len_calls(), calls + 1);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 1U);
	KUNIT_EXPECT_EQ(test, recs[0].val[0], 9ULL);
	KUNIT_EXPECT_EQ(test, (int)recs[0].val[1], -1);
	KUNIT_EXPECT_STREQ(test, recs[0].str, "disk0");
	KUNIT_EXPECT_EQ(test, recs[0].val[3], 5ULL);
}

/*
 * A guarded site in a macro body, as the arm of an if with an else: the
 * else stays with the caller's if, and the argument is evaluated only
 * while a probe is connected.
 */
static void legacy_retire_test(struct kunit *test)
{
	struct legacy_req named = { .id = 1, .name = "disk1" };
	struct legacy_req anon = { .id = 2 };
	unsigned int calls = legacy_name_len_calls();
	unsigned int unnamed = legacy_retire(&anon);

	KUNIT_EXPECT_EQ(test, legacy_retire(&named), unnamed);
	KUNIT_EXPECT_EQ(test, legacy_retire(&anon), unnamed + 1);
	KUNIT_EXPECT_EQ(test, legacy_name_len_calls(), calls);

	KUNIT_ASSERT_EQ(test, connect(test, "legacy_retire", "name_len %hu",
				      &recs[0]), 0);
	KUNIT_EXPECT_EQ(test, legacy_retire(&named), unnamed + 1);
	KUNIT_EXPECT_EQ(test, legacy_name_len_calls(), calls + 1);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 1U);
	KUNIT_EXPECT_EQ(test, recs[0].val[0], 5ULL);
	KUNIT_EXPECT_EQ(test, legacy_retire(&anon), unnamed + 2);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 1U);

	KUNIT_EXPECT_EQ(test, marker_probe_unregister("legacy_retire",
						      rec_probe, &recs[0]), 0);
	marker_synchronize_unregister();
}

/* Sites the conversion leaves alone keep working as markers. */
static void legacy_left_alone_test(struct kunit *test)
{
	unsigned int seq = legacy_bump();

	KUNIT_EXPECT_EQ(test, legacy_bump(), seq);
	KUNIT_ASSERT_EQ(test, connect(test, "legacy_pair", "%d %d", &recs[0]),
			0);
	KUNIT_ASSERT_EQ(test, connect(test, "legacy_seq", "seq %u", &recs[1]),
			0);
	legacy_pair(-1, 2);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 1U);
	KUNIT_EXPECT_EQ(test, (int)recs[0].val[0], -1);
	KUNIT_EXPECT_EQ(test, recs[0].val[1], 2ULL);
	KUNIT_EXPECT_EQ(test, legacy_bump(), seq + 1);
	KUNIT_EXPECT_EQ(test, recs[1].val[0], (unsigned long long)seq + 1);
}

/*
 * A probe with another format than the sites': as in 2.6.27 - 2.6.31, the
 * first registration succeeds and fixes the name's format but arms no
 * site, so the probe never reads arguments of the wrong types; a probe
 * with the sites' format is then refused.
 */
static void legacy_bad_format_test(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, connect(test, "legacy_irq_entry", "irq %d",
				      &recs[0]), 0);
	legacy_irq(9, 0x99);
	KUNIT_EXPECT_EQ(test, recs[0].hits, 0U);
	KUNIT_EXPECT_EQ(test, connect(test, "legacy_irq_entry",
				      "irq %d ip 0x%lx", &recs[1]), -EPERM);
}

static void legacy_exit(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(recs); i++)
		marker_probe_unregister_private_data(rec_probe, &recs[i]);
	marker_synchronize_unregister();
}

static struct kunit_case legacy_cases[] = {
	KUNIT_CASE(legacy_irq_test),
	KUNIT_CASE(legacy_kmalloc_test),
	KUNIT_CASE(legacy_tick_test),
	KUNIT_CASE(legacy_submit_test),
	KUNIT_CASE(legacy_sum_test),
	KUNIT_CASE(legacy_complete_test),
	KUNIT_CASE(legacy_retire_test),
	KUNIT_CASE(legacy_left_alone_test),
	KUNIT_CASE(legacy_bad_format_test),
	{}
};

static struct kunit_suite legacy_suite = {
	.name = "marker_cocci_legacy",
	.exit = legacy_exit,
	.test_cases = legacy_cases,
};

kunit_test_suite(legacy_suite);

MODULE_LICENSE("GPL");
