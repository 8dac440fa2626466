// SPDX-License-Identifier: GPL-2.0
/*
 * Markers for the example virtualisation subsystem's central tracepoints.
 *
 * Consumers written for the marker API connect to virt_vcpu_load,
 * virt_entry, virt_exit and virt_vcpu_put by name, with the formats of
 * <virt/example.h>, which are the stable contract.  Connecting to one of
 * them registers the one callback below on the one tracepoint it serves;
 * nothing is registered while no marker is armed, so loading this code
 * costs nothing.  Pointers become fields here and nowhere else.
 *
 * The callbacks are referenced only from their own marker sites.  Each
 * site keeps its callback for GCC (compat/marker.h); __used keeps them
 * for clang too.
 */
#include <compat/marker.h>
#include <virt/example.h>
#include <virt/tracepoints.h>

static void __used virt_markers_vcpu_load(void *data, struct virt_vcpu *vcpu,
					  int cpu)
{
	trace_mark_tp(virt_vcpu_load, virt_vcpu_load, virt_markers_vcpu_load,
		      VIRT_MARK_VCPU_LOAD_FORMAT,
		      vcpu->vm_id, vcpu->vcpu_id, cpu);
}

static void __used virt_markers_vcpu_put(void *data, struct virt_vcpu *vcpu)
{
	trace_mark_tp(virt_vcpu_put, virt_vcpu_put, virt_markers_vcpu_put,
		      VIRT_MARK_VCPU_PUT_FORMAT,
		      vcpu->vm_id, vcpu->vcpu_id, vcpu->exits);
}

static void __used virt_markers_entry(void *data, struct virt_vcpu *vcpu)
{
	trace_mark_tp(virt_entry, virt_entry, virt_markers_entry,
		      VIRT_MARK_ENTRY_FORMAT,
		      vcpu->vm_id, vcpu->vcpu_id, vcpu->guest_rip);
}

static void __used virt_markers_exit(void *data, struct virt_vcpu *vcpu,
				     u32 exit_reason, u64 guest_rip)
{
	trace_mark_tp(virt_exit, virt_exit, virt_markers_exit,
		      VIRT_MARK_EXIT_FORMAT,
		      vcpu->vm_id, vcpu->vcpu_id, exit_reason, guest_rip);
}
