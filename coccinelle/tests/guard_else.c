// SPDX-License-Identifier: GPL-2.0
/* A guarded site as a brace-less if arm: spatch adds the braces. */
void f(int a, int b)
{
	if (a)
		trace_mark(foo_g, "a %d b %lu", get(a), (unsigned long) b);
	else
		b++;
	trace_mark(foo_h, "a %d b %lu", get(a),
		   (unsigned long) b);
}
