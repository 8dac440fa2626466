// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel markers on top of tracepoints: module init and exit.
 */
#include <linux/init.h>
#include <linux/module.h>

#include "internal.h"

static int __init marker_compat_init(void)
{
	int ret;

	ret = marker_sites_init();
	if (!ret)
		marker_control_init();
	return ret;
}

static void __exit marker_compat_exit(void)
{
	marker_control_exit();
	marker_sites_exit();
	marker_bridge_exit();
}

/*
 * Built in, be ready before device drivers start: their sites are found
 * whenever the core starts, but probes registered early stay pending.
 */
subsys_initcall(marker_compat_init);
module_exit(marker_compat_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Kernel markers (trace_mark) on top of tracepoints");
