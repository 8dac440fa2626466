// SPDX-License-Identifier: GPL-2.0
/*
 * Calling the probes of an enabled marker site.
 *
 * The probes live in the site's tracepoint probe array, published by the
 * kernel's tracepoint core with RCU and read here under the core's own
 * read side (compat/tracepoint_read.h: preemption disabled up to 6.12,
 * SRCU-fast on 7.3), so that the core's grace periods cover this reader.
 * A tracepoint's own iterator passes the typed arguments; a marker site
 * passes its format and a va_list: a lone probe gets the one va_start()
 * made, several get a va_copy() of it each, since a probe consumes the
 * list.
 */
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <compat/marker.h>
#include <compat/marker_debug.h>
#include <compat/tracepoint_read.h>

#include "internal.h"

/*
 * The probes of a site that has more than one, in order, each on its own
 * copy of the hit's va_list, since a probe consumes the list it is given.
 * Out of line, so that marker_probe_cb()'s path for a lone probe keeps
 * no loop state in callee-saved registers across the probe's call.
 */
static noinline __no_stack_protector void notrace
marker_call_probes(struct tracepoint_func *it, const char *fmt,
		   void *call_private, va_list start)
{
	marker_probe_func *probe;
	/* va_copy() writes it all before any probe reads it. */
	va_list args __uninitialized;

	for (; (probe = READ_ONCE(it->func)); it++) {
		va_copy(args, start);
		probe(it->data, call_private, fmt, &args);
		va_end(args);
	}
}

/*
 * @mdata was reached where RCU is not watching (the idle loop, noinstr
 * entry code): its probe array could be freed under its probes, so none
 * is called.  Under lockdep that is also reported, once per site, as
 * native tracepoints report a site reached there.  notrace: no function
 * tracer or BPF fentry program may run here, where RCU is not watching.
 */
void notrace marker_rcu_not_watching(struct marker *mdata)
{
	if (IS_ENABLED(CONFIG_LOCKDEP) &&
	    !test_and_set_bit(MARKER_SITE_RCU_WARNED, &mdata->flags))
		WARN(1, "marker %s reached where RCU is not watching: probes not called\n",
		     mdata->name);
}

/**
 * marker_probe_cb - call the probes of a marker site
 * @mdata: the site
 * @call_private: the site's private data, passed on to every probe
 *
 * Called by the trace_mark() family once the site's key tested enabled.
 * Probes are called in registration order, with preemption disabled, as
 * tracepoint probes are on the kernels this shim supports, inside the
 * read side the kernel's trace_X() uses; so unregistering followed by
 * marker_synchronize_unregister() waits for them on every kernel.
 *
 * Where RCU is not watching none is called (marker_site_read_lock()).
 * Sites call it where the probes cannot be given the arguments as 64-bit
 * slots (marker_hit3() and slots.c), and code built against the
 * historic header calls it directly: probes see the same either way.
 *
 * No stack canary: the only local whose address escapes is the va_list,
 * which a probe may only va_arg() from, writing its own offsets within
 * it; a canary cost a load, a store, a compare and a branch per hit.
 */
__no_stack_protector void notrace marker_probe_cb(struct marker *mdata,
						  void *call_private, ...)
{
	struct tracepoint_func *it;
	struct compat_tp_read rd;
	marker_probe_func *probe;
	/* va_start() writes it all before any probe reads it. */
	va_list args __uninitialized;

	it = marker_site_read_lock(mdata, &rd);
	if (!it)
		return;
	/*
	 * A published array is never changed, ends with a NULL func and
	 * has at least one probe before it; the test is defensive.
	 */
	probe = READ_ONCE(it->func);
	if (likely(probe)) {
		va_start(args, call_private);
		if (likely(!READ_ONCE(it[1].func)))
			probe(it->data, call_private, mdata->format, &args);
		else
			marker_call_probes(it, mdata->format, call_private,
					   args);
		va_end(args);
	}
	marker_site_read_unlock(&rd);
}
EXPORT_SYMBOL_GPL(marker_probe_cb);

/**
 * marker_site_probes - number of probes connected to a site
 * @mdata: the site
 *
 * Counts the entries of the site's probe array as the kernel's tracepoint
 * core keeps it, as compat_tp_callbacks() counts any tracepoint's.  For
 * diagnostics and tests: the answer may be stale as
 * soon as it is returned.
 *
 * Return: the number of probes on @mdata's tracepoint.
 */
unsigned int marker_site_probes(struct marker *mdata)
{
	return compat_tp_callbacks(&mdata->tp);
}
EXPORT_SYMBOL_GPL(marker_site_probes);
