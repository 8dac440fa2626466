// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel markers on top of tracepoints: module init and exit, the lock,
 * and the tracepoint module notifier.
 *
 * The notifier is here so that the order in which a module's tracepoints
 * and its sites appear and go is written in one place: a coming module's
 * tracepoints (bridge.c) before its sites (sites.c), a going module's
 * sites before its tracepoints.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/tracepoint.h>

#include "internal.h"

/* Serialises registration, site discovery and the walk: see internal.h. */
DEFINE_MUTEX(markers_mutex);

#ifdef CONFIG_MODULES
static void marker_module_coming(struct module *mod)
{
	bool added, found;

	/*
	 * The module's tracepoints first: its own trace_mark_tp() sites may
	 * bridge onto them, and links waiting for them attach now.  Modules
	 * and sites that out of memory left behind may be recorded, added or
	 * armed now.
	 */
	mutex_lock(&markers_mutex);
	marker_bridge_retry();
	marker_bridge_module_coming(mod);
	added = marker_sites_retry();
	mutex_unlock(&markers_mutex);

	found = marker_sites_module_coming(mod);
	if (added || found)
		marker_events_reconcile();
}

static void marker_module_going(struct module *mod)
{
	bool released, added;

	mutex_lock(&markers_mutex);
	released = marker_sites_module_going(mod);
	marker_bridge_module_going(mod);
	/* What kept a site from arming may have gone with the module. */
	marker_bridge_retry();
	added = marker_sites_retry();
	mutex_unlock(&markers_mutex);

	/*
	 * The module's trace_mark_tp() callbacks may still be running on
	 * tracepoints of other modules or of vmlinux.  The module loader's
	 * own RCU grace period covers them while tracepoint probes run with
	 * preemption off; kernels that run probes under SRCU need the
	 * tracepoint core's wait, which covers both.
	 */
	if (released)
		tracepoint_synchronize_unregister();
	if (released || added)
		marker_events_reconcile();
}

static int marker_tp_module_notify(struct notifier_block *nb,
				   unsigned long val, void *data)
{
	struct tp_module *tp_mod = data;

	switch (val) {
	case MODULE_STATE_COMING:
		marker_module_coming(tp_mod->mod);
		break;
	case MODULE_STATE_GOING:
		marker_module_going(tp_mod->mod);
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block marker_tp_module_nb = {
	.notifier_call = marker_tp_module_notify,
	.priority = 0,
};

static int marker_modules_init(void)
{
	return register_tracepoint_module_notifier(&marker_tp_module_nb);
}

static void marker_modules_exit(void)
{
	/* Replays GOING for every module: their sites are released. */
	unregister_tracepoint_module_notifier(&marker_tp_module_nb);
}
#else
static int marker_modules_init(void)
{
	return 0;
}

static void marker_modules_exit(void)
{
}
#endif /* CONFIG_MODULES */

static int __init marker_compat_init(void)
{
	int ret;

	ret = marker_sites_init();
	if (ret)
		return ret;
	marker_events_reconcile();
	ret = marker_modules_init();
	if (ret) {
		marker_sites_exit();
		return ret;
	}
	marker_control_init();
	return 0;
}

static void __exit marker_compat_exit(void)
{
	marker_control_exit();
	marker_modules_exit();
	marker_events_exit();
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
