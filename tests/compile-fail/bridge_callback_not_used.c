// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: a static callback without __used is dropped by the
 * compiler with its site, and registration would then succeed with
 * nothing ever firing.
 * expect: callback lost_exit_cb must be declared __used
 */
#include <linux/module.h>
#include <compat/marker.h>
#include <virt/tracepoints.h>

static void lost_exit_cb(void *data, struct virt_vcpu *vcpu,
			 u32 exit_reason, u64 guest_rip)
{
	trace_mark_tp(lost_exit, virt_exit, lost_exit_cb, "reason %u",
		      exit_reason);
}

MODULE_LICENSE("GPL");
