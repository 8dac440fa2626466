// SPDX-License-Identifier: GPL-2.0
/*
 * convert test: parameters named and typed as the marker events' fields
 * are (kunit/marker_formats.h): a "common_" name, "__" and "_" names,
 * "current", a subscript, an escape before a conversion, %td and %p.
 */
#include <linux/types.h>

void names_hit(int pid, ptrdiff_t d, const int *regs, const void *p, int x)
{
	trace_mark(names_common, "common_pid %d current %d", pid, x);
	trace_mark(names_under, "__x %d _y %d", x, x);
	trace_mark(names_sub, "regs[3] %d tab\t%d", regs[3], x);
	trace_mark(names_types, "d %td p %p", d, p);
}
