/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counting the callbacks on a tracepoint, for tests, samples and the
 * core's own listing (marker_site_probes()).
 *
 * The count is read from the kernel tracepoint core's own probe array
 * (struct tracepoint's funcs), never from the bookkeeping of the marker
 * core, so a test that checks it checks what the kernel will call, not
 * what the code under test believes it registered.
 */
#ifndef _COMPAT_TRACEPOINT_CALLBACKS_H
#define _COMPAT_TRACEPOINT_CALLBACKS_H

#include <linux/rcupdate.h>
#include <linux/tracepoint.h>

#include <compat/tracepoint_read.h>

/**
 * compat_tp_callbacks - number of callbacks on a tracepoint
 * @tp: the tracepoint
 *
 * The answer may be stale as soon as it is returned.
 *
 * Return: the number of entries in @tp's probe array.
 */
static inline unsigned int compat_tp_callbacks(struct tracepoint *tp)
{
	struct tracepoint_func *it;
	struct compat_tp_read rd;
	unsigned int nr = 0;

	/* The kernel's read side (compat/tracepoint_read.h), then RCU-sched. */
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

#endif /* _COMPAT_TRACEPOINT_CALLBACKS_H */
