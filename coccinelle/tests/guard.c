// SPDX-License-Identifier: GPL-2.0
/* Arguments that call functions: the call is guarded by the enabled check. */
void page_event(struct page *page, int order)
{
	trace_mark(mm_page_alloc, "pfn %lu order %d",
		   page_to_pfn(page), order);
	trace_mark(mm_page_cpu, "cpu %d order %d",
		   order > 3 ? smp_processor_id() : -1, order);
	trace_mark(mm_page_size, "size %zu", sizeof(*page) << order);
}
