// SPDX-License-Identifier: GPL-2.0
/* MARK_NOARGS and an empty-looking format become a one-int tracepoint. */
void idle_enter(void)
{
	trace_mark(idle_enter, MARK_NOARGS);
}

void idle_exit(void)
{
	trace_mark(idle_exit, " ");
}
