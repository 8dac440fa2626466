// SPDX-License-Identifier: GPL-2.0
/*
 * A probe module with a bridged marker on another module's tracepoint.
 * Loading it registers nothing; writing 1 to reg connects a marker probe
 * to mct_bridged, which registers the callback below on mct_owned_tp.
 * Parameters:
 *
 *   reg (write 0/1)   unregister/register the marker probe
 *   last_ret (read)   result of the last write to reg
 *   hits (read)       events the marker probe received
 *   sum (read)        sum of their values, decoded with the format
 */
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include <compat/marker.h>

#include "mct_tp.h"

static atomic_t hits = ATOMIC_INIT(0);
static atomic_t sum = ATOMIC_INIT(0);
static bool registered;

static int last_ret = 1;
module_param(last_ret, int, 0444);
MODULE_PARM_DESC(last_ret, "Result of the last write to reg");

static void __used mct_bridge_cb(void *data, int v)
{
	trace_mark_tp(mct_bridged, mct_owned_tp, mct_bridge_cb, "v %d", v);
}

static void mct_bridge_probe(void *probe_private, void *call_private,
			     const char *fmt, va_list *args)
{
	atomic_inc(&hits);
	atomic_add(va_arg(*args, int), &sum);
}

static int mct_bridge_reg(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret;

	ret = kstrtobool(val, &on);
	if (ret)
		return ret;
	if (on)
		last_ret = marker_probe_register("mct_bridged", "v %d",
						 mct_bridge_probe, NULL);
	else
		last_ret = marker_probe_unregister("mct_bridged",
						   mct_bridge_probe, NULL);
	if (!last_ret)
		registered = on;
	return 0;
}

static const struct kernel_param_ops mct_bridge_reg_ops = {
	.set = mct_bridge_reg,
};
module_param_cb(reg, &mct_bridge_reg_ops, NULL, 0200);
MODULE_PARM_DESC(reg, "1 to arm the mct_bridged marker, 0 to disarm it");

static int mct_bridge_get_atomic(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%d\n", atomic_read(kp->arg));
}

static const struct kernel_param_ops mct_bridge_atomic_ops = {
	.get = mct_bridge_get_atomic,
};
module_param_cb(hits, &mct_bridge_atomic_ops, &hits, 0444);
MODULE_PARM_DESC(hits, "Events received by the marker probe");
module_param_cb(sum, &mct_bridge_atomic_ops, &sum, 0444);
MODULE_PARM_DESC(sum, "Sum of the values received");

static void __exit mct_bridge_exit(void)
{
	if (registered)
		marker_probe_unregister("mct_bridged", mct_bridge_probe, NULL);
	marker_synchronize_unregister();
}
module_exit(mct_bridge_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Probe module bridging a marker onto another module's tracepoint");
