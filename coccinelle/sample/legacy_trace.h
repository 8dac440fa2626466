/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of the trace_mark() sites converted by
 * coccinelle/convert.  Generated: run the tool again instead of
 * editing.
 */
#ifndef _LEGACY_TRACE_H
#define _LEGACY_TRACE_H

#include <compat/tracepoint.h>

#endif /* _LEGACY_TRACE_H */
