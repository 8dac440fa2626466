// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the marker core.
 *
 * The sites are in marker_sites_a.c and marker_sites_b.c; the tests
 * connect recording probes to them by name and check what the probes
 * saw, what the sites' argument expressions did, and what the kernel's
 * tracepoint core holds for each site (probe array and static key).
 *
 * Every registration a test makes is also a test-managed resource that
 * unregisters it, so a failed assertion leaves no probe behind for the
 * next case.  Resources are released in reverse order, and the data a
 * probe writes to is allocated before the probe is registered, so it
 * outlives the registration.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/context_tracking.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/jump_label.h>
#include <linux/kthread.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <compat/marker.h>
#include <compat/marker_debug.h>

#include "../markers/internal.h"	/* MARKER_SITE_RCU_WARNED */
#include "marker_kunit.h"
#include "marker_kunit_sites.h"

/* Marker names that no site carries. */
#define MK_NO_SITE		"marker_kunit_no_site"
#define MK_NO_SITE_2		"marker_kunit_no_site_2"

#define MK_LOG_SIZE		16
#define MK_NR_PRIV		4

/* What one probe call saw. */
struct mk_hit {
	int probe;		/* 1 for mk_probe_1(), 2 for mk_probe_2() */
	int id;			/* id of the probe's private data */
	void *call_private;
	const char *fmt;
	int v;
	const char *s;
	unsigned long long ll;
	const void *p;
	bool preemptible;
	unsigned int preempt_count;
};

struct mk_log {
	unsigned int n;		/* calls, even beyond MK_LOG_SIZE */
	struct mk_hit hits[MK_LOG_SIZE];
};

/* Private data of the recording probes: where to log, and who we are. */
struct mk_priv {
	struct mk_log *log;
	int id;
};

struct mk_ctx {
	struct mk_log log;
	struct mk_priv priv[MK_NR_PRIV];
};

/* Decode the arguments of every format the suite's sites use. */
static void mk_record(int probe, void *probe_private, void *call_private,
		      const char *fmt, va_list *args)
{
	struct mk_priv *priv = probe_private;
	struct mk_log *log = priv->log;
	unsigned int i = log->n++;
	struct mk_hit *hit;

	if (i >= MK_LOG_SIZE)
		return;
	hit = &log->hits[i];
	hit->probe = probe;
	hit->id = priv->id;
	hit->call_private = call_private;
	hit->fmt = fmt;
	hit->preemptible = preemptible();
	hit->preempt_count = preempt_count();
	if (!fmt)
		return;
	if (!strcmp(fmt, MARKER_KUNIT_FMT_INT)) {
		hit->v = va_arg(*args, int);
	} else if (!strcmp(fmt, MARKER_KUNIT_FMT_STR)) {
		hit->s = va_arg(*args, const char *);
	} else if (!strcmp(fmt, MARKER_KUNIT_FMT_MIXED)) {
		hit->v = va_arg(*args, int);
		hit->s = va_arg(*args, const char *);
		hit->ll = va_arg(*args, unsigned long long);
		hit->p = va_arg(*args, const void *);
	}
}

static void mk_probe_1(void *probe_private, void *call_private,
		       const char *fmt, va_list *args)
{
	mk_record(1, probe_private, call_private, fmt, args);
}

static void mk_probe_2(void *probe_private, void *call_private,
		       const char *fmt, va_list *args)
{
	mk_record(2, probe_private, call_private, fmt, args);
}

static int mk_init(struct kunit *test)
{
	struct mk_ctx *ctx;
	int i;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	for (i = 0; i < MK_NR_PRIV; i++) {
		ctx->priv[i].log = &ctx->log;
		ctx->priv[i].id = i;
	}
	test->priv = ctx;
	return 0;
}

/*
 * marker_probe_register(), undone at the end of the test if it succeeded.
 * @name must outlive the test.
 */
static int mk_register(struct kunit *test, const char *name,
		       const char *format, marker_probe_func *probe,
		       void *priv)
{
	return marker_probe_register(name, format, probe, priv) ?:
	       mk_unregister_at_end(test, name, probe, priv);
}

/* marker_tap_register(), undone at the end of the test like mk_register(). */
static int mk_register_tap(struct kunit *test, const char *name,
			   marker_probe_func *probe, void *priv)
{
	return marker_tap_register(name, probe, priv) ?:
	       mk_unregister_at_end(test, name, probe, priv);
}

static bool mk_site_enabled(struct marker *site)
{
	return static_key_enabled(&site->tp.key);
}

/*
 * Check the kernel's view of every site named @name: @nr_sites of them,
 * each with @probes entries in its tracepoint probe array and its static
 * key on exactly when it has probes.
 */
static void mk_expect_sites(struct kunit *test, const char *name,
			    unsigned int nr_sites, unsigned int probes)
{
	struct mk_sites s;
	unsigned int i;

	mk_find_sites(name, &s);
	KUNIT_EXPECT_EQ_MSG(test, s.nr, nr_sites, "sites of %s", name);
	for (i = 0; i < min_t(unsigned int, s.nr, MK_MAX_SITES); i++) {
		KUNIT_EXPECT_EQ_MSG(test, marker_site_probes(s.site[i]), probes,
				    "probes on site %u of %s", i, name);
		KUNIT_EXPECT_EQ_MSG(test, mk_site_enabled(s.site[i]),
				    probes > 0, "key of site %u of %s", i,
				    name);
	}
}

/* How many times @probe is registered on @name, whatever its data. */
static int mk_count(const char *name, marker_probe_func *probe)
{
	int n = 0;

	while (n < 64 && !IS_ERR(marker_get_private_data(name, probe, n)))
		n++;
	return n;
}

static void mk_expect_hit(struct kunit *test, struct mk_log *log,
			  unsigned int i, int probe, int id, int v)
{
	struct mk_hit *hit;

	KUNIT_ASSERT_LT(test, i, (unsigned int)MK_LOG_SIZE);
	hit = &log->hits[i];
	KUNIT_EXPECT_EQ_MSG(test, hit->probe, probe, "hit %u", i);
	KUNIT_EXPECT_EQ_MSG(test, hit->id, id, "hit %u", i);
	KUNIT_EXPECT_EQ_MSG(test, hit->v, v, "hit %u", i);
}

/*
 * The walk finds the sites of one name in both compilation units, each
 * once, built-in (or in this module), with the format of its site.
 */
static void marker_core_iter_same_name_two_units(struct kunit *test)
{
	struct mk_sites s;
	unsigned int i;

	mk_find_sites(MARKER_KUNIT_SHARED, &s);
	KUNIT_ASSERT_EQ(test, s.nr, 2U);
	KUNIT_EXPECT_PTR_NE(test, s.site[0], s.site[1]);
	for (i = 0; i < 2; i++) {
		KUNIT_EXPECT_PTR_EQ(test, s.mod[i], THIS_MODULE);
		KUNIT_EXPECT_STREQ(test, s.site[i]->format,
				   MARKER_KUNIT_FMT_INT);
	}
}

/* Each site carries its own format: two for one name, or MARK_NOARGS. */
static void marker_core_iter_site_formats(struct kunit *test)
{
	struct mk_sites s;

	mk_find_sites(MARKER_KUNIT_MISMATCH, &s);
	KUNIT_ASSERT_EQ(test, s.nr, 2U);
	KUNIT_EXPECT_STRNEQ(test, s.site[0]->format, s.site[1]->format);

	mk_find_sites(MARKER_KUNIT_NOARGS, &s);
	KUNIT_ASSERT_EQ(test, s.nr, 1U);
	KUNIT_EXPECT_STREQ(test, s.site[0]->format, MARK_NOARGS);
}

/* A name with one site is found once; a name with none, never. */
static void marker_core_iter_one_site_per_name(struct kunit *test)
{
	struct mk_sites s;

	mk_find_sites(MARKER_KUNIT_SIDE_EFFECT, &s);
	KUNIT_EXPECT_EQ(test, s.nr, 1U);
	mk_find_sites(MARKER_KUNIT_GENERIC, &s);
	KUNIT_EXPECT_EQ(test, s.nr, 1U);
	mk_find_sites(MARKER_KUNIT_CALL_PRIVATE, &s);
	KUNIT_EXPECT_EQ(test, s.nr, 1U);
	mk_find_sites(MARKER_KUNIT_CALL_PRIVATE_GEN, &s);
	KUNIT_EXPECT_EQ(test, s.nr, 1U);
	mk_find_sites(MK_NO_SITE, &s);
	KUNIT_EXPECT_EQ(test, s.nr, 0U);
}

/* Steps of one full walk, up to MK_MAX_WALK. */
static unsigned int mk_walk_length(void)
{
	struct marker_iter iter;
	unsigned int n = 0;

	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	for (; iter.marker && n < MK_MAX_WALK; marker_iter_next(&iter))
		n++;
	marker_iter_stop(&iter);
	return n;
}

/*
 * The walk ends, with a NULL marker, after every site of the suite (nine
 * at least), each with a name and a format.
 */
static void marker_core_iter_walk_ends(struct kunit *test)
{
	struct marker_iter iter;
	unsigned int n, i = 0;

	n = mk_walk_length();
	KUNIT_ASSERT_LT(test, n, (unsigned int)MK_MAX_WALK);
	KUNIT_ASSERT_GE(test, n, 9U);

	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	for (; iter.marker && i < n; marker_iter_next(&iter), i++) {
		KUNIT_EXPECT_NOT_NULL(test, iter.marker->name);
		KUNIT_EXPECT_NOT_NULL(test, iter.marker->format);
	}
	KUNIT_EXPECT_NULL(test, iter.marker);
	marker_iter_stop(&iter);
	KUNIT_ASSERT_EQ(test, i, n);
}

/* The sites of one full walk, in order, in a test-managed array. */
static struct marker **mk_record_walk(struct kunit *test, unsigned int *nr)
{
	struct marker_iter iter;
	struct marker **seq;
	unsigned int n, i = 0;

	n = mk_walk_length();
	KUNIT_ASSERT_LT(test, n, (unsigned int)MK_MAX_WALK);
	KUNIT_ASSERT_GT(test, n, 0U);
	seq = kunit_kcalloc(test, n, sizeof(*seq), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seq);
	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	for (; iter.marker && i < n; marker_iter_next(&iter))
		seq[i++] = iter.marker;
	marker_iter_stop(&iter);
	KUNIT_ASSERT_EQ(test, i, n);
	*nr = n;
	return seq;
}

/* A walk stopped half-way and started again goes on where it stopped. */
static void marker_core_iter_resumes_after_stop(struct kunit *test)
{
	struct marker_iter iter;
	struct marker **seq;
	unsigned int n, i, half;

	seq = mk_record_walk(test, &n);
	half = n / 2;
	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	for (i = 0; i < half && iter.marker; i++)
		marker_iter_next(&iter);
	marker_iter_stop(&iter);
	marker_iter_start(&iter);
	KUNIT_EXPECT_PTR_EQ(test, iter.marker, seq[half]);
	for (i = half; i < n && iter.marker == seq[i]; i++)
		marker_iter_next(&iter);
	KUNIT_EXPECT_EQ(test, i, n);
	KUNIT_EXPECT_NULL(test, iter.marker);
	marker_iter_stop(&iter);
}

/* A walk reset after its end starts again at the first site. */
static void marker_core_iter_reset_restarts(struct kunit *test)
{
	struct marker_iter iter;
	struct marker **seq;
	unsigned int n, i;

	seq = mk_record_walk(test, &n);
	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	for (i = 0; i < n && iter.marker; i++)
		marker_iter_next(&iter);
	marker_iter_stop(&iter);
	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	KUNIT_EXPECT_PTR_EQ(test, iter.marker, seq[0]);
	marker_iter_stop(&iter);
}

/*
 * The walk as legacy seq_file code drives it (LTTng's marker list): each
 * read() resumes from the position in the iterator's public fields, and
 * once a walk has ended the caller sets iter->module to (void *)-1UL so
 * that the next start finds nothing, since the historic
 * marker_iter_start() resumed from those fields; otherwise `cat` never
 * ends.  Nothing is held between calls: a probe may be registered inside
 * a walk, and a walk abandoned without marker_iter_stop() leaves the
 * registry usable.
 */
static void marker_core_iter_legacy(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker_iter iter;
	unsigned int n = 0;

	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	for (; iter.marker && n < MK_MAX_WALK; n++)
		marker_iter_next(&iter);
	KUNIT_ASSERT_NULL(test, iter.marker);
	iter.module = (void *)-1UL;	/* LTTng's s_next() at the end */
	marker_iter_stop(&iter);
	marker_iter_start(&iter);	/* the next read() */
	KUNIT_EXPECT_NULL(test, iter.marker);
	marker_iter_stop(&iter);

	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	KUNIT_ASSERT_NOT_NULL(test, iter.marker);
	KUNIT_EXPECT_EQ(test, mk_register(test, MARKER_KUNIT_SHARED,
					  MARKER_KUNIT_FMT_INT, mk_probe_1,
					  &ctx->priv[0]), 0);
	marker_iter_next(&iter);
	/* Abandoned: no marker_iter_stop(). */
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MARKER_KUNIT_SHARED,
						      mk_probe_1,
						      &ctx->priv[0]), 0);
}

/*
 * A disabled site calls nothing and evaluates no argument; an enabled one
 * evaluates its arguments exactly once per hit; once the last probe is
 * gone the site is back to the disabled path.
 */
static void marker_core_side_effect(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	int counter = 0;
	int i, ret;

	mk_expect_sites(test, MARKER_KUNIT_SIDE_EFFECT, 1, 0);
	for (i = 0; i < 3; i++)
		marker_kunit_fire_side_effect(&counter);
	KUNIT_EXPECT_EQ(test, counter, 0);
	KUNIT_EXPECT_EQ(test, ctx->log.n, 0U);

	ret = mk_register(test, MARKER_KUNIT_SIDE_EFFECT, MARKER_KUNIT_FMT_INT,
			  mk_probe_1, &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	mk_expect_sites(test, MARKER_KUNIT_SIDE_EFFECT, 1, 1);
	for (i = 0; i < 3; i++)
		marker_kunit_fire_side_effect(&counter);
	KUNIT_EXPECT_EQ(test, counter, 3);
	KUNIT_ASSERT_EQ(test, ctx->log.n, 3U);
	/* The probe saw the value before each increment: 0, 1, 2. */
	for (i = 0; i < 3; i++)
		mk_expect_hit(test, &ctx->log, i, 1, 0, i);

	ret = marker_probe_unregister(MARKER_KUNIT_SIDE_EFFECT, mk_probe_1,
				      &ctx->priv[0]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	marker_synchronize_unregister();
	mk_expect_sites(test, MARKER_KUNIT_SIDE_EFFECT, 1, 0);
	for (i = 0; i < 2; i++)
		marker_kunit_fire_side_effect(&counter);
	KUNIT_EXPECT_EQ(test, counter, 3);
	KUNIT_EXPECT_EQ(test, ctx->log.n, 3U);
}

/*
 * One registration arms the sites of the same name in both compilation
 * units ("two modules"), and one unregistration disarms both.
 */
static void marker_core_same_name_sites(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	int ret;

	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 0);
	marker_kunit_fire_a(1);
	marker_kunit_fire_b(2);
	KUNIT_EXPECT_EQ(test, ctx->log.n, 0U);

	ret = mk_register(test, MARKER_KUNIT_SHARED, MARKER_KUNIT_FMT_INT,
			  mk_probe_1, &ctx->priv[1]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 1);
	marker_kunit_fire_a(11);
	marker_kunit_fire_b(22);
	KUNIT_ASSERT_EQ(test, ctx->log.n, 2U);
	mk_expect_hit(test, &ctx->log, 0, 1, 1, 11);
	mk_expect_hit(test, &ctx->log, 1, 1, 1, 22);

	ret = marker_probe_unregister(MARKER_KUNIT_SHARED, mk_probe_1,
				      &ctx->priv[1]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	marker_synchronize_unregister();
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 0);
	marker_kunit_fire_a(3);
	marker_kunit_fire_b(4);
	KUNIT_EXPECT_EQ(test, ctx->log.n, 2U);
}

/*
 * Three probes on MARKER_KUNIT_SHARED, in this order: mk_probe_1 with
 * private 0, mk_probe_2 with private 1, mk_probe_1 with private 2.
 */
static void mk_register_three(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	int ret;

	ret = mk_register(test, MARKER_KUNIT_SHARED, MARKER_KUNIT_FMT_INT,
			  mk_probe_1, &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	/* NULL: take the sites' format. */
	ret = mk_register(test, MARKER_KUNIT_SHARED, NULL, mk_probe_2,
			  &ctx->priv[1]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = mk_register(test, MARKER_KUNIT_SHARED, MARKER_KUNIT_FMT_INT,
			  mk_probe_1, &ctx->priv[2]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 3);
}

/* Several probes on one name run in registration order. */
static void marker_core_probes_run_in_order(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct mk_log *log = &ctx->log;

	mk_register_three(test);
	marker_kunit_fire_a(5);
	KUNIT_ASSERT_EQ(test, log->n, 3U);
	mk_expect_hit(test, log, 0, 1, 0, 5);
	mk_expect_hit(test, log, 1, 2, 1, 5);
	mk_expect_hit(test, log, 2, 1, 2, 5);
}

/*
 * marker_get_private_data() gives a probe's data in registration order,
 * and -ENOENT past the last.
 */
static void marker_core_private_data_in_order(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;

	mk_register_three(test);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MARKER_KUNIT_SHARED,
							  mk_probe_1, 0),
			    (void *)&ctx->priv[0]);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MARKER_KUNIT_SHARED,
							  mk_probe_1, 1),
			    (void *)&ctx->priv[2]);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MARKER_KUNIT_SHARED,
							  mk_probe_1, 2),
			    ERR_PTR(-ENOENT));
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MARKER_KUNIT_SHARED,
							  mk_probe_2, 0),
			    (void *)&ctx->priv[1]);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MARKER_KUNIT_SHARED,
							  mk_probe_2, 1),
			    ERR_PTR(-ENOENT));
}

/* Removing the middle probe leaves the other two running, in order. */
static void marker_core_unregister_middle_keeps_order(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct mk_log *log = &ctx->log;
	int ret;

	mk_register_three(test);
	ret = marker_probe_unregister(MARKER_KUNIT_SHARED, mk_probe_2,
				      &ctx->priv[1]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 2);
	marker_kunit_fire_b(6);
	KUNIT_ASSERT_EQ(test, log->n, 2U);
	mk_expect_hit(test, log, 0, 1, 0, 6);
	mk_expect_hit(test, log, 1, 1, 2, 6);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MARKER_KUNIT_SHARED,
							  mk_probe_1, 1),
			    (void *)&ctx->priv[2]);
}

/*
 * Removing the first probe of two leaves the second, which is now the
 * first of its function.
 */
static void marker_core_unregister_first_keeps_last(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct mk_log *log = &ctx->log;
	int ret;

	mk_register_three(test);
	ret = marker_probe_unregister(MARKER_KUNIT_SHARED, mk_probe_2,
				      &ctx->priv[1]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = marker_probe_unregister(MARKER_KUNIT_SHARED, mk_probe_1,
				      &ctx->priv[0]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 1);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MARKER_KUNIT_SHARED,
							  mk_probe_1, 0),
			    (void *)&ctx->priv[2]);
	marker_kunit_fire_a(7);
	KUNIT_ASSERT_EQ(test, log->n, 1U);
	mk_expect_hit(test, log, 0, 1, 2, 7);
}

/* Removing the last probe puts the sites back on the disabled path. */
static void marker_core_unregister_last_disarms(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	void *priv;
	int ret;

	mk_register_three(test);
	ret = marker_probe_unregister(MARKER_KUNIT_SHARED, mk_probe_2,
				      &ctx->priv[1]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = marker_probe_unregister(MARKER_KUNIT_SHARED, mk_probe_1,
				      &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = marker_probe_unregister(MARKER_KUNIT_SHARED, mk_probe_1,
				      &ctx->priv[2]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	marker_synchronize_unregister();
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 0);
	priv = marker_get_private_data(MARKER_KUNIT_SHARED, mk_probe_1, 0);
	KUNIT_EXPECT_PTR_EQ(test, priv, ERR_PTR(-ENOENT));
	marker_kunit_fire_a(8);
	marker_kunit_fire_b(9);
	KUNIT_EXPECT_EQ(test, ctx->log.n, 0U);
}

/*
 * marker_get_private_data() takes no lock, as the historic one did:
 * legacy code calls it inside a marker_iter walk, which holds the
 * registry's mutex (taking it again deadlocked), and from probes.
 */
static void marker_core_private_data_in_walk(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker_iter iter;
	void *priv;

	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_SHARED,
					  MARKER_KUNIT_FMT_INT, mk_probe_1,
					  &ctx->priv[0]), 0);
	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	priv = marker_get_private_data(MARKER_KUNIT_SHARED, mk_probe_1, 0);
	marker_iter_stop(&iter);
	KUNIT_EXPECT_PTR_EQ(test, priv, (void *)&ctx->priv[0]);
}

/*
 * A format known from connected probes refuses another one with -EPERM
 * and changes nothing; once the last probe is gone it is forgotten.  A
 * name with sites but no probe accepts a format none of its sites has, as
 * the historic implementation did: the consumer may be written for a
 * module that loads later.  The sites stay disarmed.
 */
static void marker_core_format_known(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	int ret;

	ret = mk_register(test, MK_NO_SITE, "x %d", mk_probe_1,
			  &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = mk_register(test, MK_NO_SITE, "y %s", mk_probe_2,
			  &ctx->priv[1]);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_EQ(test, mk_count(MK_NO_SITE, mk_probe_2), 0);
	KUNIT_EXPECT_EQ(test, mk_count(MK_NO_SITE, mk_probe_1), 1);
	ret = mk_register(test, MK_NO_SITE, NULL, mk_probe_2, &ctx->priv[1]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	ret = mk_register(test, MK_NO_SITE, "x %d", mk_probe_2, &ctx->priv[2]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, mk_count(MK_NO_SITE, mk_probe_2), 2);

	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MK_NO_SITE, mk_probe_1,
						      &ctx->priv[0]), 0);
	/* Probes remain: the format is still known. */
	ret = mk_register(test, MK_NO_SITE, "y %s", mk_probe_1,
			  &ctx->priv[0]);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MK_NO_SITE, mk_probe_2,
						      &ctx->priv[1]), 0);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MK_NO_SITE, mk_probe_2,
						      &ctx->priv[2]), 0);
	/* None remain: forgotten. */
	ret = mk_register(test, MK_NO_SITE, "y %s", mk_probe_1,
			  &ctx->priv[0]);
	KUNIT_EXPECT_EQ(test, ret, 0);

	/* The first registration fixes the format, whatever the sites have. */
	ret = mk_register(test, MARKER_KUNIT_SHARED, MARKER_KUNIT_FMT_STR,
			  mk_probe_1, &ctx->priv[1]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, mk_count(MARKER_KUNIT_SHARED, mk_probe_1), 1);
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 0);
	/* ... and the sites' own format is then the other one. */
	ret = mk_register(test, MARKER_KUNIT_SHARED, MARKER_KUNIT_FMT_INT,
			  mk_probe_2, &ctx->priv[1]);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 0);
}

/*
 * A NULL-format registration on a name without sites leaves the format
 * open; the first registration that gives one fixes it, as the historic
 * implementation did (marker_set_format()), so a third with another
 * format is refused: otherwise probes expecting different argument types
 * would share one name, and a site appearing later would feed one of them
 * the wrong va_list.
 */
static void marker_core_format_after_wildcard(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	int ret;

	ret = mk_register(test, MK_NO_SITE, NULL, mk_probe_1, &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = mk_register(test, MK_NO_SITE, "x %d", mk_probe_2, &ctx->priv[1]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = mk_register(test, MK_NO_SITE, "y %s", mk_probe_2, &ctx->priv[2]);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_EQ(test, mk_count(MK_NO_SITE, mk_probe_2), 1);
	/* The wildcard going away does not reopen the format. */
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MK_NO_SITE, mk_probe_1,
						      &ctx->priv[0]), 0);
	ret = mk_register(test, MK_NO_SITE, "y %s", mk_probe_1, &ctx->priv[0]);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_EQ(test, mk_count(MK_NO_SITE, mk_probe_1), 0);
}

/*
 * Two sites of one name with different formats.  Register mk_probe_1
 * (private 0) there with no format: it takes the format of one site,
 * @armed, which gets armed, and leaves @other disarmed.
 */
static void mk_arm_mismatch(struct kunit *test, struct marker **armed,
			    struct marker **other)
{
	struct mk_ctx *ctx = test->priv;
	struct mk_sites s;
	int ret;

	mk_find_sites(MARKER_KUNIT_MISMATCH, &s);
	KUNIT_ASSERT_EQ(test, s.nr, 2U);
	KUNIT_ASSERT_STRNEQ(test, s.site[0]->format, s.site[1]->format);
	mk_expect_sites(test, MARKER_KUNIT_MISMATCH, 2, 0);

	ret = mk_register(test, MARKER_KUNIT_MISMATCH, NULL, mk_probe_1,
			  &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_NE_MSG(test, mk_site_enabled(s.site[0]),
			    mk_site_enabled(s.site[1]),
			    "exactly one of the two sites must be armed");
	*armed = mk_site_enabled(s.site[0]) ? s.site[0] : s.site[1];
	*other = *armed == s.site[0] ? s.site[1] : s.site[0];
}

/* A registration arms the site whose format it has, and only that one. */
static void marker_core_mismatch_arms_one_site(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker *armed, *other;

	mk_arm_mismatch(test, &armed, &other);
	KUNIT_EXPECT_EQ(test, marker_site_probes(armed), 1U);
	KUNIT_EXPECT_EQ(test, marker_site_probes(other), 0U);

	marker_kunit_fire_mismatch_int(41);
	marker_kunit_fire_mismatch_str("unseen");
	KUNIT_ASSERT_EQ(test, ctx->log.n, 1U);
	KUNIT_EXPECT_STREQ(test, ctx->log.hits[0].fmt, armed->format);
}

/*
 * While probes are connected the other site's format is refused with
 * -EPERM and nothing changes; the armed site's format is accepted, on
 * the armed site only.
 */
static void marker_core_mismatch_refuses_other_format(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker *armed, *other;
	int ret;

	mk_arm_mismatch(test, &armed, &other);
	ret = mk_register(test, MARKER_KUNIT_MISMATCH, other->format,
			  mk_probe_2, &ctx->priv[1]);
	KUNIT_EXPECT_EQ(test, ret, -EPERM);
	KUNIT_EXPECT_EQ(test, mk_count(MARKER_KUNIT_MISMATCH, mk_probe_2), 0);
	KUNIT_EXPECT_EQ(test, marker_site_probes(armed), 1U);
	KUNIT_EXPECT_EQ(test, marker_site_probes(other), 0U);
	KUNIT_EXPECT_FALSE(test, mk_site_enabled(other));

	ret = mk_register(test, MARKER_KUNIT_MISMATCH, armed->format,
			  mk_probe_2, &ctx->priv[1]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, marker_site_probes(armed), 2U);
	KUNIT_EXPECT_EQ(test, marker_site_probes(other), 0U);
}

/*
 * Once the last probe is gone the format is forgotten: the other site's
 * format then arms that site only, and its probe reads its arguments.
 */
static void marker_core_mismatch_forgets_format(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker *armed, *other;
	int ret;

	mk_arm_mismatch(test, &armed, &other);
	ret = mk_register(test, MARKER_KUNIT_MISMATCH, armed->format,
			  mk_probe_2, &ctx->priv[1]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MARKER_KUNIT_MISMATCH,
						      mk_probe_1,
						      &ctx->priv[0]), 0);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MARKER_KUNIT_MISMATCH,
						      mk_probe_2,
						      &ctx->priv[1]), 0);
	marker_synchronize_unregister();
	mk_expect_sites(test, MARKER_KUNIT_MISMATCH, 2, 0);

	ret = mk_register(test, MARKER_KUNIT_MISMATCH, other->format,
			  mk_probe_2, &ctx->priv[2]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_TRUE(test, mk_site_enabled(other));
	KUNIT_EXPECT_FALSE(test, mk_site_enabled(armed));
	KUNIT_EXPECT_EQ(test, marker_site_probes(other), 1U);
	KUNIT_EXPECT_EQ(test, marker_site_probes(armed), 0U);
	marker_kunit_fire_mismatch_int(42);
	marker_kunit_fire_mismatch_str("seen");
	KUNIT_ASSERT_EQ(test, ctx->log.n, 1U);
	KUNIT_EXPECT_EQ(test, ctx->log.hits[0].id, 2);
	KUNIT_EXPECT_STREQ(test, ctx->log.hits[0].fmt, other->format);
	if (!strcmp(other->format, MARKER_KUNIT_FMT_STR))
		KUNIT_EXPECT_STREQ(test, ctx->log.hits[0].s, "seen");
	else
		KUNIT_EXPECT_EQ(test, ctx->log.hits[0].v, 42);
}

/*
 * The two sites of MARKER_KUNIT_MISMATCH, by format, with a tap (what the
 * debugfs hit counters are) of mk_probe_1, private 0, on the name: one
 * probe on each site.
 */
static void mk_tap_mismatch(struct kunit *test, struct marker **int_site,
			    struct marker **str_site)
{
	struct mk_ctx *ctx = test->priv;
	struct mk_sites s;

	mk_find_sites(MARKER_KUNIT_MISMATCH, &s);
	KUNIT_ASSERT_EQ(test, s.nr, 2U);
	*int_site = strcmp(s.site[0]->format, MARKER_KUNIT_FMT_INT) ?
		    s.site[1] : s.site[0];
	*str_site = *int_site == s.site[0] ? s.site[1] : s.site[0];
	KUNIT_ASSERT_STREQ(test, (*int_site)->format, MARKER_KUNIT_FMT_INT);
	KUNIT_ASSERT_STREQ(test, (*str_site)->format, MARKER_KUNIT_FMT_STR);

	KUNIT_ASSERT_EQ(test, mk_register_tap(test, MARKER_KUNIT_MISMATCH,
					      mk_probe_1, &ctx->priv[0]), 0);
	mk_expect_sites(test, MARKER_KUNIT_MISMATCH, 2, 1);
}

/* A tap runs on every site of its name, whatever the site's format. */
static void marker_core_tap_on_every_site(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker *int_site, *str_site;

	mk_tap_mismatch(test, &int_site, &str_site);
	marker_kunit_fire_mismatch_int(1);
	marker_kunit_fire_mismatch_str("tap");
	KUNIT_ASSERT_EQ(test, ctx->log.n, 2U);
	KUNIT_EXPECT_STREQ(test, ctx->log.hits[0].fmt, MARKER_KUNIT_FMT_INT);
	KUNIT_EXPECT_EQ(test, ctx->log.hits[0].v, 1);
	KUNIT_EXPECT_STREQ(test, ctx->log.hits[1].fmt, MARKER_KUNIT_FMT_STR);
	KUNIT_EXPECT_STREQ(test, ctx->log.hits[1].s, "tap");
}

/*
 * A tap is on a name once, and is not a probe of the historic API: its
 * look-up does not see it.
 */
static void marker_core_tap_is_not_a_probe(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker *int_site, *str_site;

	mk_tap_mismatch(test, &int_site, &str_site);
	KUNIT_EXPECT_EQ(test, marker_tap_register(MARKER_KUNIT_MISMATCH,
						  mk_probe_1, &ctx->priv[0]),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, mk_count(MARKER_KUNIT_MISMATCH, mk_probe_1), 0);
}

/*
 * A tap fixes no format: a probe of either format registers beside it,
 * on the sites of its format.  Once probes have fixed it, a tap still is
 * not refused, and goes on every site.
 */
static void marker_core_tap_fixes_no_format(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker *int_site, *str_site;

	mk_tap_mismatch(test, &int_site, &str_site);
	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_MISMATCH,
					  MARKER_KUNIT_FMT_STR, mk_probe_2,
					  &ctx->priv[1]), 0);
	KUNIT_EXPECT_EQ(test, marker_site_probes(str_site), 2U);
	KUNIT_EXPECT_EQ(test, marker_site_probes(int_site), 1U);
	KUNIT_EXPECT_EQ(test, marker_probe_register(MARKER_KUNIT_MISMATCH,
						    MARKER_KUNIT_FMT_INT,
						    mk_probe_2, &ctx->priv[2]),
			-EPERM);
	KUNIT_ASSERT_EQ(test, mk_register_tap(test, MARKER_KUNIT_MISMATCH,
					      mk_probe_1, &ctx->priv[3]), 0);
	KUNIT_EXPECT_EQ(test, marker_site_probes(int_site), 2U);
	KUNIT_EXPECT_EQ(test, marker_site_probes(str_site), 3U);
	KUNIT_EXPECT_EQ(test, marker_tap_unregister(MARKER_KUNIT_MISMATCH,
						    mk_probe_1, &ctx->priv[3]),
			0);
}

/* On a site with a tap and a probe, both run, the tap first. */
static void marker_core_tap_runs_beside_probe(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker *int_site, *str_site;

	mk_tap_mismatch(test, &int_site, &str_site);
	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_MISMATCH,
					  MARKER_KUNIT_FMT_STR, mk_probe_2,
					  &ctx->priv[1]), 0);
	marker_kunit_fire_mismatch_int(2);
	marker_kunit_fire_mismatch_str("both");
	KUNIT_ASSERT_EQ(test, ctx->log.n, 3U);
	mk_expect_hit(test, &ctx->log, 0, 1, 0, 2);
	KUNIT_EXPECT_EQ(test, ctx->log.hits[1].probe, 1);
	KUNIT_EXPECT_EQ(test, ctx->log.hits[2].probe, 2);
	KUNIT_EXPECT_STREQ(test, ctx->log.hits[2].s, "both");
}

/*
 * The last probe goes and the format with it; the tap stays, and a probe
 * of the other format registers beside it.
 */
static void marker_core_tap_outlives_format(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker *int_site, *str_site;

	mk_tap_mismatch(test, &int_site, &str_site);
	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_MISMATCH,
					  MARKER_KUNIT_FMT_STR, mk_probe_2,
					  &ctx->priv[1]), 0);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MARKER_KUNIT_MISMATCH,
						      mk_probe_2,
						      &ctx->priv[1]), 0);
	marker_synchronize_unregister();
	mk_expect_sites(test, MARKER_KUNIT_MISMATCH, 2, 1);
	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_MISMATCH,
					  MARKER_KUNIT_FMT_INT, mk_probe_2,
					  &ctx->priv[2]), 0);
	KUNIT_EXPECT_EQ(test, marker_site_probes(int_site), 2U);
	KUNIT_EXPECT_EQ(test, marker_site_probes(str_site), 1U);
}

/* The tap goes, once: the probe alone is left, on its site. */
static void marker_core_tap_unregister_leaves_probe(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	struct marker *int_site, *str_site;

	mk_tap_mismatch(test, &int_site, &str_site);
	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_MISMATCH,
					  MARKER_KUNIT_FMT_INT, mk_probe_2,
					  &ctx->priv[2]), 0);
	KUNIT_EXPECT_EQ(test, marker_tap_unregister(MARKER_KUNIT_MISMATCH,
						    mk_probe_1, &ctx->priv[0]),
			0);
	KUNIT_EXPECT_EQ(test, marker_tap_unregister(MARKER_KUNIT_MISMATCH,
						    mk_probe_1, &ctx->priv[0]),
			-ENOENT);
	marker_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, marker_site_probes(int_site), 1U);
	KUNIT_EXPECT_EQ(test, marker_site_probes(str_site), 0U);
	KUNIT_EXPECT_FALSE(test, mk_site_enabled(str_site));
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MARKER_KUNIT_MISMATCH,
						      mk_probe_2,
						      &ctx->priv[2]), 0);
	marker_synchronize_unregister();
	mk_expect_sites(test, MARKER_KUNIT_MISMATCH, 2, 0);
}

/* Bad arguments to the tap calls are refused and change nothing. */
static void marker_core_tap_bad_arguments(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;

	KUNIT_EXPECT_EQ(test, marker_tap_register(NULL, mk_probe_1,
						  &ctx->priv[0]), -EINVAL);
	KUNIT_EXPECT_EQ(test, marker_tap_register("", mk_probe_1,
						  &ctx->priv[0]), -EINVAL);
	KUNIT_EXPECT_EQ(test, marker_tap_register(MK_NO_SITE, NULL,
						  &ctx->priv[0]), -EINVAL);
	KUNIT_EXPECT_EQ(test, marker_tap_unregister(MK_NO_SITE, mk_probe_1,
						    &ctx->priv[0]), -ENOENT);
	/* A probe is not a tap, nor a tap a probe. */
	KUNIT_ASSERT_EQ(test, mk_register(test, MK_NO_SITE, NULL, mk_probe_1,
					  &ctx->priv[0]), 0);
	KUNIT_EXPECT_EQ(test, marker_tap_unregister(MK_NO_SITE, mk_probe_1,
						    &ctx->priv[0]), -ENOENT);
	KUNIT_ASSERT_EQ(test, mk_register_tap(test, MK_NO_SITE_2, mk_probe_1,
					      &ctx->priv[0]), 0);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister(MK_NO_SITE_2, mk_probe_1,
						      &ctx->priv[0]), -ENOENT);
	/* A site's tracepoint takes a pair once: not as both. */
	KUNIT_EXPECT_EQ(test, marker_tap_register(MK_NO_SITE, mk_probe_1,
						  &ctx->priv[0]), -EBUSY);
	KUNIT_EXPECT_EQ(test, marker_probe_register(MK_NO_SITE_2, NULL,
						    mk_probe_1, &ctx->priv[0]),
			-EBUSY);
}

/* A MARK_NOARGS site reaches its probes with its format and no data. */
static void marker_core_noargs(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	int ret;

	marker_kunit_fire_noargs();
	KUNIT_EXPECT_EQ(test, ctx->log.n, 0U);

	ret = mk_register(test, MARKER_KUNIT_NOARGS, NULL, mk_probe_1,
			  &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = mk_register(test, MARKER_KUNIT_NOARGS, MARK_NOARGS, mk_probe_2,
			  &ctx->priv[1]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	mk_expect_sites(test, MARKER_KUNIT_NOARGS, 1, 2);

	marker_kunit_fire_noargs();
	KUNIT_ASSERT_EQ(test, ctx->log.n, 2U);
	KUNIT_EXPECT_EQ(test, ctx->log.hits[0].probe, 1);
	KUNIT_EXPECT_EQ(test, ctx->log.hits[1].probe, 2);
	KUNIT_EXPECT_NULL(test, ctx->log.hits[0].call_private);
	KUNIT_ASSERT_NOT_NULL(test, ctx->log.hits[0].fmt);
	KUNIT_EXPECT_STREQ(test, ctx->log.hits[0].fmt, MARK_NOARGS);
}

/* _trace_mark(): the plain-read enable test follows the same key. */
static void marker_core_generic_site(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	int ret;

	marker_kunit_fire_generic(1);
	KUNIT_EXPECT_EQ(test, ctx->log.n, 0U);

	ret = mk_register(test, MARKER_KUNIT_GENERIC, MARKER_KUNIT_FMT_INT,
			  mk_probe_1, &ctx->priv[3]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	mk_expect_sites(test, MARKER_KUNIT_GENERIC, 1, 1);
	marker_kunit_fire_generic(77);
	KUNIT_ASSERT_EQ(test, ctx->log.n, 1U);
	mk_expect_hit(test, &ctx->log, 0, 1, 3, 77);
	KUNIT_EXPECT_NULL(test, ctx->log.hits[0].call_private);

	ret = marker_probe_unregister(MARKER_KUNIT_GENERIC, mk_probe_1,
				      &ctx->priv[3]);
	KUNIT_EXPECT_EQ(test, ret, 0);
	marker_synchronize_unregister();
	mk_expect_sites(test, MARKER_KUNIT_GENERIC, 1, 0);
	marker_kunit_fire_generic(78);
	KUNIT_EXPECT_EQ(test, ctx->log.n, 1U);
}

/*
 * __trace_mark(): call_private reaches the probe, the probe gets the
 * site's format, and va_arg() reads arguments of every type in order.
 */
static void marker_core_call_private(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	unsigned long long ll = (1ULL << 40) | 0x5a5a;
	static const char str[] = "string arg";
	struct mk_hit *hit;
	int cookie, cookie2;
	int ret;

	ret = mk_register(test, MARKER_KUNIT_CALL_PRIVATE, NULL, mk_probe_1,
			  &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = mk_register(test, MARKER_KUNIT_CALL_PRIVATE_GEN,
			  MARKER_KUNIT_FMT_INT, mk_probe_2, &ctx->priv[1]);
	KUNIT_ASSERT_EQ(test, ret, 0);

	marker_kunit_fire_call_private(&cookie, -3, str, ll, &cookie2);
	marker_kunit_fire_call_private_generic(&cookie2, 12345);
	KUNIT_ASSERT_EQ(test, ctx->log.n, 2U);

	hit = &ctx->log.hits[0];
	KUNIT_EXPECT_EQ(test, hit->probe, 1);
	KUNIT_EXPECT_PTR_EQ(test, hit->call_private, (void *)&cookie);
	KUNIT_ASSERT_NOT_NULL(test, hit->fmt);
	KUNIT_EXPECT_STREQ(test, hit->fmt, MARKER_KUNIT_FMT_MIXED);
	KUNIT_EXPECT_EQ(test, hit->v, -3);
	KUNIT_EXPECT_PTR_EQ(test, hit->s, (const char *)str);
	KUNIT_EXPECT_EQ(test, hit->ll, ll);
	KUNIT_EXPECT_PTR_EQ(test, hit->p, (const void *)&cookie2);

	hit = &ctx->log.hits[1];
	KUNIT_EXPECT_EQ(test, hit->probe, 2);
	KUNIT_EXPECT_PTR_EQ(test, hit->call_private, (void *)&cookie2);
	KUNIT_ASSERT_NOT_NULL(test, hit->fmt);
	KUNIT_EXPECT_STREQ(test, hit->fmt, MARKER_KUNIT_FMT_INT);
	KUNIT_EXPECT_EQ(test, hit->v, 12345);
}

/*
 * marker_probe_unregister_private_data() removes the pair from every
 * name and nothing else.
 */
static void marker_core_unregister_private_data(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	void *p0 = &ctx->priv[0], *p1 = &ctx->priv[1];
	int ret;

	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_SHARED, NULL,
					  mk_probe_1, p0), 0);
	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_SHARED, NULL,
					  mk_probe_1, p1), 0);
	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_GENERIC, NULL,
					  mk_probe_1, p0), 0);
	KUNIT_ASSERT_EQ(test, mk_register(test, MK_NO_SITE, "x", mk_probe_1,
					  p0), 0);
	KUNIT_ASSERT_EQ(test, mk_register(test, MARKER_KUNIT_NOARGS, NULL,
					  mk_probe_2, p0), 0);

	ret = marker_probe_unregister_private_data(mk_probe_1, p0);
	KUNIT_EXPECT_EQ(test, ret, 0);
	marker_synchronize_unregister();

	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MARKER_KUNIT_SHARED,
							  mk_probe_1, 0), p1);
	KUNIT_EXPECT_EQ(test, mk_count(MARKER_KUNIT_SHARED, mk_probe_1), 1);
	KUNIT_EXPECT_EQ(test, mk_count(MARKER_KUNIT_GENERIC, mk_probe_1), 0);
	KUNIT_EXPECT_EQ(test, mk_count(MK_NO_SITE, mk_probe_1), 0);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MARKER_KUNIT_NOARGS,
							  mk_probe_2, 0), p0);
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 1);
	mk_expect_sites(test, MARKER_KUNIT_GENERIC, 1, 0);
	mk_expect_sites(test, MARKER_KUNIT_NOARGS, 1, 1);

	marker_kunit_fire_a(1);
	marker_kunit_fire_generic(2);
	marker_kunit_fire_noargs();
	KUNIT_ASSERT_EQ(test, ctx->log.n, 2U);
	mk_expect_hit(test, &ctx->log, 0, 1, 1, 1);
	KUNIT_EXPECT_EQ(test, ctx->log.hits[1].probe, 2);
	KUNIT_EXPECT_EQ(test, ctx->log.hits[1].id, 0);

	ret = marker_probe_unregister_private_data(mk_probe_1, p0);
	KUNIT_EXPECT_EQ(test, ret, -ENOENT);
}

/*
 * A registration for a name no site has is accepted and kept, and can be
 * found and removed like any other.  (Sites appearing later come with
 * modules, which UML cannot load; the x86_64 tests cover that.)
 */
static void marker_core_pending(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	void *p0 = &ctx->priv[0], *p1 = &ctx->priv[1];
	struct mk_sites s;
	int ret;

	mk_find_sites(MK_NO_SITE_2, &s);
	KUNIT_ASSERT_EQ(test, s.nr, 0U);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MK_NO_SITE_2,
							  mk_probe_1, 0),
			    ERR_PTR(-ENOENT));

	KUNIT_ASSERT_EQ(test, mk_register(test, MK_NO_SITE_2, NULL, mk_probe_1,
					  p0), 0);
	KUNIT_ASSERT_EQ(test, mk_register(test, MK_NO_SITE_2, "v %d",
					  mk_probe_1, p1), 0);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MK_NO_SITE_2,
							  mk_probe_1, 0), p0);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MK_NO_SITE_2,
							  mk_probe_1, 1), p1);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MK_NO_SITE_2,
							  mk_probe_1, -1),
			    ERR_PTR(-ENOENT));
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MK_NO_SITE_2,
							  mk_probe_2, 0),
			    ERR_PTR(-ENOENT));
	/* Still no site of that name, and no other site was touched. */
	mk_find_sites(MK_NO_SITE_2, &s);
	KUNIT_EXPECT_EQ(test, s.nr, 0U);
	mk_expect_sites(test, MARKER_KUNIT_SHARED, 2, 0);

	ret = marker_probe_unregister(MK_NO_SITE_2, mk_probe_1, p0);
	KUNIT_EXPECT_EQ(test, ret, 0);
	ret = marker_probe_unregister(MK_NO_SITE_2, mk_probe_1, p0);
	KUNIT_EXPECT_EQ(test, ret, -ENOENT);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MK_NO_SITE_2,
							  mk_probe_1, 0), p1);
	ret = marker_probe_unregister(MK_NO_SITE_2, mk_probe_1, p1);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data(MK_NO_SITE_2,
							  mk_probe_1, 0),
			    ERR_PTR(-ENOENT));
}

/*
 * Probes run with preemption disabled: inside the probe the preempt count
 * is higher than in the test, and preemptible() is false.  Without
 * CONFIG_PREEMPT_COUNT (UML on 6.1 has no preemption at all) the kernel
 * counts nothing: preempt_disable() is a barrier, preempt_count() never
 * moves and preemptible() is always false, so neither can fail and the
 * case is skipped rather than passed.
 */
static void marker_core_probe_context(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	unsigned int base;
	int ret;

	if (!IS_ENABLED(CONFIG_PREEMPT_COUNT))
		kunit_skip(test, "no CONFIG_PREEMPT_COUNT: nothing to check");

	base = preempt_count();
	if (IS_ENABLED(CONFIG_PREEMPTION))
		KUNIT_EXPECT_TRUE(test, preemptible());

	ret = mk_register(test, MARKER_KUNIT_SHARED, NULL, mk_probe_1,
			  &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	marker_kunit_fire_a(1);
	marker_kunit_fire_generic(2);
	KUNIT_ASSERT_EQ(test, ctx->log.n, 1U);
	KUNIT_EXPECT_FALSE(test, ctx->log.hits[0].preemptible);
	KUNIT_EXPECT_GT(test, ctx->log.hits[0].preempt_count, base);
}

/*
 * Where RCU is not watching (here: between ct_idle_enter() and
 * ct_idle_exit(), as in the idle loop), a site calls no probe, and
 * probes run again once RCU watches.  The site's once-only lockdep report
 * is marked as made beforehand, so that the run's console stays clean.
 */
static void marker_core_rcu_not_watching(struct kunit *test)
{
	struct mk_ctx *ctx = test->priv;
	unsigned long flags;
	struct mk_sites s;
	unsigned int i;
	int ret;

	if (!IS_ENABLED(CONFIG_CONTEXT_TRACKING_IDLE))
		kunit_skip(test, "no CONFIG_CONTEXT_TRACKING_IDLE: RCU always watches");

	ret = mk_register(test, MARKER_KUNIT_SHARED, NULL, mk_probe_1,
			  &ctx->priv[0]);
	KUNIT_ASSERT_EQ(test, ret, 0);
	mk_find_sites(MARKER_KUNIT_SHARED, &s);
	KUNIT_ASSERT_GT(test, s.nr, 0U);
	for (i = 0; i < min_t(unsigned int, s.nr, MK_MAX_SITES); i++)
		set_bit(MARKER_SITE_RCU_WARNED, &s.site[i]->flags);

	marker_kunit_fire_a(1);
	local_irq_save(flags);
	ct_idle_enter();
	marker_kunit_fire_a(2);
	ct_idle_exit();
	local_irq_restore(flags);
	marker_kunit_fire_a(3);

	KUNIT_ASSERT_EQ(test, ctx->log.n, 2U);
	mk_expect_hit(test, &ctx->log, 0, 1, 0, 1);
	mk_expect_hit(test, &ctx->log, 1, 1, 0, 3);
}

/* State shared by the slow probe and the test. */
struct mk_sync {
	atomic_t inside;
	atomic_t calls;
};

static void mk_probe_slow(void *probe_private, void *call_private,
			  const char *fmt, va_list *args)
{
	struct mk_sync *sync = probe_private;

	atomic_inc(&sync->inside);
	mdelay(1);
	atomic_inc(&sync->calls);
	atomic_dec(&sync->inside);
}

static int mk_sync_thread(void *data)
{
	int i = 0;

	while (!kthread_should_stop()) {
		marker_kunit_fire_sync(i++);
		cond_resched();
	}
	return 0;
}

/*
 * While a thread hits a site in a loop: unregister, then
 * marker_synchronize_unregister(); no probe call may be under way after
 * it, nor start later.
 */
static void marker_core_synchronize(struct kunit *test)
{
	struct task_struct *task;
	struct mk_sync *sync;
	unsigned long timeout;
	int inside, calls, calls_later, ret;

	sync = kunit_kzalloc(test, sizeof(*sync), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sync);
	ret = mk_register(test, MARKER_KUNIT_SYNC, MARKER_KUNIT_FMT_INT,
			  mk_probe_slow, sync);
	KUNIT_ASSERT_EQ(test, ret, 0);

	task = kthread_run(mk_sync_thread, NULL, "marker-kunit-sync");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));

	timeout = jiffies + 5 * HZ;
	while (atomic_read(&sync->calls) < 5 && time_before(jiffies, timeout))
		msleep(20);

	ret = marker_probe_unregister(MARKER_KUNIT_SYNC, mk_probe_slow, sync);
	marker_synchronize_unregister();
	inside = atomic_read(&sync->inside);
	calls = atomic_read(&sync->calls);
	msleep(20);
	calls_later = atomic_read(&sync->calls);
	kthread_stop(task);

	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_GE(test, calls, 5);
	KUNIT_EXPECT_EQ(test, inside, 0);
	KUNIT_EXPECT_EQ(test, calls_later, calls);
	mk_expect_sites(test, MARKER_KUNIT_SYNC, 1, 0);
}

static struct kunit_case marker_core_cases[] = {
	KUNIT_CASE(marker_core_iter_same_name_two_units),
	KUNIT_CASE(marker_core_iter_site_formats),
	KUNIT_CASE(marker_core_iter_one_site_per_name),
	KUNIT_CASE(marker_core_iter_walk_ends),
	KUNIT_CASE(marker_core_iter_resumes_after_stop),
	KUNIT_CASE(marker_core_iter_reset_restarts),
	KUNIT_CASE(marker_core_iter_legacy),
	KUNIT_CASE(marker_core_side_effect),
	KUNIT_CASE(marker_core_same_name_sites),
	KUNIT_CASE(marker_core_probes_run_in_order),
	KUNIT_CASE(marker_core_private_data_in_order),
	KUNIT_CASE(marker_core_unregister_middle_keeps_order),
	KUNIT_CASE(marker_core_unregister_first_keeps_last),
	KUNIT_CASE(marker_core_unregister_last_disarms),
	KUNIT_CASE(marker_core_private_data_in_walk),
	KUNIT_CASE(marker_core_format_known),
	KUNIT_CASE(marker_core_format_after_wildcard),
	KUNIT_CASE(marker_core_mismatch_arms_one_site),
	KUNIT_CASE(marker_core_mismatch_refuses_other_format),
	KUNIT_CASE(marker_core_mismatch_forgets_format),
	KUNIT_CASE(marker_core_tap_on_every_site),
	KUNIT_CASE(marker_core_tap_is_not_a_probe),
	KUNIT_CASE(marker_core_tap_fixes_no_format),
	KUNIT_CASE(marker_core_tap_runs_beside_probe),
	KUNIT_CASE(marker_core_tap_outlives_format),
	KUNIT_CASE(marker_core_tap_unregister_leaves_probe),
	KUNIT_CASE(marker_core_tap_bad_arguments),
	KUNIT_CASE(marker_core_noargs),
	KUNIT_CASE(marker_core_generic_site),
	KUNIT_CASE(marker_core_call_private),
	KUNIT_CASE(marker_core_unregister_private_data),
	KUNIT_CASE(marker_core_pending),
	KUNIT_CASE(marker_core_probe_context),
	KUNIT_CASE(marker_core_rcu_not_watching),
	KUNIT_CASE(marker_core_synchronize),
	{}
};

static struct kunit_suite marker_core_suite = {
	.name = "marker_core",
	.init = mk_init,
	.test_cases = marker_core_cases,
};

/* The error-code table. */

enum mk_op {
	MK_REGISTER,
	MK_UNREGISTER,
	MK_UNREGISTER_PRIVATE_DATA,
};

/* How a case's name or format argument is made. */
enum mk_str {
	MK_STR_LITERAL,		/* the string in the case, NULL included */
	MK_STR_EMPTY,
	MK_STR_MAX,		/* as long as the limit allows */
	MK_STR_OVER,		/* one character longer */
};

/* The name of the MK_STR_MAX and MK_STR_OVER name cases starts so. */
#define MK_LONG_NAME		"marker_kunit_long_"

struct mk_err_case {
	const char *desc;
	enum mk_op op;
	/* Register (mk_probe_1, private 0) with @pre_fmt first. */
	bool pre;
	const char *pre_fmt;
	enum mk_str name_kind;
	const char *name;
	enum mk_str fmt_kind;
	const char *fmt;
	bool null_probe;
	/* Call with private 1 instead of private 0. */
	bool other_priv;
	/* A successful registration whose format no site has: none armed. */
	bool arms_none;
	int expected;
};

static const struct mk_err_case mk_err_cases[] = {
	{
		.desc = "register NULL name",
		.op = MK_REGISTER, .name = NULL,
		.expected = -EINVAL,
	}, {
		.desc = "register empty name",
		.op = MK_REGISTER, .name_kind = MK_STR_EMPTY,
		.expected = -EINVAL,
	}, {
		.desc = "register name of MARK_MAX_NAME_LEN",
		.op = MK_REGISTER, .name_kind = MK_STR_MAX,
		.expected = 0,
	}, {
		.desc = "register name longer than MARK_MAX_NAME_LEN",
		.op = MK_REGISTER, .name_kind = MK_STR_OVER,
		.expected = -EINVAL,
	}, {
		.desc = "register NULL probe",
		.op = MK_REGISTER, .name = MK_NO_SITE, .null_probe = true,
		.expected = -EINVAL,
	}, {
		.desc = "register format of MARK_MAX_FORMAT_LEN",
		.op = MK_REGISTER, .name = MK_NO_SITE,
		.fmt_kind = MK_STR_MAX,
		.expected = 0,
	}, {
		.desc = "register format longer than MARK_MAX_FORMAT_LEN",
		.op = MK_REGISTER, .name = MK_NO_SITE,
		.fmt_kind = MK_STR_OVER,
		.expected = -EINVAL,
	}, {
		.desc = "register format with %n",
		.op = MK_REGISTER, .name = MK_NO_SITE, .fmt = "count %n",
		.expected = -EINVAL,
	}, {
		.desc = "register format with %-5ln after %%n",
		.op = MK_REGISTER, .name = MK_NO_SITE,
		.fmt = "100%%n done %d %-5ln",
		.expected = -EINVAL,
	}, {
		.desc = "register format with %%n only",
		.op = MK_REGISTER, .name = MK_NO_SITE, .fmt = "100%%n done %d",
		.expected = 0,
	}, {
		.desc = "register format of the sites",
		.op = MK_REGISTER, .name = MARKER_KUNIT_SHARED,
		.fmt = MARKER_KUNIT_FMT_INT,
		.expected = 0,
	}, {
		.desc = "register NULL format on sites",
		.op = MK_REGISTER, .name = MARKER_KUNIT_SHARED,
		.expected = 0,
	}, {
		.desc = "register format none of the sites has",
		.op = MK_REGISTER, .name = MARKER_KUNIT_SHARED,
		.fmt = MARKER_KUNIT_FMT_STR, .arms_none = true,
		.expected = 0,
	}, {
		.desc = "register format other than the registered one",
		.op = MK_REGISTER, .pre = true, .pre_fmt = "x %d",
		.name = MK_NO_SITE, .fmt = "y %d", .other_priv = true,
		.expected = -EPERM,
	}, {
		.desc = "register NULL format after a registered one",
		.op = MK_REGISTER, .pre = true, .pre_fmt = "x %d",
		.name = MK_NO_SITE, .other_priv = true,
		.expected = 0,
	}, {
		.desc = "register same probe and private twice on sites",
		.op = MK_REGISTER, .pre = true,
		.pre_fmt = MARKER_KUNIT_FMT_INT,
		.name = MARKER_KUNIT_SHARED, .fmt = MARKER_KUNIT_FMT_INT,
		.expected = -EBUSY,
	}, {
		.desc = "register same probe and private twice, no site",
		.op = MK_REGISTER, .pre = true, .name = MK_NO_SITE,
		.expected = -EBUSY,
	}, {
		.desc = "register same probe with other private",
		.op = MK_REGISTER, .pre = true, .name = MARKER_KUNIT_SHARED,
		.other_priv = true,
		.expected = 0,
	}, {
		.desc = "unregister NULL name",
		.op = MK_UNREGISTER, .name = NULL,
		.expected = -EINVAL,
	}, {
		.desc = "unregister empty name",
		.op = MK_UNREGISTER, .name_kind = MK_STR_EMPTY,
		.expected = -EINVAL,
	}, {
		.desc = "unregister NULL probe",
		.op = MK_UNREGISTER, .pre = true, .name = MARKER_KUNIT_SHARED,
		.null_probe = true,
		.expected = -EINVAL,
	}, {
		.desc = "unregister never registered",
		.op = MK_UNREGISTER, .name = MARKER_KUNIT_SHARED,
		.expected = -ENOENT,
	}, {
		.desc = "unregister never registered, no site",
		.op = MK_UNREGISTER, .name = MK_NO_SITE,
		.expected = -ENOENT,
	}, {
		.desc = "unregister other private",
		.op = MK_UNREGISTER, .pre = true, .name = MARKER_KUNIT_SHARED,
		.other_priv = true,
		.expected = -ENOENT,
	}, {
		.desc = "unregister registered",
		.op = MK_UNREGISTER, .pre = true, .name = MARKER_KUNIT_SHARED,
		.expected = 0,
	}, {
		.desc = "unregister_private_data NULL probe",
		.op = MK_UNREGISTER_PRIVATE_DATA, .pre = true,
		.name = MARKER_KUNIT_SHARED, .null_probe = true,
		.expected = -EINVAL,
	}, {
		.desc = "unregister_private_data never registered",
		.op = MK_UNREGISTER_PRIVATE_DATA, .name = MARKER_KUNIT_SHARED,
		.expected = -ENOENT,
	}, {
		.desc = "unregister_private_data other private",
		.op = MK_UNREGISTER_PRIVATE_DATA, .pre = true,
		.name = MARKER_KUNIT_SHARED, .other_priv = true,
		.expected = -ENOENT,
	}, {
		.desc = "unregister_private_data registered",
		.op = MK_UNREGISTER_PRIVATE_DATA, .pre = true,
		.name = MARKER_KUNIT_SHARED,
		.expected = 0,
	},
};

static void mk_err_case_desc(const struct mk_err_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mk_err, mk_err_cases, mk_err_case_desc);

/* A test-managed string: @prefix, padded with 'x' to @len characters. */
static const char *mk_make_str(struct kunit *test, enum mk_str kind,
			       const char *literal, const char *prefix,
			       size_t max)
{
	size_t len, plen = strlen(prefix);
	char *s;

	switch (kind) {
	case MK_STR_LITERAL:
		return literal;
	case MK_STR_EMPTY:
		return "";
	case MK_STR_MAX:
		len = max;
		break;
	default:
		len = max + 1;
		break;
	}
	s = kunit_kzalloc(test, len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	memset(s, 'x', len);
	memcpy(s, prefix, min(plen, len));
	return s;
}

static bool mk_name_valid(const char *name)
{
	return name && *name && strlen(name) <= MARK_MAX_NAME_LEN;
}

static void marker_core_error_codes(struct kunit *test)
{
	const struct mk_err_case *c = test->param_value;
	struct mk_ctx *ctx = test->priv;
	marker_probe_func *probe;
	const char *name, *fmt;
	struct mk_sites s;
	void *priv;
	int ret, before = 0, after;

	name = mk_make_str(test, c->name_kind, c->name, MK_LONG_NAME,
			   MARK_MAX_NAME_LEN);
	fmt = mk_make_str(test, c->fmt_kind, c->fmt, "f %d ",
			  MARK_MAX_FORMAT_LEN);
	probe = c->null_probe ? NULL : mk_probe_1;
	priv = &ctx->priv[c->other_priv ? 1 : 0];

	if (c->pre) {
		ret = mk_register(test, name, c->pre_fmt, mk_probe_1,
				  &ctx->priv[0]);
		KUNIT_ASSERT_EQ_MSG(test, ret, 0, "registration before the case");
		before = 1;
	}

	switch (c->op) {
	case MK_REGISTER:
		ret = mk_register(test, name, fmt, probe, priv);
		break;
	case MK_UNREGISTER:
		ret = marker_probe_unregister(name, probe, priv);
		break;
	default:
		ret = marker_probe_unregister_private_data(probe, priv);
		break;
	}
	marker_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, ret, c->expected);

	/* A failed call changes nothing; a successful one adds or removes. */
	if (!mk_name_valid(name))
		return;
	after = before;
	if (!c->expected)
		after += c->op == MK_REGISTER ? 1 : -1;
	KUNIT_EXPECT_EQ(test, mk_count(name, mk_probe_1), after);
	mk_find_sites(name, &s);
	if (s.nr)
		mk_expect_sites(test, name, s.nr, c->arms_none ? 0 : after);
}

static struct kunit_case marker_core_error_cases[] = {
	KUNIT_CASE_PARAM(marker_core_error_codes, mk_err_gen_params),
	{}
};

static struct kunit_suite marker_core_errors_suite = {
	.name = "marker_core_errors",
	.init = mk_init,
	.test_cases = marker_core_error_cases,
};

kunit_test_suites(&marker_core_suite, &marker_core_errors_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for the kernel marker compatibility shim");
