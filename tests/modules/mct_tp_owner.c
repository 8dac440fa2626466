// SPDX-License-Identifier: GPL-2.0
/*
 * Owner of the mct_owned_tp tracepoint, for the bridge module scenarios.
 * Parameters:
 *
 *   fire (write N)     fire the tracepoint N times, with 1 ... N
 *                      (N <= MCT_MAX_FIRE)
 *   callbacks (read)   callbacks registered on it, read from the
 *                      tracepoint core's probe array
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include <compat/tracepoint_callbacks.h>

#include "mct.h"
#include "mct_tp.h"

COMPAT_DEFINE_TRACE(mct_owned_tp,
		    TP_PROTO(int v),
		    TP_ARGS(v));
COMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL(mct_owned_tp);

static int mct_owner_fire(const char *val, const struct kernel_param *kp)
{
	unsigned int n, i;
	int ret;

	ret = kstrtouint(val, 0, &n);
	if (ret)
		return ret;
	if (n > MCT_MAX_FIRE)
		return -EINVAL;
	for (i = 1; i <= n; i++)
		trace_mct_owned_tp(i);
	return 0;
}

static const struct kernel_param_ops mct_owner_fire_ops = {
	.set = mct_owner_fire,
};
module_param_cb(fire, &mct_owner_fire_ops, NULL, 0200);
MODULE_PARM_DESC(fire, "Fire mct_owned_tp this many times");

static int mct_owner_callbacks(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%u\n",
			  compat_tp_callbacks(&__tracepoint_mct_owned_tp));
}

static const struct kernel_param_ops mct_owner_callbacks_ops = {
	.get = mct_owner_callbacks,
};
module_param_cb(callbacks, &mct_owner_callbacks_ops, NULL, 0444);
MODULE_PARM_DESC(callbacks, "Callbacks registered on mct_owned_tp");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Module owning a tracepoint bridged by another module");
