// SPDX-License-Identifier: GPL-2.0
/* convert test: a second file, no includes of its own. */
void dev_state(int state, int cpu)
{
	trace_mark(net_state, "state %d cpu %d", state, cpu);
	trace_mark(dev_up, MARK_NOARGS);
	trace_mark(net_rx, "skb %p len %u queue %d", (void *)0, 0U, cpu);
}
