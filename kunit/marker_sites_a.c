// SPDX-License-Identifier: GPL-2.0
/*
 * Marker sites for the KUnit suites, first compilation unit.
 *
 * marker_kunit_shared has a site here and one in marker_sites_b.c, as if
 * two modules used the same marker; marker_kunit_mismatch has a site here
 * with an integer format and one there with a string format.
 */
#include <compat/marker.h>

#include "marker_kunit_sites.h"

void marker_kunit_fire_a(int v)
{
	trace_mark(marker_kunit_shared, MARKER_KUNIT_FMT_INT, v);
}

/* The argument counts its evaluations: none while the site is disabled. */
void marker_kunit_fire_side_effect(int *counter)
{
	trace_mark(marker_kunit_side_effect, MARKER_KUNIT_FMT_INT,
		   (*counter)++);
}

void marker_kunit_fire_noargs(void)
{
	trace_mark(marker_kunit_noargs, MARK_NOARGS);
}

/* Enabled by a plain read of the key rather than a static branch. */
void marker_kunit_fire_generic(int v)
{
	_trace_mark(marker_kunit_generic, MARKER_KUNIT_FMT_INT, v);
}

void marker_kunit_fire_mismatch_int(int v)
{
	trace_mark(marker_kunit_mismatch, MARKER_KUNIT_FMT_INT, v);
}

void marker_kunit_fire_sync(int v)
{
	trace_mark(marker_kunit_sync, MARKER_KUNIT_FMT_INT, v);
}
