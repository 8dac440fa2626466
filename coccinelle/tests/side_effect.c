// SPDX-License-Identifier: GPL-2.0
/* Side effects: markers evaluated them only when enabled; reported. */
void side(int a, int *buf)
{
	trace_mark(side_inc, "a %d", a++);
	trace_mark(side_assign, "a %d", (a = 3));
	trace_mark(side_dec, "v %d", buf[a--]);
	trace_mark(side_compound, "a %d", a += 2);
	trace_mark(side_compare, "eq %d", a == 2);
}
