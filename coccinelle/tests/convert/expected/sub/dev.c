// SPDX-License-Identifier: GPL-2.0
/* convert test: a second file, no includes of its own. */
#include "../include/net_trace.h"

void dev_state(int state, int cpu)
{
	trace_mark(net_state, "state %d cpu %d", state, cpu);
	trace_dev_up(0);
	trace_net_rx((void *)0, 0U, cpu);
}
