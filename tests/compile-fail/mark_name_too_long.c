// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a marker name longer than MARK_MAX_NAME_LEN (127).
 * expect: marker name a123456789b123456789c123456789d123456789e123456789f123456789g123456789h123456789i123456789j123456789k123456789l123456789m12345678 is too long
 */
#include <linux/module.h>
#include <compat/marker.h>

void long_site(int v);
void long_site(int v)
{
	trace_mark(a123456789b123456789c123456789d123456789e123456789f123456789g123456789h123456789i123456789j123456789k123456789l123456789m12345678,
		   "v %d", v);
}

MODULE_LICENSE("GPL");
