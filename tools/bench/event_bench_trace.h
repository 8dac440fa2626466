/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TRACE_EVENT() that event_bench.c compares a marker event with: the
 * same payload, three integers and a string, declared the way a
 * subsystem declares its events.  The string is a dynamic array, as
 * __string() makes it; __assign_str() changed its arguments in 6.10, the
 * dynamic array's macros did not.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM event_bench

#if !defined(_EVENT_BENCH_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _EVENT_BENCH_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(ebench_native,
	TP_PROTO(int a, int b, int c, const char *s),
	TP_ARGS(a, b, c, s),
	TP_STRUCT__entry(
		__field(int, a)
		__field(int, b)
		__field(int, c)
		__dynamic_array(char, s, strlen(s) + 1)
	),
	TP_fast_assign(
		__entry->a = a;
		__entry->b = b;
		__entry->c = c;
		memcpy(__get_dynamic_array(s), s, __get_dynamic_array_len(s));
	),
	TP_printk("a %d b %d c %d s %s", __entry->a, __entry->b, __entry->c,
		  __get_str(s))
);

#endif /* _EVENT_BENCH_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE event_bench_trace
#include <trace/define_trace.h>
