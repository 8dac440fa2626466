/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Body of the marker event lifetime modules, mct_events_a, mct_events_b
 * and mct_events_c (tests/guest/events-lifetime.sh, event-open-files.sh):
 *
 * - one name, mct_ev, whose format differs between the two modules: its
 *   event is replaced when the name returns with the other format;
 * - in module A, MCT_MANY more names of one format: disabling their
 *   events all at once must not wait a grace period per event;
 * - in module C alone, mct_taken, a name the test gives another event
 *   first;
 * - in module A, an RCU reader held on request (parameter rcu_hold, in
 *   milliseconds; rcu_held reads 1 while it holds): anything that waits
 *   for a grace period meanwhile waits for it to end.
 *
 * Write N to the "fire" parameter to run every site of the module N times.
 */
#ifndef _MCT_EVENTS_H
#define _MCT_EVENTS_H

#include <linux/delay.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rcupdate.h>
#include <compat/marker.h>

#include "mct_fire.h"

#ifdef MCT_EV_FORMAT
static noinline void mct_fire_ev(unsigned int seq)
{
	trace_mark(mct_ev, MCT_EV_FORMAT, MCT_EV_ARGS(seq));
}
#else
static noinline void mct_fire_ev(unsigned int seq)
{
	trace_mark(mct_taken, "v %u", seq);
}
#endif

#ifdef MCT_MANY
#define MCT_MANY_SITE(n)	trace_mark(mct_many_##n, "seq %u", seq)

/* 32 names, each its own event. */
static noinline void mct_fire_many(unsigned int seq)
{
	MCT_MANY_SITE(0);  MCT_MANY_SITE(1);  MCT_MANY_SITE(2);
	MCT_MANY_SITE(3);  MCT_MANY_SITE(4);  MCT_MANY_SITE(5);
	MCT_MANY_SITE(6);  MCT_MANY_SITE(7);  MCT_MANY_SITE(8);
	MCT_MANY_SITE(9);  MCT_MANY_SITE(10); MCT_MANY_SITE(11);
	MCT_MANY_SITE(12); MCT_MANY_SITE(13); MCT_MANY_SITE(14);
	MCT_MANY_SITE(15); MCT_MANY_SITE(16); MCT_MANY_SITE(17);
	MCT_MANY_SITE(18); MCT_MANY_SITE(19); MCT_MANY_SITE(20);
	MCT_MANY_SITE(21); MCT_MANY_SITE(22); MCT_MANY_SITE(23);
	MCT_MANY_SITE(24); MCT_MANY_SITE(25); MCT_MANY_SITE(26);
	MCT_MANY_SITE(27); MCT_MANY_SITE(28); MCT_MANY_SITE(29);
	MCT_MANY_SITE(30); MCT_MANY_SITE(31);
}

/*
 * The held reader.  Preemptible RCU lets a reader be preempted, so it
 * spins with preemption enabled and never sleeps (sleeping in a reader is
 * a bug).  It ends when its time is up or "rcu_hold" is written 0.
 */
static struct task_struct *mct_reader;
static unsigned long mct_hold_until;
static bool mct_held;
module_param_named(rcu_held, mct_held, bool, 0444);
MODULE_PARM_DESC(rcu_held, "1 while the RCU reader holds");

static int mct_reader_fn(void *unused)
{
	rcu_read_lock();
	WRITE_ONCE(mct_held, true);
	while (time_before(jiffies, READ_ONCE(mct_hold_until)) &&
	       !kthread_should_stop())
		cpu_relax();
	WRITE_ONCE(mct_held, false);
	rcu_read_unlock();
	while (!kthread_should_stop())
		msleep(20);
	return 0;
}

static void mct_reader_stop(void)
{
	if (!mct_reader)
		return;
	kthread_stop(mct_reader);
	mct_reader = NULL;
}

static int mct_rcu_hold_set(const char *val, const struct kernel_param *kp)
{
	struct task_struct *t;
	unsigned int ms;
	int ret;

	if (!IS_ENABLED(CONFIG_PREEMPT_RCU))
		return -EOPNOTSUPP;
	ret = kstrtouint(val, 0, &ms);
	if (ret)
		return ret;
	mct_reader_stop();
	if (!ms)
		return 0;
	WRITE_ONCE(mct_hold_until, jiffies + msecs_to_jiffies(ms));
	t = kthread_run(mct_reader_fn, NULL, "mct_rcu_reader");
	if (IS_ERR(t))
		return PTR_ERR(t);
	mct_reader = t;
	/* Held when the write returns. */
	while (!READ_ONCE(mct_held))
		usleep_range(1000, 2000);
	return 0;
}

static const struct kernel_param_ops mct_rcu_hold_ops = {
	.set = mct_rcu_hold_set,
};
module_param_cb(rcu_hold, &mct_rcu_hold_ops, NULL, 0200);
MODULE_PARM_DESC(rcu_hold, "Write N: hold an RCU reader for N ms (0: stop)");
#else
static inline void mct_fire_many(unsigned int seq)
{
}

static inline void mct_reader_stop(void)
{
}
#endif /* MCT_MANY */

static void mct_fire_all(unsigned int seq)
{
	mct_fire_ev(seq);
	mct_fire_many(seq);
}

MCT_FIRE_PARAM(mct_fire_all, "Write N: run every site of the module N times");

static int __init mct_events_init(void)
{
	return 0;
}

static void __exit mct_events_exit(void)
{
	mct_reader_stop();
}

module_init(mct_events_init);
module_exit(mct_events_exit);
MODULE_LICENSE("GPL");

#endif /* _MCT_EVENTS_H */
