// SPDX-License-Identifier: GPL-2.0
/*
 * convert test: sites in #define bodies, sites spatch cannot rewrite, and
 * calls whose new layout must stay within 80 columns.
 */
#include <linux/mm.h>
#include "mm_trace.h"

/* guarded, no ';': the caller's ';' ends it */
#define LOG_PAGE(page, order) \
	do { \
		if (trace_mm_macro_page_enabled()) \
			trace_mm_macro_page(page_to_pfn(page), order); \
	} while (0)

/* guarded, with ';', used between if and else */
#define LOG_FREE(page) \
	do { \
		if (trace_mm_macro_free_enabled()) \
			trace_mm_macro_free(page_to_pfn(page)); \
	} while (0);

/* guarded, on the #define line, in the middle of a body */
#define LOG_ONE(v) do { \
	if (trace_mm_macro_one_enabled()) \
		trace_mm_macro_one(strlen(v)); \
} while (0)
#define LOG_TWO(a, b) \
	do { \
		do { \
			if (trace_mm_macro_two_enabled()) \
				trace_mm_macro_two(abs(a), b); \
		} while (0); \
		(b)++; \
	} while (0)

/* plain and no-argument sites in #define bodies */
#define LOG_PLAIN(value, other_value) \
	trace_mm_macro_plain(value, other_value)
#define LOG_TICK() trace_mm_macro_tick(0)
#define LOG_FOUR(first_value, second_value, third_value, fourth_value) \
	trace_mm_macro_four(first_value, second_value, third_value, \
			    fourth_value)

/* guarded, but inside an expression: neither form fits, reported */
#define LOG_EXPR(v) (trace_mark(mm_macro_expr, "v %d", abs(v)), (v))

void mm_work(struct page *page, int order, const char *s, int a, int b)
{
	if (order)
		LOG_FREE(page)
	else
		LOG_PAGE(page, order);
	b = LOG_EXPR(a);
	LOG_ONE(s);
	LOG_TWO(a, b);
	LOG_PLAIN(a, b);
	LOG_TICK();
	LOG_FOUR(a, b, a, b);
	/* an expression statement spatch's statement rule cannot rewrite */
	a = 1, trace_mark(mm_comma, "a %d", abs(a));
}

void mm_wide(struct page *page, unsigned long long arg_value)
{
	if (page) {
		if (trace_mm_wide_event_enabled())
			trace_mm_wide_event(arg_value > 1000 ? arg_value : 0,
					    page_count(page) > 1 ?
					    arg_value + 1 : 0ULL);
	}
}
