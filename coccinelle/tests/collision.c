// SPDX-License-Identifier: GPL-2.0
/* trace_<name>() already exists (an LTTng-style wrapper): reported. */
static inline void trace_kernel_sched_wakeup(int pid)
{
	trace_mark(kernel_sched_wakeup, "pid %d", pid);
}

void trace_kernel_sched_fork(int parent, int child);

void fork_event(int parent, int child)
{
	trace_mark(kernel_sched_fork, "parent %d child %d", parent, child);
}
