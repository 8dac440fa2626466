/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Is RCU watching this CPU?  Asked by the marker dispatch on every hit of
 * an enabled site, so asked inline where the kernel lets a module do so.
 *
 * rcu_is_watching() is out of line on every kernel with Tree RCU, and
 * disables preemption around its one load: a call, a return (through the
 * return thunk where there is one) and a preemption pair per hit.  Since
 * 6.12, <linux/context_tracking.h> has the load itself as an
 * __always_inline rcu_is_watching_curr_cpu(), reading the per-CPU
 * context_tracking that the kernel exports to modules; rcu_is_watching()
 * is that call inside the preemption pair.  6.1 keeps the load in
 * kernel/rcu/tree.c (rcu_dynticks_curr_cpu_in_eqs(), static), so 6.1
 * calls rcu_is_watching().
 *
 * Detected by CT_RCU_WATCHING, the context tracking bit the same series
 * named and rcu_is_watching_curr_cpu() tests (neither is in Debian's 6.1,
 * both are in 6.12 and 7.3), and only where the kernel tracks idle
 * (CONFIG_CONTEXT_TRACKING_IDLE, which Tree RCU selects): without it
 * there is no context_tracking to read, and rcu_is_watching() is Tiny
 * RCU's inline "true".  A kernel with the bit but not the function fails
 * to build here, which is where it must be looked at.
 */
#ifndef _COMPAT_RCU_WATCHING_H
#define _COMPAT_RCU_WATCHING_H

#include <linux/compiler.h>
#include <linux/context_tracking.h>
#include <linux/rcupdate.h>

#if defined(CONFIG_CONTEXT_TRACKING_IDLE) && defined(CT_RCU_WATCHING)
#define COMPAT_RCU_WATCHING_INLINE 1
#endif

/**
 * compat_rcu_watching_this_cpu - is RCU watching the current CPU?
 *
 * The answer of rcu_is_watching(), read without a call where the kernel
 * allows it.  The caller has preemption disabled: the answer is about the
 * CPU it runs on (and this_cpu_ptr() checks it under DEBUG_PREEMPT).
 * notrace and callable from any context rcu_is_watching() is.
 *
 * Return: true if RCU is watching the current CPU.
 */
static __always_inline bool compat_rcu_watching_this_cpu(void)
{
#ifdef COMPAT_RCU_WATCHING_INLINE
	return rcu_is_watching_curr_cpu();
#else
	return rcu_is_watching();
#endif
}

#endif /* _COMPAT_RCU_WATCHING_H */
