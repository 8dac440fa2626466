// SPDX-License-Identifier: GPL-2.0
/*
 * marker_bench.c - cost per call of marker sites and native tracepoints
 *
 * Runs once at load and prints one "marker_bench:" line per variant:
 *
 *   empty         a call of an empty function (the loop's own cost)
 *   marker_off    a call of a function with a disabled trace_mark() site
 *   marker_var_off  the same with _trace_mark(): a load, a test, a branch
 *   tp_off        a call of a function with a disabled native tracepoint
 *   marker_on     the same marker site with one empty probe connected
 *   tp_on         the same tracepoint with one empty probe connected
 *
 * Every site function is noinline and takes the same two arguments (an
 * int and a string), so the variants differ only in the site.  Each
 * variant runs @rounds batches of @batch calls with preemption disabled;
 * batches of the variants are interleaved so that a disturbance (another
 * guest or host process) hits all of them alike.  Reported: the fastest,
 * the median and the 90th-percentile batch, in nanoseconds per call (the
 * spread tells a quiet run from a disturbed one), of the best of
 * BENCH_LOOPS placements of the timing loop (placements.h), with the worst
 * placement's median.  Timing never fails.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>

#include <compat/marker.h>
#include <compat/tracepoint.h>

#include "placements.h"

COMPAT_DECLARE_TRACE(mcb_native,
		     TP_PROTO(int value, const char *str),
		     TP_ARGS(value, str));

COMPAT_DEFINE_TRACE(mcb_native,
		    TP_PROTO(int value, const char *str),
		    TP_ARGS(value, str));

static unsigned int batch = 100000;
module_param(batch, uint, 0444);
MODULE_PARM_DESC(batch, "Calls per timed batch");

static unsigned int rounds = 51;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "Timed batches per variant");

static const char mcb_str[] = "bench";

static noinline void mcb_empty_site(int value, const char *str)
{
	barrier();
}

static noinline void mcb_marker_site(int value, const char *str)
{
	trace_mark(mcb_marker, "value %d string %s", value, str);
}

static noinline void mcb_marker_var_site(int value, const char *str)
{
	_trace_mark(mcb_marker_var, "value %d string %s", value, str);
}

static noinline void mcb_tp_site(int value, const char *str)
{
	trace_mcb_native(value, str);
}

static void mcb_marker_probe(void *probe_private, void *call_private,
			     const char *fmt, va_list *args)
{
}

static void mcb_tp_probe(void *data, int value, const char *str)
{
}

typedef void mcb_site_fn(int value, const char *str);

struct mcb_variant {
	const char *name;
	mcb_site_fn *site;
	u64 *ps[BENCH_LOOPS];
	unsigned int best;
};

/*
 * Picoseconds per call, over one batch; @copy keeps the copies of the
 * loop (placements.h) apart.
 */
static __always_inline u64 mcb_batch(mcb_site_fn *site, int copy)
{
	unsigned int i;
	u64 t0, t1;

	/* Different code in each copy, so that none is merged with another. */
	asm volatile("" : : "i" (copy));
	preempt_disable();
	t0 = ktime_get_ns();
	for (i = 0; i < batch; i++)
		site(i, mcb_str);
	t1 = ktime_get_ns();
	preempt_enable();
	return div_u64((t1 - t0) * 1000, batch);
}

BENCH_DEFINE_LOOPS(mcb_loops, mcb_site_fn, mcb_batch);

static int mcb_measure(struct mcb_variant *v, unsigned int nr)
{
	unsigned int r, i, c;

	for (i = 0; i < nr; i++) {
		for (c = 0; c < BENCH_LOOPS; c++) {
			v[i].ps[c] = kcalloc(rounds, sizeof(u64), GFP_KERNEL);
			if (!v[i].ps[c])
				return -ENOMEM;
			mcb_loops[c](v[i].site);	/* warm up */
		}
	}
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < nr; i++)
			for (c = 0; c < BENCH_LOOPS; c++)
				v[i].ps[c][r] = mcb_loops[c](v[i].site);
		cond_resched();
	}
	for (i = 0; i < nr; i++)
		v[i].best = bench_best_loop(v[i].ps, rounds);
	return 0;
}

static void mcb_report(const struct mcb_variant *v)
{
	const u64 *ps = v->ps[v->best];
	u64 min = ps[0], med = ps[rounds / 2], p90 = ps[rounds * 9 / 10];
	u64 worst = bench_worst_median(v->ps, rounds);

	pr_info("marker_bench: %-14s min %llu.%03llu ns/call median %llu.%03llu ns/call p90 %llu.%03llu ns/call (loop %u of %u; worst median %llu.%03llu)\n",
		v->name, div_u64(min, 1000), min % 1000, div_u64(med, 1000),
		med % 1000, div_u64(p90, 1000), p90 % 1000, v->best + 1,
		BENCH_LOOPS, div_u64(worst, 1000), worst % 1000);
}

static void mcb_free(struct mcb_variant *v, unsigned int nr)
{
	unsigned int i, c;

	for (i = 0; i < nr; i++)
		for (c = 0; c < BENCH_LOOPS; c++)
			kfree(v[i].ps[c]);
}

static int __init mcb_init(void)
{
	struct mcb_variant off[] = {
		{ .name = "empty", .site = mcb_empty_site },
		{ .name = "marker_off", .site = mcb_marker_site },
		{ .name = "marker_var_off", .site = mcb_marker_var_site },
		{ .name = "tp_off", .site = mcb_tp_site },
	};
	struct mcb_variant on[] = {
		{ .name = "marker_on", .site = mcb_marker_site },
		{ .name = "tp_on", .site = mcb_tp_site },
	};
	int ret, i;

	if (!batch || !rounds)
		return -EINVAL;
	pr_info("marker_bench: %u rounds of %u calls per variant\n", rounds,
		batch);

	ret = mcb_measure(off, ARRAY_SIZE(off));
	if (ret)
		goto out;

	ret = marker_probe_register("mcb_marker", "value %d string %s",
				    mcb_marker_probe, NULL);
	if (ret) {
		pr_err("marker_bench: marker_probe_register: %d\n", ret);
		goto out;
	}
	ret = register_trace_mcb_native(mcb_tp_probe, NULL);
	if (ret) {
		pr_err("marker_bench: register_trace_mcb_native: %d\n", ret);
		marker_probe_unregister("mcb_marker", mcb_marker_probe, NULL);
		marker_synchronize_unregister();
		goto out;
	}

	ret = mcb_measure(on, ARRAY_SIZE(on));

	unregister_trace_mcb_native(mcb_tp_probe, NULL);
	marker_probe_unregister("mcb_marker", mcb_marker_probe, NULL);
	marker_synchronize_unregister();

	if (ret)
		goto out;

	for (i = 0; i < ARRAY_SIZE(off); i++)
		mcb_report(&off[i]);
	for (i = 0; i < ARRAY_SIZE(on); i++)
		mcb_report(&on[i]);
	pr_info("marker_bench: done\n");
out:
	mcb_free(off, ARRAY_SIZE(off));
	mcb_free(on, ARRAY_SIZE(on));
	return ret;
}

static void __exit mcb_exit(void)
{
}

module_init(mcb_init);
module_exit(mcb_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Cost of marker sites next to native tracepoints");
