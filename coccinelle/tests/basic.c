// SPDX-License-Identifier: GPL-2.0
/* A plain site; the arguments keep their spelling, casts included. */
void vcpu_exit(struct vcpu *vcpu, unsigned int reason)
{
	trace_mark(kvm_exit, "exit_reason %u guest_rip 0x%lx vcpu %p",
		   reason, vcpu->rip, (void *) vcpu);
}
