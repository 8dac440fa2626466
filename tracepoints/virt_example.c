// SPDX-License-Identifier: GPL-2.0
/*
 * The example virtualisation subsystem's run loop.
 */
#include <linux/export.h>
#include <linux/module.h>
#include <virt/example.h>
#include <virt/tracepoints.h>

/**
 * virt_example_run - run a vCPU through a planned series of exits
 * @vcpu: the vCPU
 * @host_cpu: host CPU it is loaded on
 * @plan: the exits to take, in order
 * @nr: number of entries in @plan
 *
 * Fires virt_vcpu_load, then virt_entry and virt_exit for each planned
 * exit, then virt_vcpu_put.
 */
void virt_example_run(struct virt_vcpu *vcpu, int host_cpu,
		      const struct virt_exit_plan *plan, unsigned int nr)
{
	unsigned int i;

	trace_virt_vcpu_load(vcpu, host_cpu);
	for (i = 0; i < nr; i++) {
		trace_virt_entry(vcpu);
		vcpu->guest_rip = plan[i].guest_rip;
		vcpu->exits++;
		trace_virt_exit(vcpu, plan[i].reason, plan[i].guest_rip);
	}
	trace_virt_vcpu_put(vcpu);
}
EXPORT_SYMBOL_GPL(virt_example_run);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Example subsystem with central tracepoints and bridged markers");
