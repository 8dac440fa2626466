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

#include <compat/tracepoint_read.h>

#include "mct_fire.h"
#include "mct_tp.h"

COMPAT_DEFINE_TRACE(mct_owned_tp,
		    TP_PROTO(int v),
		    TP_ARGS(v));
COMPAT_EXPORT_TRACEPOINT_SYMBOL_GPL(mct_owned_tp);

static void mct_owner_fire(unsigned int seq)
{
	trace_mct_owned_tp(seq);
}

MCT_FIRE_PARAM(mct_owner_fire, "Fire mct_owned_tp this many times");

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
