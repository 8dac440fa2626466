// SPDX-License-Identifier: GPL-2.0
/* Channel and generic forms: reported. */
void channels(void *data, int a)
{
	trace_mark(kernel, irq_entry, "irq_id %u", a);
	__trace_mark(0, kernel, irq_exit, NULL, "ret %d", a);
	__trace_mark(0, irq_done, data, "ret %d", a);
	trace_mark_tp(kernel, sched_try_wakeup, sched_try_wakeup,
		      probe_sched_wakeup, "pid %d", a);
	trace_mark_tp(irq_bridge, irq_handler_entry, probe_irq, "irq %d", a);
	trace_mark(ust, tick, "", MARK_NOARGS);
}
