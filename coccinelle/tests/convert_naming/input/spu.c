// SPDX-License-Identifier: GPL-2.0
/* convert --name-fields: unnamed conversions are named by position. */
#include <linux/types.h>

void spu_switch(void *ctx, void *spu, int a, int b)
{
	trace_mark(spu_switch, "%p %p", ctx, spu);
	trace_mark(kvm_pair, "%u %d", a, b);
	trace_mark(kvm_named, "vcpu %p %d", ctx, b);
}
