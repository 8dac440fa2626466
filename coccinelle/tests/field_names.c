// SPDX-License-Identifier: GPL-2.0
/* Field names from dotted/arrow words, duplicates, keywords, %pS. */
void fields(struct rq *rq, int pid, int pid2, void *fn, int v)
{
	trace_mark(sched_fields, "rq->curr %p pid %d pid %d", rq->curr, pid,
		   pid2);
	trace_mark(sched_kw, "int %d current %d caller %pS", v, pid, fn);
	trace_mark(sched_pct, "load %d%% name=%s", v, "x");
}
