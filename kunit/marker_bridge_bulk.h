/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A probe module's worth of bridged markers: MARKER_BULK_NR_TP tracepoints,
 * each with one callback carrying MARKER_BULK_PER_TP trace_mark_tp()
 * sites named marker_bulk_<tp>_<n>.
 */
#ifndef _MARKER_BRIDGE_BULK_H
#define _MARKER_BRIDGE_BULK_H

#include <linux/tracepoint.h>

#define MARKER_BULK_NR_TP	100
#define MARKER_BULK_PER_TP	10

/* The tracepoints, in order: marker_bulk_tp_0 ... marker_bulk_tp_99. */
extern struct tracepoint * const marker_bulk_tps[MARKER_BULK_NR_TP];

/* Fire tracepoint @tp (0 ... MARKER_BULK_NR_TP - 1) with @v. */
void marker_bulk_fire(unsigned int tp, int v);

#endif /* _MARKER_BRIDGE_BULK_H */
