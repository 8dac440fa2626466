// SPDX-License-Identifier: GPL-2.0
/*
 * Must build, with -Werror: legacy bridge code whose callbacks are not
 * declared __used, one static (kept by its site, compat/marker.h) and one
 * global, as LTTng 0.x probes were written.  That they fire is
 * marker_bridge_legacy_callbacks (KUnit).
 * expect-success
 */
#include <linux/module.h>
#include <compat/marker.h>
#include <virt/tracepoints.h>

static void legacy_exit_cb(void *data, struct virt_vcpu *vcpu,
			   u32 exit_reason, u64 guest_rip)
{
	trace_mark_tp(legacy_exit, virt_exit, legacy_exit_cb, "reason %u",
		      exit_reason);
}

void legacy_entry_cb(void *data, struct virt_vcpu *vcpu);
void legacy_entry_cb(void *data, struct virt_vcpu *vcpu)
{
	trace_mark_tp(legacy_entry, virt_entry, legacy_entry_cb, "vcpu %p",
		      vcpu);
}

MODULE_LICENSE("GPL");
