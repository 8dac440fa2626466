/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of the trace_mark() sites converted by
 * coccinelle/convert.  Generated: run the tool again instead of
 * editing.
 */
#ifndef _NET_TRACE_H
#define _NET_TRACE_H

#include <compat/tracepoint.h>

COMPAT_DECLARE_TRACE(dev_up,
		     TP_PROTO(int unused),
		     TP_ARGS(unused));

COMPAT_DECLARE_TRACE(names_common,
		     TP_PROTO(int common_pid_val, int current_val),
		     TP_ARGS(common_pid_val, current_val));

COMPAT_DECLARE_TRACE(names_sub,
		     TP_PROTO(int regs_3, int tab),
		     TP_ARGS(regs_3, tab));

COMPAT_DECLARE_TRACE(names_types,
		     TP_PROTO(long d, const void *p),
		     TP_ARGS(d, p));

COMPAT_DECLARE_TRACE(names_under,
		     TP_PROTO(int __x_val, int _y),
		     TP_ARGS(__x_val, _y));

COMPAT_DECLARE_TRACE(net_csum,
		     TP_PROTO(const void *skb, unsigned int csum),
		     TP_ARGS(skb, csum));

COMPAT_DECLARE_TRACE(net_drop,
		     TP_PROTO(const void *skb, int reason),
		     TP_ARGS(skb, reason));

COMPAT_DECLARE_TRACE(net_poll,
		     TP_PROTO(int budget),
		     TP_ARGS(budget));

COMPAT_DECLARE_TRACE(net_rx,
		     TP_PROTO(const void *skb, unsigned int len, int queue),
		     TP_ARGS(skb, len, queue));

#endif /* _NET_TRACE_H */
