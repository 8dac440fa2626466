// SPDX-License-Identifier: GPL-2.0
/* The number of arguments does not match the format. */
void count(int a, int b)
{
	trace_mark(count_more, "a %d", a, b);
	trace_mark(count_less, "a %d b %d", a);
	trace_mark(count_noargs, MARK_NOARGS, a);
}
