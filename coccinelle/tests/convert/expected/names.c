// SPDX-License-Identifier: GPL-2.0
/*
 * convert test: parameters named and typed as the marker events' fields
 * are (kunit/marker_formats.h): a "common_" name, "__" and "_" names,
 * "current", a subscript, an escape before a conversion, %td and %p.
 */
#include <linux/types.h>
#include "include/net_trace.h"

void names_hit(int pid, ptrdiff_t d, const int *regs, const void *p, int x)
{
	trace_names_common(pid, x);
	trace_names_under(x, x);
	trace_names_sub(regs[3], x);
	trace_names_types(d, p);
}
