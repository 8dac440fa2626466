// SPDX-License-Identifier: GPL-2.0
/*
 * Must compile cleanly: the control case, so a broken harness (wrong
 * include path, missing header) cannot pass the negative tests above.
 * expect-success
 */
#include <linux/module.h>
#include <compat/marker.h>
#include <virt/tracepoints.h>

static void __used good_exit_cb(void *data, struct virt_vcpu *vcpu,
				u32 exit_reason, u64 guest_rip)
{
	trace_mark_tp(good_exit, virt_exit, good_exit_cb,
		      "reason %u rip 0x%llx", exit_reason, guest_rip);
}

void good_site(int v);
void good_site(int v)
{
	trace_mark(good_site, "v %d", v);
	trace_mark(good_noargs, MARK_NOARGS);
}

MODULE_LICENSE("GPL");
