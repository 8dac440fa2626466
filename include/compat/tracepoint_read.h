/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a tracepoint's probe array the way the kernel's own trace_X()
 * reads it, for the readers that walk struct tracepoint's funcs without
 * going through trace_X(): the marker dispatch, and the callback count
 * below (compat_tp_callbacks()), which the core's listing and the tests
 * use.
 *
 * The tracepoint core frees a probe array it replaced once the readers it
 * knows of are done, and which readers those are changed:
 *
 * - up to 6.12: trace_X() reads the array with preemption disabled; old
 *   arrays are freed after an RCU grace period (then an SRCU one), and
 *   tracepoint_synchronize_unregister() waits for both.  Disabling
 *   preemption is the read side.
 * - 7.3: trace_X() reads the array inside an SRCU-fast read-side section
 *   of tracepoint_srcu (guard(srcu_fast_notrace)); old arrays are freed
 *   with call_srcu() only, and tracepoint_synchronize_unregister() waits
 *   for SRCU and RCU tasks trace, no longer for RCU.  A reader that only
 *   disables preemption is safe there only because Tree SRCU-fast grace
 *   periods happen to wait for RCU: an implementation detail, not the
 *   tracepoint API's promise.
 *
 * compat_tp_read_lock() enters the read side of the kernel at hand; the
 * caller keeps its own preempt_disable_notrace() as well, inside or
 * around it, since probes are promised to run with preemption disabled
 * (the trace event code relies on it too).  Neither takes a lock nor
 * sleeps.
 *
 * Detected by what came with the change rather than by version number,
 * so that a backport is handled too: tracepoints use SRCU-fast where the
 * kernel has DEFINE_SRCU_FAST() and not tracepoint_guard(), the macro of
 * an earlier form of the change, in which SRCU-fast protected
 * tracepoints only on PREEMPT_RT.  Read with Debian's 6.1, 6.12 and 7.3
 * trees: only 7.3 has DEFINE_SRCU_FAST().  A kernel that has it while its
 * tracepoints still disable preemption must be looked at when it is added:
 * its tracepoint_srcu is then missing (no build) or not SRCU-fast.
 */
#ifndef _COMPAT_TRACEPOINT_READ_H
#define _COMPAT_TRACEPOINT_READ_H

#include <linux/compiler.h>
#include <linux/rcupdate.h>
#include <linux/srcu.h>
#include <linux/tracepoint.h>

#if defined(CONFIG_TRACEPOINTS) && defined(DEFINE_SRCU_FAST) && \
	(!defined(tracepoint_guard) || defined(CONFIG_PREEMPT_RT))
#define COMPAT_TP_READ_SRCU_FAST 1
#endif

/**
 * struct compat_tp_read - a read-side section of tracepoint probe arrays
 * @scp: the SRCU-fast reader's counter, where tracepoints use SRCU-fast
 */
struct compat_tp_read {
#ifdef COMPAT_TP_READ_SRCU_FAST
	struct srcu_ctr __percpu *scp;
#endif
};

/**
 * compat_tp_read_lock - enter the tracepoint core's read side
 * @rd: where to keep the section's state, for compat_tp_read_unlock()
 *
 * Only where RCU is watching, as for trace_X().  Callable from any
 * context trace_X() is, NMI included.
 */
static __always_inline void compat_tp_read_lock(struct compat_tp_read *rd)
{
#ifdef COMPAT_TP_READ_SRCU_FAST
	rd->scp = srcu_read_lock_fast_notrace(&tracepoint_srcu);
#endif
}

/**
 * compat_tp_read_unlock - leave the tracepoint core's read side
 * @rd: the state compat_tp_read_lock() filled in
 */
static __always_inline void compat_tp_read_unlock(struct compat_tp_read *rd)
{
#ifdef COMPAT_TP_READ_SRCU_FAST
	srcu_read_unlock_fast_notrace(&tracepoint_srcu, rd->scp);
#endif
}

/**
 * compat_tp_callbacks - number of callbacks on a tracepoint
 * @tp: the tracepoint
 *
 * Read from the kernel tracepoint core's own probe array, never from the
 * marker core's bookkeeping, so that a test checking it checks what the
 * kernel will call, not what the code under test believes it registered.
 * The answer may be stale as soon as it is returned.
 *
 * Return: the number of entries in @tp's probe array.
 */
static inline unsigned int compat_tp_callbacks(struct tracepoint *tp)
{
	struct tracepoint_func *it;
	struct compat_tp_read rd;
	unsigned int nr = 0;

	/* The kernel's read side (above), then RCU-sched. */
	compat_tp_read_lock(&rd);
	rcu_read_lock_sched();
	it = rcu_dereference_raw(tp->funcs);
	if (it)
		for (; it->func; it++)
			nr++;
	rcu_read_unlock_sched();
	compat_tp_read_unlock(&rd);
	return nr;
}

#endif /* _COMPAT_TRACEPOINT_READ_H */
