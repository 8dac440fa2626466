// SPDX-License-Identifier: GPL-2.0
/* One name, two formats: both sites are reported, neither converted. */
void wait_start(unsigned long pfn, int bit)
{
	trace_mark(filemap_wait_start, "pfn %lu", pfn);
}

void wait_start2(unsigned long pfn, int bit)
{
	trace_mark(filemap_wait_start, "pfn %lu bit_nr %d", pfn, bit);
}

/* One name, one format, two sites: converted. */
void wait_end(unsigned long pfn)
{
	trace_mark(filemap_wait_end, "pfn %lu", pfn);
}

void wait_end2(unsigned long pfn)
{
	trace_mark(filemap_wait_end, "pfn %lu", pfn + 1);
}
