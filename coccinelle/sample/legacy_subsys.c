// SPDX-License-Identifier: GPL-2.0
/*
 * A subsystem instrumented with kernel markers the way 2.6.2x code was.
 * scripts/mct.py cocci-differential runs legacy_subsys_kunit.c against
 * this file as it is, then against a copy converted by coccinelle/convert.
 */
#include <linux/export.h>
#include <linux/string.h>
#include <compat/marker.h>

#include "legacy_subsys.h"

static unsigned int name_len_calls;
static unsigned int legacy_seq;
static unsigned int legacy_unnamed;

/* Used as a marker argument: counts how often it is evaluated. */
static unsigned short legacy_name_len(const struct legacy_req *req)
{
	name_len_calls++;
	return strlen(req->name);
}

unsigned int legacy_name_len_calls(void)
{
	return name_len_calls;
}
EXPORT_SYMBOL_GPL(legacy_name_len_calls);

void legacy_irq(int irq, unsigned long ip)
{
	trace_mark(legacy_irq_entry, "irq %d ip 0x%lx", irq, ip);
}
EXPORT_SYMBOL_GPL(legacy_irq);

void legacy_irq_nested(int irq, unsigned long ip)
{
	_trace_mark(legacy_irq_entry, "irq %d ip 0x%lx", irq, ip);
}
EXPORT_SYMBOL_GPL(legacy_irq_nested);

void legacy_account(unsigned long call_site, const void *ptr, size_t bytes,
		    unsigned int gfp_flags)
{
	trace_mark(legacy_kmalloc, "call_site %lu ptr %p "
		   "bytes_req %zu gfp_flags %u",
		   call_site, ptr, bytes, gfp_flags);
}
EXPORT_SYMBOL_GPL(legacy_account);

void legacy_tick(void)
{
	trace_mark(legacy_tick, MARK_NOARGS);
}
EXPORT_SYMBOL_GPL(legacy_tick);

void legacy_submit(struct legacy_req *req)
{
	if (req->flags & LEGACY_REQ_TRACED)
		trace_mark(legacy_submit, "id %u flags %lx",
			   req->id, req->flags);
}
EXPORT_SYMBOL_GPL(legacy_submit);

long long legacy_sum(const int *v, int n)
{
	long long total = 0;
	int i;

	for (i = 0; i < n; i++)
		total += v[i];
	for (i = 0; i < n; i++)
		trace_mark(legacy_sum_step, "i %d value %d", i, v[i]);
	trace_mark(legacy_sum_done, "n %d total %lld", n, total);
	return total;
}
EXPORT_SYMBOL_GPL(legacy_sum);

void legacy_complete(struct legacy_req *req)
{
	trace_mark(legacy_complete, "id %u status %d name %s name_len %hu",
		   req->id, req->status < 0 ? -1 : req->status, req->name,
		   legacy_name_len(req));
}
EXPORT_SYMBOL_GPL(legacy_complete);

/*
 * A site in a macro body whose argument is a call, used as the arm of an
 * if with an else: the guarded conversion must leave the else to that if.
 */
#define legacy_trace_retire(req) \
	trace_mark(legacy_retire, "name_len %hu", legacy_name_len(req))

unsigned int legacy_retire(struct legacy_req *req)
{
	if (req->name)
		legacy_trace_retire(req);
	else
		legacy_unnamed++;
	return legacy_unnamed;
}
EXPORT_SYMBOL_GPL(legacy_retire);

/* Not convertible: the conversions have no field names. */
void legacy_pair(int a, int b)
{
	trace_mark(legacy_pair, "%d %d", a, b);
}
EXPORT_SYMBOL_GPL(legacy_pair);

/* Not convertible: the argument has a side effect. */
unsigned int legacy_bump(void)
{
	trace_mark(legacy_seq, "seq %u", ++legacy_seq);
	return legacy_seq;
}
EXPORT_SYMBOL_GPL(legacy_bump);
