/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the KUnit suites of the marker core.
 */
#ifndef _MARKER_KUNIT_H
#define _MARKER_KUNIT_H

#include <compat/marker.h>

struct kunit;

int marker_kunit_unregister_at_end(struct kunit *test, const char *name,
				   marker_probe_func *probe, void *priv);

#endif /* _MARKER_KUNIT_H */
