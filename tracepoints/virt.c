// SPDX-License-Identifier: GPL-2.0
/*
 * Definitions of the example virtualisation subsystem's central
 * tracepoints: the one file that owns them.
 */
#include <virt/tracepoints.h>

COMPAT_DEFINE_TRACE(virt_vcpu_load,
		    TP_PROTO(struct virt_vcpu *vcpu, int cpu),
		    TP_ARGS(vcpu, cpu));
COMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL(virt_vcpu_load);

COMPAT_DEFINE_TRACE(virt_vcpu_put,
		    TP_PROTO(struct virt_vcpu *vcpu),
		    TP_ARGS(vcpu));
COMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL(virt_vcpu_put);

COMPAT_DEFINE_TRACE(virt_entry,
		    TP_PROTO(struct virt_vcpu *vcpu),
		    TP_ARGS(vcpu));
COMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL(virt_entry);

COMPAT_DEFINE_TRACE(virt_exit,
		    TP_PROTO(struct virt_vcpu *vcpu, u32 exit_reason, u64 guest_rip),
		    TP_ARGS(vcpu, exit_reason, guest_rip));
COMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL(virt_exit);
