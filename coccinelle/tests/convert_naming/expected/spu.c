// SPDX-License-Identifier: GPL-2.0
/* convert --name-fields: unnamed conversions are named by position. */
#include <linux/types.h>
#include "spu_trace.h"

void spu_switch(void *ctx, void *spu, int a, int b)
{
	trace_spu_switch(ctx, spu);
	trace_kvm_pair(a, b);
	trace_kvm_named(ctx, b);
}
