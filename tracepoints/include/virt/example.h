/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The example virtualisation subsystem: just enough of a vCPU run loop to
 * fire the central tracepoints of <virt/tracepoints.h> with real objects
 * behind their pointers.
 *
 * The subsystem's headers live in its own include directory,
 * tracepoints/include/, as a real subsystem's live in its own tree: its
 * code, its consumers (samples/virt-tracer.c) and the tests that drive it
 * add that directory, and the shim's public directory, include/compat/,
 * holds only what the shim provides.
 */
#ifndef _VIRT_EXAMPLE_H
#define _VIRT_EXAMPLE_H

#include <linux/types.h>

/*
 * The formats of the example subsystem's markers
 * (tracepoints/virt_markers.c): the stable contract that their consumers
 * register with.
 */
#define VIRT_MARK_VCPU_LOAD_FORMAT	"vm_id %u vcpu_id %u host_cpu %d"
#define VIRT_MARK_VCPU_PUT_FORMAT	"vm_id %u vcpu_id %u exits %llu"
#define VIRT_MARK_ENTRY_FORMAT		"vm_id %u vcpu_id %u guest_rip 0x%llx"
#define VIRT_MARK_EXIT_FORMAT \
	"vm_id %u vcpu_id %u exit_reason %u guest_rip 0x%llx"

/**
 * struct virt_vcpu - a virtual CPU of the example subsystem
 * @vcpu_id: index of the vCPU in its VM
 * @vm_id: the VM's identifier
 * @guest_rip: guest program counter at the last exit
 * @exits: number of exits so far
 */
struct virt_vcpu {
	unsigned int vcpu_id;
	unsigned int vm_id;
	u64 guest_rip;
	u64 exits;
};

/**
 * struct virt_exit_plan - one exit a virt_example_run() should take
 * @reason: exit reason
 * @guest_rip: guest program counter at the exit
 */
struct virt_exit_plan {
	u32 reason;
	u64 guest_rip;
};

void virt_example_run(struct virt_vcpu *vcpu, int host_cpu,
		      const struct virt_exit_plan *plan, unsigned int nr);

#endif /* _VIRT_EXAMPLE_H */
