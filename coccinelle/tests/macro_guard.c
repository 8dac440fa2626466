// SPDX-License-Identifier: GPL-2.0
/*
 * Guarded sites in #define bodies: spatch alone would drop the line
 * continuations and leave a bare if (dangling else), so the semantic
 * patch reports them; coccinelle/convert wraps them in do { } while (0).
 * A plain site in a #define body is converted in place.
 */
#define LOG_PAGE(page, order) \
	trace_mark(mm_macro_page, "pfn %lu order %d", page_to_pfn(page), \
		   order)

#define LOG_PAGE_SEMI(page) \
	trace_mark(mm_macro_semi, "pfn %lu", page_to_pfn(page));

#define LOG_VALUE(v) \
	trace_mark(mm_macro_value, "value %d", v)

void f(struct page *page, int order, int a)
{
	if (a)
		LOG_PAGE(page, order);
	else
		LOG_VALUE(a);
	LOG_PAGE_SEMI(page)
}
