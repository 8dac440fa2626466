// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: the callback takes an int where virt_exit passes a u64.
 * expect: trace_mark_tp\(bad_exit\): callback bad_exit_cb does not have the probe type
 */
#include <linux/module.h>
#include <compat/marker.h>
#include <virt/tracepoints.h>

static void __used bad_exit_cb(void *data, struct virt_vcpu *vcpu,
			       u32 exit_reason, int guest_rip)
{
	trace_mark_tp(bad_exit, virt_exit, bad_exit_cb, "reason %u rip %d",
		      exit_reason, guest_rip);
}

MODULE_LICENSE("GPL");
