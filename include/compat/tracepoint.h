/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declaring and defining central typed tracepoints, one spelling for every
 * supported kernel.
 *
 * In a header of the subsystem (the example subsystem's is
 * tracepoints/include/virt/tracepoints.h):
 *
 *	COMPAT_DECLARE_TRACE(virt_exit,
 *		TP_PROTO(struct virt_vcpu *vcpu, u32 reason),
 *		TP_ARGS(vcpu, reason));
 *
 * gives trace_virt_exit(), trace_virt_exit_enabled(),
 * register_trace_virt_exit(), unregister_trace_virt_exit() and
 * check_trace_callback_type_virt_exit() with those exact names.  In the
 * one .c file that owns the tracepoint:
 *
 *	COMPAT_DEFINE_TRACE(virt_exit,
 *		TP_PROTO(struct virt_vcpu *vcpu, u32 reason),
 *		TP_ARGS(vcpu, reason));
 *	COMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL(virt_exit);
 *
 * defines it and gives it a BPF raw tracepoint entry under its own name
 * (compat/tracepoint_bpf.h), the one the kernel's own DECLARE_TRACE()
 * tracepoints get from <trace/define_trace.h>: built in, in vmlinux's;
 * in a module, in the module's "__bpf_raw_tp_map" section.  So
 * "bpftrace -e 'rawtracepoint:virt_exit { ... }'" attaches to it.
 *
 * What changes across kernels (see Documentation/marker-compat.rst):
 *
 * - 6.1 to 6.15: DECLARE_TRACE() declares the names above.
 * - 6.16 on: DECLARE_TRACE() appends "_tp" to every generated name
 *   (trace_virt_exit_tp(), __tracepoint_virt_exit_tp, ...), while the new
 *   DECLARE_TRACE_EVENT() keeps the bare names.  A hand-written
 *   DEFINE_TRACE() is not suffixed, so DECLARE_TRACE() with DEFINE_TRACE()
 *   would declare one symbol and define another.  Mapping to
 *   DECLARE_TRACE_EVENT() keeps names, symbols and callers unchanged.
 * - DEFINE_TRACE(name, proto, args) and EXPORT_TRACEPOINT_SYMBOL_GPL()
 *   keep their form from 5.10 through the newest kernels read.
 * - define_trace.h gives a BPF raw tracepoint entry to DECLARE_TRACE()
 *   (under the "_tp" names from 6.16), never to DECLARE_TRACE_EVENT():
 *   a trace header read with CREATE_TRACE_POINTS could not keep the
 *   names, so COMPAT_DEFINE_TRACE() writes the entry itself.
 */
#ifndef _COMPAT_TRACEPOINT_H
#define _COMPAT_TRACEPOINT_H

#include <linux/tracepoint.h>
#include <compat/tracepoint_bpf.h>

/*
 * Detected by the macro itself rather than by version number, so that a
 * kernel carrying the change as a backport is handled too.
 */
#ifdef DECLARE_TRACE_EVENT
#define COMPAT_DECLARE_TRACE(name, proto, args)			\
	DECLARE_TRACE_EVENT(name, PARAMS(proto), PARAMS(args))
#else
#define COMPAT_DECLARE_TRACE(name, proto, args)			\
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#endif

#define COMPAT_DEFINE_TRACE(name, proto, args)			\
	DEFINE_TRACE(name, PARAMS(proto), PARAMS(args));		\
	COMPAT_BPF_RAW_TRACE(name, PARAMS(proto), PARAMS(args))

#define COMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL(name)		\
	EXPORT_TRACEPOINT_SYMBOL_GPL(name)

#endif /* _COMPAT_TRACEPOINT_H */
