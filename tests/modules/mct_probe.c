// SPDX-License-Identifier: GPL-2.0
/*
 * Probe module for the x86_64 module scenarios.
 *
 * At load it connects a probe to "mct_shared" and one to "mct_fmt", before
 * or after the site modules exist.  Parameters:
 *
 *   init_ret, fmt_init_ret (read) marker_probe_register() results at load
 *   hits_a, hits_b (read)  calls of the mct_shared probe, per site module
 *   hits_bad (read)        mct_shared calls with an unexpected argument
 *   hits_fmt (read)        calls of the mct_fmt probe (must stay 0)
 *   reg (write 0/1)        unregister/register the mct_shared probe
 *   last_ret (read)        result of the last write to reg
 *   sites (read)           mct_shared sites seen by the marker iterator
 */
#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

#include <compat/marker.h>

#include "mct.h"

static atomic_t hits_a = ATOMIC_INIT(0);
static atomic_t hits_b = ATOMIC_INIT(0);
static atomic_t hits_bad = ATOMIC_INIT(0);
static atomic_t hits_fmt = ATOMIC_INIT(0);

static bool shared_registered;
static bool fmt_registered;

static int init_ret = 1;
module_param(init_ret, int, 0444);
MODULE_PARM_DESC(init_ret, "Registration of the mct_shared probe at load");

static int fmt_init_ret = 1;
module_param(fmt_init_ret, int, 0444);
MODULE_PARM_DESC(fmt_init_ret, "Registration of the mct_fmt probe at load");

static int last_ret = 1;
module_param(last_ret, int, 0444);
MODULE_PARM_DESC(last_ret, "Result of the last write to reg");

static void mct_probe_shared(void *probe_private, void *call_private,
			     const char *fmt, va_list *args)
{
	int src = va_arg(*args, int);
	unsigned int seq = va_arg(*args, unsigned int);

	if (probe_private != &hits_a || call_private || !seq)
		atomic_inc(&hits_bad);
	else if (src == MCT_SRC_A)
		atomic_inc(&hits_a);
	else if (src == MCT_SRC_B)
		atomic_inc(&hits_b);
	else
		atomic_inc(&hits_bad);
}

static void mct_probe_fmt(void *probe_private, void *call_private,
			  const char *fmt, va_list *args)
{
	atomic_inc(&hits_fmt);
}

static int mct_get_atomic(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%d\n", atomic_read(kp->arg));
}

static const struct kernel_param_ops mct_atomic_ops = {
	.get = mct_get_atomic,
};

module_param_cb(hits_a, &mct_atomic_ops, &hits_a, 0444);
module_param_cb(hits_b, &mct_atomic_ops, &hits_b, 0444);
module_param_cb(hits_bad, &mct_atomic_ops, &hits_bad, 0444);
module_param_cb(hits_fmt, &mct_atomic_ops, &hits_fmt, 0444);

static int mct_reg_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret;

	ret = kstrtobool(val, &on);
	if (ret)
		return ret;
	if (on) {
		ret = marker_probe_register("mct_shared", MCT_SHARED_FORMAT,
					    mct_probe_shared, &hits_a);
		if (!ret)
			shared_registered = true;
	} else {
		ret = marker_probe_unregister("mct_shared", mct_probe_shared,
					      &hits_a);
		if (!ret)
			shared_registered = false;
		marker_synchronize_unregister();
	}
	last_ret = ret;
	pr_info("mct_probe: reg=%d: %d\n", on, ret);
	return 0;
}

static int mct_reg_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%d\n", shared_registered);
}

static const struct kernel_param_ops mct_reg_ops = {
	.set = mct_reg_set,
	.get = mct_reg_get,
};

module_param_cb(reg, &mct_reg_ops, NULL, 0644);
MODULE_PARM_DESC(reg, "Write 1/0: register/unregister the mct_shared probe");

static int mct_sites_get(char *buffer, const struct kernel_param *kp)
{
	struct marker_iter iter;
	unsigned int n = 0;

	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	for (; iter.marker; marker_iter_next(&iter))
		if (!strcmp(iter.marker->name, "mct_shared"))
			n++;
	marker_iter_stop(&iter);
	return sysfs_emit(buffer, "%u\n", n);
}

static const struct kernel_param_ops mct_sites_ops = {
	.get = mct_sites_get,
};

module_param_cb(sites, &mct_sites_ops, NULL, 0444);
MODULE_PARM_DESC(sites, "mct_shared sites seen by the marker iterator");

static int __init mct_probe_init(void)
{
	init_ret = marker_probe_register("mct_shared", MCT_SHARED_FORMAT,
					 mct_probe_shared, &hits_a);
	shared_registered = !init_ret;
	fmt_init_ret = marker_probe_register("mct_fmt", MCT_FMT_PROBE_FORMAT,
					     mct_probe_fmt, NULL);
	fmt_registered = !fmt_init_ret;
	pr_info("mct_probe: loaded: mct_shared %d, mct_fmt %d\n", init_ret,
		fmt_init_ret);
	return 0;
}

static void __exit mct_probe_exit(void)
{
	if (shared_registered)
		marker_probe_unregister("mct_shared", mct_probe_shared, &hits_a);
	if (fmt_registered)
		marker_probe_unregister("mct_fmt", mct_probe_fmt, NULL);
	marker_synchronize_unregister();
	pr_info("mct_probe: unloading: hits a %d b %d bad %d fmt %d\n",
		atomic_read(&hits_a), atomic_read(&hits_b),
		atomic_read(&hits_bad), atomic_read(&hits_fmt));
}

module_init(mct_probe_init);
module_exit(mct_probe_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Marker test probes for the module scenarios");
