// SPDX-License-Identifier: GPL-2.0
/* Conversions without a field name are reported. */
void spu_switch(void *ctx, void *spu)
{
	trace_mark(spu_switch, "%p %p", ctx, spu);
	trace_mark(spu_pair, "ctx %p %d", ctx, 3);
}
