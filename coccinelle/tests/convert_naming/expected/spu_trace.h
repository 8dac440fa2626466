/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of the trace_mark() sites converted by
 * coccinelle/convert.  Generated: run the tool again instead of
 * editing.
 */
#ifndef _SPU_TRACE_H
#define _SPU_TRACE_H

#include <compat/tracepoint.h>

COMPAT_DECLARE_TRACE(kvm_named,
		     TP_PROTO(const void *vcpu, int arg1),
		     TP_ARGS(vcpu, arg1));

COMPAT_DECLARE_TRACE(kvm_pair,
		     TP_PROTO(unsigned int arg0, int arg1),
		     TP_ARGS(arg0, arg1));

COMPAT_DECLARE_TRACE(spu_switch,
		     TP_PROTO(const void *arg0, const void *arg1),
		     TP_ARGS(arg0, arg1));

#endif /* _SPU_TRACE_H */
