// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrent stress of the marker registry, for tests/guest/stress.sh.
 *
 * Writing N to "run" runs for N seconds:
 *
 *   - one thread per online CPU, bound to it, fires in a tight loop a
 *     plain marker site (mct_stress) and this module's tracepoint, whose
 *     callback holds a trace_mark_tp() site of the same name, and the
 *     same pair for a second name, mct_half;
 *   - two threads register and unregister probes on mct_stress at random,
 *     from a pool of MCT_STRESS_SLOTS (probe, private) pairs, and make
 *     calls that must fail: a pair registered twice (-EBUSY), a pair not
 *     registered (-ENOENT), a bad name and a %n format (-EINVAL), a format
 *     other than the registered probes' (-EPERM), and a registration that
 *     fails half-way: mct_half's plain site is armed before its bridged
 *     site fails, since this module registered the bridged callback on
 *     its tracepoint itself (-EBUSY);
 *   - a tap (marker_tap_register()) is on mct_stress from before the
 *     first hit to after the last: it must see every hit of both sites,
 *     exactly, however the probes around it come and go;
 *   - then, 20 times with the CPUs still firing, a probe and the tap are
 *     registered and, as the name's last, unregistered again.
 *
 * A slot is marked live before its registration and unmarked only after
 * its unregistration and marker_synchronize_unregister() (after a failed
 * registration, as soon as it returns): a probe that runs on an unmarked
 * slot ran when it could not be registered, and is counted as a
 * violation.  At the end the tracepoint core's own probe arrays must be
 * empty.  Results (read): violations, errors (an unexpected return
 * value), hits, registrations, failures_expected, fires and tap_hits (the
 * tap must have 2 * fires), leftover (probes and callbacks left on the
 * tracepoint core's arrays).
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
#include <compat/marker_debug.h>
#include <compat/tracepoint.h>
#include <compat/tracepoint_read.h>

#define MCT_STRESS_SLOTS	8
#define MCT_STRESS_FORMAT	"cpu %d seq %lu"
#define MCT_HALF_FORMAT		"cpu %d"
#define MCT_STRESS_LAST_ROUNDS	20

COMPAT_DECLARE_TRACE(mct_stress_tp,
		     TP_PROTO(int cpu, unsigned long seq),
		     TP_ARGS(cpu, seq));
COMPAT_DEFINE_TRACE(mct_stress_tp,
		    TP_PROTO(int cpu, unsigned long seq),
		    TP_ARGS(cpu, seq));
COMPAT_DECLARE_TRACE(mct_half_tp, TP_PROTO(int cpu), TP_ARGS(cpu));
COMPAT_DEFINE_TRACE(mct_half_tp, TP_PROTO(int cpu), TP_ARGS(cpu));

struct mct_slot {
	bool live;		/* registered, or about to be, or not yet waited for */
	bool registered;	/* the registry has the pair */
};

static struct mct_slot slots[MCT_STRESS_SLOTS];
/* One per registrar, for its half-way failures; and the tap's. */
static struct mct_slot half_slots[2], tap_slot;
static atomic_t violations, errors, registrations, failures_expected;
static atomic_long_t hits, fires, tap_count;
static long run_fires, run_tap_hits;
static unsigned int leftover;

module_param_cb(violations, &param_ops_int, &violations.counter, 0444);
module_param_cb(errors, &param_ops_int, &errors.counter, 0444);
module_param_cb(registrations, &param_ops_int, &registrations.counter, 0444);
module_param_cb(failures_expected, &param_ops_int, &failures_expected.counter,
		0444);
module_param_cb(hits, &param_ops_long, &hits.counter, 0444);
module_param_named(fires, run_fires, long, 0444);
module_param_named(tap_hits, run_tap_hits, long, 0444);
module_param(leftover, uint, 0444);

static void mct_stress_probe(void *probe_private, void *call_private,
			     const char *fmt, va_list *args)
{
	struct mct_slot *slot = probe_private;

	if (!READ_ONCE(slot->live))
		atomic_inc(&violations);
	atomic_long_inc(&hits);
}

static void mct_stress_tap(void *probe_private, void *call_private,
			   const char *fmt, va_list *args)
{
	mct_stress_probe(probe_private, call_private, fmt, args);
	atomic_long_inc(&tap_count);
}

static void __used mct_stress_cb(void *data, int cpu, unsigned long seq)
{
	trace_mark_tp(mct_stress, mct_stress_tp, mct_stress_cb,
		      MCT_STRESS_FORMAT, cpu, seq);
}

/* Before the callback: the walk (and arming) meets this site first. */
static noinline void mct_half_fire(int cpu)
{
	trace_mark(mct_half, MCT_HALF_FORMAT, cpu);
}

static void __used mct_half_cb(void *data, int cpu)
{
	trace_mark_tp(mct_half, mct_half_tp, mct_half_cb, MCT_HALF_FORMAT,
		      cpu);
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
		mct_half_fire(cpu);
		trace_mct_half_tp(cpu);
		if (!(seq % 1024))
			cond_resched();
	}
	/* Each round hit both sites of mct_stress once. */
	atomic_long_add(seq, &fires);
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
		/* Fails half-way; once it returns, the probe runs no more. */
		WRITE_ONCE(half_slots[(long)arg].live, true);
		mct_expect(marker_probe_register("mct_half", MCT_HALF_FORMAT,
						 mct_stress_probe,
						 &half_slots[(long)arg]),
			   -EBUSY);
		WRITE_ONCE(half_slots[(long)arg].live, false);
		usleep_range(100, 300);
	}
	return 0;
}

/*
 * Registration arms a name's sites in walk order: for the half-way
 * failure to be half-way, mct_half's first site must be the plain one.
 */
static bool mct_half_plain_first(void)
{
	struct marker_iter iter;
	bool plain = false;

	marker_iter_reset(&iter);
	for (marker_iter_start(&iter); iter.marker; marker_iter_next(&iter))
		if (!strcmp(iter.marker->name, "mct_half")) {
			plain = !iter.marker->tp_name;
			break;
		}
	marker_iter_stop(&iter);
	return plain;
}

static unsigned int mct_stress_leftover(void)
{
	struct marker_iter iter;
	unsigned int nr = 0;

	marker_iter_reset(&iter);
	for (marker_iter_start(&iter); iter.marker; marker_iter_next(&iter))
		if (!strcmp(iter.marker->name, "mct_stress") ||
		    !strcmp(iter.marker->name, "mct_half"))
			nr += marker_site_probes(iter.marker);
	marker_iter_stop(&iter);
	/* mct_half_tp keeps the callback this module put there itself. */
	return nr + compat_tp_callbacks(&__tracepoint_mct_stress_tp) +
	       compat_tp_callbacks(&__tracepoint_mct_half_tp) - 1;
}

/* Start one firer per online CPU into @tasks; return how many started. */
static unsigned int mct_stress_start_firers(struct task_struct **tasks)
{
	unsigned int nr = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		tasks[nr] = kthread_create_on_cpu(mct_stress_firer,
						  (void *)(long)cpu, cpu,
						  "mct_fire/%u");
		if (!IS_ERR(tasks[nr]))
			wake_up_process(tasks[nr++]);
	}
	return nr;
}

static void mct_stress_stop(struct task_struct **tasks, unsigned int nr)
{
	unsigned int i;

	/* The threads run until stopped, so none is gone before this. */
	for (i = 0; i < nr; i++)
		kthread_stop(tasks[i]);
}

static int mct_stress_tap_on(void)
{
	int ret;

	WRITE_ONCE(tap_slot.live, true);
	ret = marker_tap_register("mct_stress", mct_stress_tap, &tap_slot);
	mct_expect(ret, 0);
	if (ret)
		WRITE_ONCE(tap_slot.live, false);
	return ret;
}

static void mct_stress_tap_off(void)
{
	mct_expect(marker_tap_unregister("mct_stress", mct_stress_tap,
					 &tap_slot), 0);
	marker_synchronize_unregister();
	WRITE_ONCE(tap_slot.live, false);
}

/*
 * The name's last probe and tap unregistered while every CPU fires, the
 * tap last in even rounds, the probe in odd ones: after
 * marker_synchronize_unregister() neither runs again.
 */
static void mct_stress_last_unregister(struct task_struct **tasks)
{
	unsigned int nr, round;

	nr = mct_stress_start_firers(tasks);
	for (round = 0; round < MCT_STRESS_LAST_ROUNDS; round++) {
		mct_stress_toggle(&slots[0]);
		if (mct_stress_tap_on())
			break;
		msleep(20);
		if (round % 2) {
			mct_stress_tap_off();
			mct_stress_toggle(&slots[0]);
		} else {
			mct_stress_toggle(&slots[0]);
			mct_stress_tap_off();
		}
		msleep(20);
	}
	mct_stress_stop(tasks, nr);
}

static int mct_stress_run(const char *val, const struct kernel_param *kp)
{
	struct task_struct **tasks;
	unsigned int secs, nr, i, k;
	int ret;

	ret = kstrtouint(val, 0, &secs);
	if (ret || !secs || secs > 600)
		return -EINVAL;
	tasks = kcalloc(num_online_cpus() + 2, sizeof(*tasks), GFP_KERNEL);
	if (!tasks)
		return -ENOMEM;
	if (!mct_half_plain_first())
		atomic_inc(&errors);
	/* mct_half's bridged site will find its callback taken. */
	ret = register_trace_mct_half_tp(mct_half_cb, NULL);
	if (ret)
		goto out;
	/* Only this module's firers hit mct_stress: none runs yet. */
	atomic_long_set(&tap_count, 0);
	atomic_long_set(&fires, 0);
	ret = mct_stress_tap_on();
	if (ret)
		goto out_half;

	nr = mct_stress_start_firers(tasks);
	for (i = 0; i < 2; i++) {
		tasks[nr] = kthread_run(mct_stress_registrar, (void *)(long)i,
					"mct_reg/%u", i);
		if (!IS_ERR(tasks[nr]))
			nr++;
	}
	for (i = 0; !signal_pending(current) && i < secs * 10; i++)
		msleep(100);
	mct_stress_stop(tasks, nr);
	/* Every hit of both sites reached the tap: 2 * fires in all. */
	run_tap_hits = atomic_long_read(&tap_count);
	run_fires = atomic_long_read(&fires);
	mct_stress_tap_off();
	for (k = 0; k < MCT_STRESS_SLOTS; k++)
		if (slots[k].registered)
			mct_stress_toggle(&slots[k]);

	mct_stress_last_unregister(tasks);
	leftover = mct_stress_leftover();
out_half:
	unregister_trace_mct_half_tp(mct_half_cb, NULL);
	tracepoint_synchronize_unregister();
out:
	kfree(tasks);
	return ret;
}

static const struct kernel_param_ops mct_stress_run_ops = {
	.set = mct_stress_run,
};
module_param_cb(run, &mct_stress_run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "Run the stress for this many seconds");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Concurrent stress of the marker registry");
