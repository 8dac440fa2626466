// SPDX-License-Identifier: GPL-2.0
/*
 * convert test: sites in #define bodies, sites spatch cannot rewrite, and
 * calls whose new layout must stay within 80 columns.
 */
#include <linux/mm.h>

/* guarded, no ';': the caller's ';' ends it */
#define LOG_PAGE(page, order) \
	trace_mark(mm_macro_page, "pfn %lu order %d", page_to_pfn(page), \
		   order)

/* guarded, with ';', used between if and else */
#define LOG_FREE(page) \
	trace_mark(mm_macro_free, "pfn %lu", page_to_pfn(page));

/* guarded, on the #define line, in the middle of a body */
#define LOG_ONE(v) trace_mark(mm_macro_one, "len %zu", strlen(v))
#define LOG_TWO(a, b) \
	do { \
		trace_mark(mm_macro_two, "a %d b %d", abs(a), b); \
		(b)++; \
	} while (0)

/* plain and no-argument sites in #define bodies */
#define LOG_PLAIN(value, other_value) \
	trace_mark(mm_macro_plain, "value %d other_value %d", value, \
		   other_value)
#define LOG_TICK() trace_mark(mm_macro_tick, MARK_NOARGS)
#define LOG_FOUR(first_value, second_value, third_value, fourth_value) \
	trace_mark(mm_macro_four, "first %d second %d third %d fourth %d", \
		   first_value, second_value, third_value, fourth_value)

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
	if (page)
		trace_mark(mm_wide_event, "first %llu second %llu",
			   arg_value > 1000 ? arg_value : 0,
			   page_count(page) > 1 ? arg_value + 1 : 0ULL);
}
