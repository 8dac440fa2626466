// SPDX-License-Identifier: GPL-2.0
/*
 * event_bench.c - cost per recorded event: a marker event next to a
 * TRACE_EVENT() and trace_printk() of the same payload
 *
 * The payload is three integers and a 16-byte string.  Each variant is a
 * noinline function taking that payload:
 *
 *   empty         does nothing (the loop's own cost)
 *   marker_event  a trace_mark() site whose event markers:ebench_marker
 *                 is enabled
 *   trace_event   a TRACE_EVENT(), event_bench:ebench_native, enabled
 *   trace_printk  trace_printk() of the same payload
 *
 * Enabling and filtering are left to tracefs, as a user would do them:
 * the events exist once the module is loaded.  Then writing "enabled" or
 * "filtered" to /sys/module/event_bench/parameters/run times the variants
 * (with "filtered", both events should have a filter that rejects every
 * hit; trace_printk cannot be filtered and is left out).  Batches of the
 * variants are interleaved, preemption disabled within a batch, and each
 * variant's fastest, median and 90th-percentile batch are reported as
 * "event_bench:" lines, from the best of four placements of the timing
 * loop (placements.h).  Timing never fails anything.
 */
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/slab.h>

#include <compat/marker.h>

#include "placements.h"

#define CREATE_TRACE_POINTS
#include "event_bench_trace.h"

static unsigned int batch = 20000;
module_param(batch, uint, 0444);
MODULE_PARM_DESC(batch, "Events per timed batch");

static unsigned int rounds = 31;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "Timed batches per variant");

/* 15 characters and the NUL: a 16-byte string. */
static const char ebench_str[] = "0123456789abcde";

static noinline void ebench_empty(int a, int b, int c, const char *s)
{
	barrier();
}

static noinline void ebench_marker(int a, int b, int c, const char *s)
{
	trace_mark(ebench_marker, "a %d b %d c %d s %s", a, b, c, s);
}

static noinline void ebench_trace_event(int a, int b, int c, const char *s)
{
	trace_ebench_native(a, b, c, s);
}

static noinline void ebench_trace_printk(int a, int b, int c, const char *s)
{
	trace_printk("a %d b %d c %d s %s\n", a, b, c, s);
}

typedef void ebench_fn(int a, int b, int c, const char *s);

struct ebench_variant {
	const char *name;
	ebench_fn *fn;
	bool filterable;
	u64 *ps[BENCH_LOOPS];
	unsigned int best;
};

static struct ebench_variant ebench_variants[] = {
	{ "empty", ebench_empty, true },
	{ "marker_event", ebench_marker, true },
	{ "trace_event", ebench_trace_event, true },
	{ "trace_printk", ebench_trace_printk, false },
};

/*
 * Picoseconds per event, over one batch; @copy keeps the copies of the
 * loop (placements.h) apart.
 */
static __always_inline u64 ebench_batch(ebench_fn *fn, int copy)
{
	unsigned int i;
	u64 t0, t1;

	/* Different code in each copy, so that none is merged with another. */
	asm volatile("" : : "i" (copy));
	preempt_disable();
	t0 = ktime_get_ns();
	for (i = 0; i < batch; i++)
		fn(i, 2 * i, 3 * i, ebench_str);
	t1 = ktime_get_ns();
	preempt_enable();
	return div_u64((t1 - t0) * 1000, batch);
}

BENCH_DEFINE_LOOPS(ebench_loops, ebench_fn, ebench_batch);

static void ebench_print(const char *mode, const struct ebench_variant *v)
{
	const u64 *ps = v->ps[v->best];
	u64 min = ps[0], med = ps[rounds / 2], p90 = ps[rounds * 9 / 10];
	u64 worst = bench_worst_median(v->ps, rounds);

	pr_info("event_bench: %s %s min %llu.%03llu median %llu.%03llu p90 %llu.%03llu ns/event (loop %u of %u; worst median %llu.%03llu)\n",
		mode, v->name, div_u64(min, 1000), min % 1000,
		div_u64(med, 1000), med % 1000, div_u64(p90, 1000), p90 % 1000,
		v->best + 1, BENCH_LOOPS, div_u64(worst, 1000), worst % 1000);
}

static void ebench_free(void)
{
	unsigned int i, c;

	for (i = 0; i < ARRAY_SIZE(ebench_variants); i++) {
		for (c = 0; c < BENCH_LOOPS; c++) {
			kfree(ebench_variants[i].ps[c]);
			ebench_variants[i].ps[c] = NULL;
		}
	}
}

static int ebench_run(const char *mode, bool filtered)
{
	unsigned int i, r, c, nr = ARRAY_SIZE(ebench_variants);

	for (i = 0; i < nr; i++) {
		for (c = 0; c < BENCH_LOOPS; c++) {
			ebench_variants[i].ps[c] = kcalloc(rounds, sizeof(u64),
							   GFP_KERNEL);
			if (!ebench_variants[i].ps[c]) {
				ebench_free();
				return -ENOMEM;
			}
		}
	}

	pr_info("event_bench: %s: %u rounds of %u events per variant\n", mode,
		rounds, batch);
	for (r = 0; r <= rounds; r++) {
		for (i = 0; i < nr; i++) {
			struct ebench_variant *v = &ebench_variants[i];

			if (filtered && !v->filterable)
				continue;
			/* Round 0 warms up and is not kept. */
			for (c = 0; c < BENCH_LOOPS; c++) {
				u64 ps = ebench_loops[c](v->fn);

				if (r)
					v->ps[c][r - 1] = ps;
			}
		}
		cond_resched();
	}
	for (i = 0; i < nr; i++) {
		struct ebench_variant *v = &ebench_variants[i];

		if (filtered && !v->filterable)
			continue;
		v->best = bench_best_loop(v->ps, rounds);
		ebench_print(mode, v);
	}
	pr_info("event_bench: %s: done\n", mode);
	ebench_free();
	return 0;
}

static DEFINE_MUTEX(ebench_lock);

static int ebench_run_set(const char *val, const struct kernel_param *kp)
{
	bool filtered;
	int ret;

	if (sysfs_streq(val, "enabled"))
		filtered = false;
	else if (sysfs_streq(val, "filtered"))
		filtered = true;
	else
		return -EINVAL;
	if (!batch || !rounds)
		return -EINVAL;

	mutex_lock(&ebench_lock);
	ret = ebench_run(filtered ? "filtered" : "enabled", filtered);
	mutex_unlock(&ebench_lock);
	return ret;
}

static const struct kernel_param_ops ebench_run_ops = {
	.set = ebench_run_set,
};

module_param_cb(run, &ebench_run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "Time the variants: \"enabled\" or \"filtered\"");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Cost of a marker event next to TRACE_EVENT() and trace_printk()");
