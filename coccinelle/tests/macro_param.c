// SPDX-License-Identifier: GPL-2.0
/* The marker name is a parameter of the enclosing macro: reported. */
#define spu_context_trace(name, ctx, spu) \
	trace_mark(name, "ctx %p spu %p", ctx, spu)

/* A fixed name inside a macro body is converted. */
#define spu_fixed_trace(ctx) \
	trace_mark(spu_fixed, "ctx %p", ctx)

void run(void *ctx, void *spu)
{
	spu_context_trace(spu_run, ctx, spu);
	spu_fixed_trace(ctx);
}
