// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile with -Werror: the format names two arguments, one given.
 * expect: format '%u' expects a matching 'unsigned int' argument
 */
#include <linux/module.h>
#include <compat/marker.h>

void short_site(int v);
void short_site(int v)
{
	trace_mark(short_site, "a %d b %u", v);
}

MODULE_LICENSE("GPL");
