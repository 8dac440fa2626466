// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrent stress of the marker registry, for tests/guest/stress.sh.
 *
 * Writing N to "run" runs for N seconds:
 *
 *   - one thread per online CPU, bound to it, fires in a tight loop a
 *     plain marker site (mct_stress) and this module's tracepoint, whose
 *     callback holds a trace_mark_tp() site of the same name;
 *   - two threads register and unregister probes on mct_stress at random,
 *     from a pool of MCT_STRESS_SLOTS (probe, private) pairs, and make
 *     calls that must fail: a pair registered twice (-EBUSY), a pair not
 *     registered (-ENOENT), a bad name and a %n format (-EINVAL), a format
 *     other than the registered probes' (-EPERM).
 *
 * A slot is marked live before its registration and unmarked only after
 * its unregistration and marker_synchronize_unregister(): a probe that
 * runs on an unmarked slot ran when it could not be registered, and is
 * counted as a violation.  Then everything is unregistered, and the
 * tracepoint core's own probe arrays must be empty.  Results (read):
 * violations, errors (an unexpected return value), hits, registrations,
 * failures_expected, leftover (probes and callbacks left on the
 * tracepoint core's arrays at the end).
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include <compat/marker.h>
#include <compat/tracepoint.h>
#include <compat/tracepoint_callbacks.h>

#define MCT_STRESS_SLOTS	8
#define MCT_STRESS_FORMAT	"cpu %d seq %lu"

COMPAT_DECLARE_TRACE(mct_stress_tp,
		     TP_PROTO(int cpu, unsigned long seq),
		     TP_ARGS(cpu, seq));
COMPAT_DEFINE_TRACE(mct_stress_tp,
		    TP_PROTO(int cpu, unsigned long seq),
		    TP_ARGS(cpu, seq));

struct mct_slot {
	bool live;		/* registered, or about to be, or not yet waited for */
	bool registered;	/* the registry has the pair */
};

static struct mct_slot slots[MCT_STRESS_SLOTS];
static atomic_t violations, errors, registrations, failures_expected;
static atomic_long_t hits;
static unsigned int leftover;

module_param_cb(violations, &param_ops_int, &violations.counter, 0444);
module_param_cb(errors, &param_ops_int, &errors.counter, 0444);
module_param_cb(registrations, &param_ops_int, &registrations.counter, 0444);
module_param_cb(failures_expected, &param_ops_int, &failures_expected.counter,
		0444);
module_param_cb(hits, &param_ops_long, &hits.counter, 0444);
module_param(leftover, uint, 0444);

static void mct_stress_probe(void *probe_private, void *call_private,
			     const char *fmt, va_list *args)
{
	struct mct_slot *slot = probe_private;

	if (!READ_ONCE(slot->live))
		atomic_inc(&violations);
	atomic_long_inc(&hits);
}

static void __used mct_stress_cb(void *data, int cpu, unsigned long seq)
{
	trace_mark_tp(mct_stress, mct_stress_tp, mct_stress_cb,
		      MCT_STRESS_FORMAT, cpu, seq);
}

static noinline void mct_stress_fire(int cpu, unsigned long seq)
{
	trace_mark(mct_stress, MCT_STRESS_FORMAT, cpu, seq);
}

static int mct_stress_firer(void *arg)
{
	unsigned long seq = 0;
	int cpu = (long)arg;

	while (!kthread_should_stop()) {
		mct_stress_fire(cpu, ++seq);
		trace_mct_stress_tp(cpu, seq);
		if (!(seq % 1024))
			cond_resched();
	}
	return 0;
}

static void mct_expect(int ret, int want)
{
	if (ret != want)
		atomic_inc(&errors);
	else if (want)
		atomic_inc(&failures_expected);
}

static void mct_stress_toggle(struct mct_slot *slot)
{
	int ret;

	if (!slot->registered) {
		WRITE_ONCE(slot->live, true);
		ret = marker_probe_register("mct_stress", MCT_STRESS_FORMAT,
					    mct_stress_probe, slot);
		mct_expect(ret, 0);
		if (ret) {
			marker_synchronize_unregister();
			WRITE_ONCE(slot->live, false);
			return;
		}
		slot->registered = true;
		atomic_inc(&registrations);
		/* Registered twice: refused, and still registered once. */
		mct_expect(marker_probe_register("mct_stress", MCT_STRESS_FORMAT,
						 mct_stress_probe, slot),
			   -EBUSY);
		return;
	}
	mct_expect(marker_probe_unregister("mct_stress", mct_stress_probe,
					   slot), 0);
	slot->registered = false;
	mct_expect(marker_probe_unregister("mct_stress", mct_stress_probe,
					   slot), -ENOENT);
	marker_synchronize_unregister();
	WRITE_ONCE(slot->live, false);
}

/* Each registrar owns half of the slots: a slot has one writer. */
static int mct_stress_registrar(void *arg)
{
	unsigned int first = (long)arg * (MCT_STRESS_SLOTS / 2), k;
	struct mct_slot bad = { .live = true };

	while (!kthread_should_stop()) {
		k = first + get_random_u32_below(MCT_STRESS_SLOTS / 2);
		mct_stress_toggle(&slots[k]);
		mct_expect(marker_probe_register("", MCT_STRESS_FORMAT,
						 mct_stress_probe, &bad),
			   -EINVAL);
		mct_expect(marker_probe_register("mct_stress", "cpu %n",
						 mct_stress_probe, &bad),
			   -EINVAL);
		if (slots[k].registered)
			mct_expect(marker_probe_register("mct_stress", "other %s",
							 mct_stress_probe, &bad),
				   -EPERM);
		usleep_range(100, 300);
	}
	return 0;
}

static unsigned int mct_stress_leftover(void)
{
	struct marker_iter iter;
	unsigned int nr = 0;

	marker_iter_reset(&iter);
	for (marker_iter_start(&iter); iter.marker; marker_iter_next(&iter))
		if (!strcmp(iter.marker->name, "mct_stress"))
			nr += marker_site_probes(iter.marker);
	marker_iter_stop(&iter);
	return nr + compat_tp_callbacks(&__tracepoint_mct_stress_tp);
}

static int mct_stress_run(const char *val, const struct kernel_param *kp)
{
	struct task_struct **tasks;
	unsigned int secs, nr = 0, i, k;
	int cpu, ret;

	ret = kstrtouint(val, 0, &secs);
	if (ret || !secs || secs > 600)
		return -EINVAL;
	tasks = kcalloc(num_online_cpus() + 2, sizeof(*tasks), GFP_KERNEL);
	if (!tasks)
		return -ENOMEM;

	for_each_online_cpu(cpu) {
		tasks[nr] = kthread_create_on_cpu(mct_stress_firer,
						  (void *)(long)cpu, cpu,
						  "mct_fire/%u");
		if (!IS_ERR(tasks[nr]))
			wake_up_process(tasks[nr++]);
	}
	for (i = 0; i < 2; i++) {
		tasks[nr] = kthread_run(mct_stress_registrar, (void *)(long)i,
					"mct_reg/%u", i);
		if (!IS_ERR(tasks[nr]))
			nr++;
	}
	for (i = 0; !signal_pending(current) && i < secs * 10; i++)
		msleep(100);
	/* The threads run until stopped, so none is gone before this. */
	for (i = 0; i < nr; i++)
		kthread_stop(tasks[i]);
	kfree(tasks);

	for (k = 0; k < MCT_STRESS_SLOTS; k++)
		if (slots[k].registered)
			mct_stress_toggle(&slots[k]);
	leftover = mct_stress_leftover();
	return 0;
}

static const struct kernel_param_ops mct_stress_run_ops = {
	.set = mct_stress_run,
};
module_param_cb(run, &mct_stress_run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "Run the stress for this many seconds");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Concurrent stress of the marker registry");
