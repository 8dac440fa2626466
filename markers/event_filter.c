// SPDX-License-Identifier: GPL-2.0
/*
 * Filtering a marker event's hit before its record is reserved.
 *
 * The trace core filters at commit: a hit the filter rejects has been
 * given a record (the per-CPU buffered event, or ring buffer space) and
 * written, then discarded.  A marker event has the hit's arguments in
 * hand before it reserves anything (event_record.h), so where an
 * instance's event has a filter it writes the record into a per-CPU
 * scratch buffer first, common fields included, and runs the filter
 * there: a rejected hit costs no reservation, no discard and no copy
 * into the ring buffer.  An accepted one is recorded as before, and the
 * trace core filters it again at commit, with the same result.
 *
 * Only where the filter alone decides: triggers with a condition see
 * every hit at commit, before the filter (EVENT_FILE_FL_TRIGGER_COND),
 * so such an event keeps the trace core's order.  Soft-disabled events
 * and PID filtering never get here (trace_trigger_soft_disabled() first).
 *
 * The common fields are the trace core's own: tracing_gen_ctx_dec(), as
 * trace_event_buffer_reserve() computes them for the record a hit would
 * get, in the same context.  Its helper, tracing_gen_ctx_irq_test(), is
 * not exported: a modular core does without this file, and its events
 * are filtered at commit only (event_record.h).  A hit nested in one
 * being filtered on the same CPU (an interrupt) finds the scratch busy
 * and is filtered at commit instead.
 *
 * The scratch record and the reserved one are written apart: a string
 * that changes in between, or a flag of the common fields (an interrupt
 * setting NEED_RESCHED), can make the filter decide on values a moment
 * older than the record's, as if the hit had come a moment earlier.
 */
#include <linux/percpu.h>
#include <linux/trace_events.h>

#include "event_format.h"
#include "event_record.h"

/* MARKER_EVENT_MAX_SIZE bytes per CPU, once some marker event was enabled. */
static void __percpu *marker_scratch;
static DEFINE_PER_CPU(int, marker_scratch_busy);

/**
 * marker_event_scratch_alloc - make the per-CPU scratch records
 *
 * Called when a marker event is enabled, where sleeping is allowed; the
 * scratch is kept from then on.  If it cannot be had, hits are filtered
 * at commit, as any event's.
 */
void marker_event_scratch_alloc(void)
{
	void __percpu *p;

	if (READ_ONCE(marker_scratch))
		return;
	p = __alloc_percpu(MARKER_EVENT_MAX_SIZE, sizeof(u64));
	/* Enabling is serialised by the trace core's event_mutex. */
	if (!p)
		return;
	/* Pairs with smp_load_acquire() in marker_event_filter_rejects(). */
	smp_store_release(&marker_scratch, p);
}

/**
 * marker_event_filter_rejects - does an instance's filter reject a hit?
 * @file: the instance's event file, with a filter and no conditional
 *	trigger (marker_event_filtered_out())
 * @type: the event's type, the record's common_type
 * @f: the compiled format
 * @hit: the hit, measured
 *
 * Return: true if the filter rejects the record the hit would get; false
 * if it accepts it, or if the hit could not be filtered here.
 */
bool marker_event_filter_rejects(struct trace_event_file *file,
				 unsigned short type,
				 const struct marker_event_format *f,
				 const struct marker_event_hit *hit)
{
	void __percpu *scratch;
	bool rejects = false;
	void *rec;

	/* Pairs with smp_store_release() in marker_event_scratch_alloc(). */
	scratch = smp_load_acquire(&marker_scratch);
	if (!scratch)
		return false;
	if (this_cpu_inc_return(marker_scratch_busy) == 1) {
		rec = this_cpu_ptr(scratch);
		tracing_generic_entry_update(rec, type, tracing_gen_ctx_dec());
		marker_event_record_write(f, rec, hit);
		rejects = !filter_match_preds(rcu_dereference_raw(file->filter),
					      rec);
	}
	this_cpu_dec(marker_scratch_busy);
	return rejects;
}
