/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _NET_PRIV_H
#define _NET_PRIV_H

#include "include/net_trace.h"

void trace_net_owned(struct sk_buff *skb);

static inline void net_poll(int budget)
{
	trace_net_poll(budget);
}

#endif /* _NET_PRIV_H */
