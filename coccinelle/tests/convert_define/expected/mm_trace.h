/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of the trace_mark() sites converted by
 * coccinelle/convert.  Generated: run the tool again instead of
 * editing.
 */
#ifndef _MM_TRACE_H
#define _MM_TRACE_H

#include <compat/tracepoint.h>

COMPAT_DECLARE_TRACE(mm_macro_four,
		     TP_PROTO(int first, int second, int third, int fourth),
		     TP_ARGS(first, second, third, fourth));

COMPAT_DECLARE_TRACE(mm_macro_free,
		     TP_PROTO(unsigned long pfn),
		     TP_ARGS(pfn));

COMPAT_DECLARE_TRACE(mm_macro_one,
		     TP_PROTO(size_t len),
		     TP_ARGS(len));

COMPAT_DECLARE_TRACE(mm_macro_page,
		     TP_PROTO(unsigned long pfn, int order),
		     TP_ARGS(pfn, order));

COMPAT_DECLARE_TRACE(mm_macro_plain,
		     TP_PROTO(int value, int other_value),
		     TP_ARGS(value, other_value));

COMPAT_DECLARE_TRACE(mm_macro_tick,
		     TP_PROTO(int unused),
		     TP_ARGS(unused));

COMPAT_DECLARE_TRACE(mm_macro_two,
		     TP_PROTO(int a, int b),
		     TP_ARGS(a, b));

COMPAT_DECLARE_TRACE(mm_wide_event,
		     TP_PROTO(unsigned long long first,
			      unsigned long long second),
		     TP_ARGS(first, second));

#endif /* _MM_TRACE_H */
