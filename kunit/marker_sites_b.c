// SPDX-License-Identifier: GPL-2.0
/*
 * Marker sites for the KUnit suites, second compilation unit.
 *
 * It plays a second module: marker_kunit_shared has the same name and
 * format as in marker_sites_a.c, marker_kunit_mismatch the same name and
 * another format.
 */
#include <compat/marker.h>

#include "marker_kunit_sites.h"

void marker_kunit_fire_b(int v)
{
	trace_mark(marker_kunit_shared, MARKER_KUNIT_FMT_INT, v);
}

void marker_kunit_fire_call_private(void *call_private, int v, const char *s,
				    unsigned long long ll, const void *p)
{
	__trace_mark(0, marker_kunit_call_private, call_private,
		     MARKER_KUNIT_FMT_MIXED, v, s, ll, p);
}

void marker_kunit_fire_call_private_generic(void *call_private, int v)
{
	__trace_mark(1, marker_kunit_call_private_generic, call_private,
		     MARKER_KUNIT_FMT_INT, v);
}

void marker_kunit_fire_mismatch_str(const char *s)
{
	trace_mark(marker_kunit_mismatch, MARKER_KUNIT_FMT_STR, s);
}
