/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Central tracepoints of the example virtualisation subsystem.
 *
 * The in-kernel contract: typed, never exported to user space as such.
 * Tracers attach typed probes with register_trace_<name>(), or bridge
 * them to markers with trace_mark_tp() (see tracepoints/virt_markers.c),
 * which is where pointers become fields, once.
 */
#ifndef _VIRT_TRACEPOINTS_H
#define _VIRT_TRACEPOINTS_H

#include <linux/types.h>
#include <compat/tracepoint.h>

struct virt_vcpu;

/* A vCPU is loaded on a host CPU. */
COMPAT_DECLARE_TRACE(virt_vcpu_load,
		     TP_PROTO(struct virt_vcpu *vcpu, int cpu),
		     TP_ARGS(vcpu, cpu));

/* A loaded vCPU is put back. */
COMPAT_DECLARE_TRACE(virt_vcpu_put,
		     TP_PROTO(struct virt_vcpu *vcpu),
		     TP_ARGS(vcpu));

/* The host enters the guest. */
COMPAT_DECLARE_TRACE(virt_entry,
		     TP_PROTO(struct virt_vcpu *vcpu),
		     TP_ARGS(vcpu));

/* The guest exits to the host with @exit_reason at @guest_rip. */
COMPAT_DECLARE_TRACE(virt_exit,
		     TP_PROTO(struct virt_vcpu *vcpu, u32 exit_reason, u64 guest_rip),
		     TP_ARGS(vcpu, exit_reason, guest_rip));

#endif /* _VIRT_TRACEPOINTS_H */
