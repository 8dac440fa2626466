// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile: no tracepoint virt_exitt is declared anywhere.
 * expect: 'check_trace_callback_type_virt_exitt' undeclared
 */
#include <linux/module.h>
#include <compat/marker.h>
#include <virt/tracepoints.h>

static void __used typo_cb(void *data, struct virt_vcpu *vcpu,
			   u32 exit_reason, u64 guest_rip)
{
	trace_mark_tp(typo_exit, virt_exitt, typo_cb, "reason %u",
		      exit_reason);
}

MODULE_LICENSE("GPL");
