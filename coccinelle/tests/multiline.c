// SPDX-License-Identifier: GPL-2.0
/* A format made of adjacent literals over several lines. */
void slab_alloc(unsigned long call_site, const void *ptr, size_t req)
{
	trace_mark(kmem_kmalloc, "call_site %lu ptr %p "
		   "bytes_req %zu",
		   call_site, ptr, req);
}
