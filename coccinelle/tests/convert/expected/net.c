// SPDX-License-Identifier: GPL-2.0
/*
 * convert test: sites in two files and a header, one name with different
 * formats in two files, a name already taken by a function.
 */
#include <linux/skbuff.h>
#include "net_priv.h"
#include "include/net_trace.h"

void net_rx(struct sk_buff *skb, int queue)
{
	trace_net_rx(skb, skb->len, queue);
	if (queue < 0)
		trace_net_drop(skb, queue);
	trace_mark(net_state, "state %d", queue);
	if (trace_net_csum_enabled())
		trace_net_csum(skb, csum_fold(skb->csum));
}

void net_tx(struct sk_buff *skb)
{
	trace_net_rx(skb, skb->len, -1);
	trace_mark(net_owned, "skb %p", skb);
	trace_mark(net_pair, "%p %u", skb, skb->len);
}
