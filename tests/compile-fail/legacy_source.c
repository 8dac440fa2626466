// SPDX-License-Identifier: GPL-2.0
/*
 * Must build: a marker user as 2.6.27-2.6.31 code wrote one, unedited,
 * with the shim's include/legacy as its only include directory of the
 * shim's (legacy-include-only): the <linux/marker.h> include line, sites
 * of every form, a probe with the historic signature reading its va_list,
 * its registration by name and format.
 * expect-success
 * legacy-include-only
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/marker.h>

static void legacy_sched_probe(void *probe_data, void *call_data,
			       const char *format, va_list *args)
{
	int pid = va_arg(*args, int);
	const char *comm = va_arg(*args, const char *);

	pr_debug("%s: %d %s\n", format, pid, comm);
}

static int __init legacy_init(void)
{
	int ret;

	ret = marker_probe_register("legacy_sched", "pid %d comm %s",
				    legacy_sched_probe, NULL);
	if (ret)
		return ret;
	trace_mark(legacy_sched, "pid %d comm %s", current->pid, current->comm);
	_trace_mark(legacy_init_done, MARK_NOARGS);
	return 0;
}

static void __exit legacy_exit(void)
{
	marker_probe_unregister("legacy_sched", legacy_sched_probe, NULL);
	marker_synchronize_unregister();
}

module_init(legacy_init);
module_exit(legacy_exit);
MODULE_LICENSE("GPL");
