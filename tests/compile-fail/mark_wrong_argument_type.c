// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile with -Werror (W=1 builds): a pointer given for %d.
 * expect: format '%d' expects argument of type 'int', but argument 2 has type 'int \*'
 */
#include <linux/module.h>
#include <compat/marker.h>

void bad_site(int *p);
void bad_site(int *p)
{
	trace_mark(bad_site, "value %d", p);
}

MODULE_LICENSE("GPL");
