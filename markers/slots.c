// SPDX-License-Identifier: GPL-2.0
/*
 * Calling the probes of an enabled site that passed its arguments as
 * 64-bit slots (MARKER_HIT_SLOTS, compat/marker.h): what marker_probe_cb()
 * does for a variadic site, without a variadic call.
 *
 * The slots arrive in registers (six of them on x86_64, eight on arm64,
 * the site's struct marker and call_private included) and are stored
 * once, here.  A trace event's probes write their record from them
 * (marker_sink_slots()); every other probe gets a va_list made over them
 * (va_slots.h), one per probe since a probe consumes its list.  The read
 * side and the RCU rule are marker_probe_cb()'s (dispatch.c).
 *
 * The entries have no stack protector: their one array is written at
 * constant indexes, and the canary would be most of their own cost.
 */
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <compat/marker.h>
#include <compat/tracepoint_read.h>

#include "internal.h"
#include "va_slots.h"

#ifdef MARKER_HIT_SLOTS

static __always_inline void marker_hit(struct marker *mdata,
				       void *call_private, const u64 *slots,
				       unsigned int nr)
{
	struct tracepoint_func *it;
	struct compat_tp_read rd;
	marker_probe_func *probe;
	/* Made before each use (marker_va_slots_init()): no zeroing. */
	va_list args __uninitialized;

	it = marker_site_read_lock(mdata, &rd);
	if (!it)
		return;
	for (; (probe = READ_ONCE(it->func)); it++) {
		if (marker_sink_slots(probe, it->data, slots, nr))
			continue;
		marker_va_slots_init(&args, slots);
		probe(it->data, call_private, mdata->format, &args);
	}
	marker_site_read_unlock(&rd);
}

/**
 * marker_hit3 - call the probes of a site of at most three arguments
 * @mdata: the site
 * @call_private: the site's private data, passed on to every probe
 * @a0: first argument as a 64-bit slot (__mark_slot()), or 0
 * @a1: second argument, or 0
 * @a2: third argument, or 0
 *
 * Called by the trace_mark() family once the site's key tested enabled,
 * where MARKER_HIT_SLOTS is defined; the probes are called as
 * marker_probe_cb() calls them, each with a va_list over the slots.
 */
__no_stack_protector notrace void marker_hit3(struct marker *mdata,
					      void *call_private, u64 a0,
					      u64 a1, u64 a2)
{
	const u64 slots[] = { a0, a1, a2 };

	marker_hit(mdata, call_private, slots, ARRAY_SIZE(slots));
}
EXPORT_SYMBOL_GPL(marker_hit3);

/**
 * marker_hit6 - call the probes of a site of four to six arguments
 * @mdata: the site
 * @call_private: the site's private data, passed on to every probe
 * @a0: first argument as a 64-bit slot (__mark_slot())
 * @a1: second argument
 * @a2: third argument
 * @a3: fourth argument
 * @a4: fifth argument, or 0
 * @a5: sixth argument, or 0
 *
 * As marker_hit3().
 */
__no_stack_protector notrace void marker_hit6(struct marker *mdata,
					      void *call_private, u64 a0,
					      u64 a1, u64 a2, u64 a3, u64 a4,
					      u64 a5)
{
	const u64 slots[] = { a0, a1, a2, a3, a4, a5 };

	marker_hit(mdata, call_private, slots, ARRAY_SIZE(slots));
}
EXPORT_SYMBOL_GPL(marker_hit6);

/**
 * marker_hit12 - call the probes of a site of seven to twelve arguments
 * @mdata: the site
 * @call_private: the site's private data, passed on to every probe
 * @a0: first argument as a 64-bit slot (__mark_slot())
 * @a1: second argument
 * @a2: third argument
 * @a3: fourth argument
 * @a4: fifth argument
 * @a5: sixth argument
 * @a6: seventh argument
 * @a7: eighth argument, or 0
 * @a8: ninth argument, or 0
 * @a9: tenth argument, or 0
 * @a10: eleventh argument, or 0
 * @a11: twelfth argument, or 0
 *
 * As marker_hit3().
 */
__no_stack_protector notrace void marker_hit12(struct marker *mdata,
					       void *call_private, u64 a0,
					       u64 a1, u64 a2, u64 a3, u64 a4,
					       u64 a5, u64 a6, u64 a7, u64 a8,
					       u64 a9, u64 a10, u64 a11)
{
	const u64 slots[] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10,
			      a11 };

	marker_hit(mdata, call_private, slots, ARRAY_SIZE(slots));
}
EXPORT_SYMBOL_GPL(marker_hit12);

#endif /* MARKER_HIT_SLOTS */
