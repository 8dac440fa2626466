/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the marker core tells about its sites beyond the historic API of
 * compat/marker.h: for the core's listing (<debugfs>/markers/control) and
 * for tests, which check that a site's probes are on the kernel's probe
 * array.  Tracers have no use for it.
 */
#ifndef _COMPAT_MARKER_DEBUG_H
#define _COMPAT_MARKER_DEBUG_H

struct marker;

unsigned int marker_site_probes(struct marker *mdata);

#endif /* _COMPAT_MARKER_DEBUG_H */
