// SPDX-License-Identifier: GPL-2.0
/*
 * probe-example.c - probes connected to the sites of marker-example.c
 *
 * Connects one probe to subsystem_event, which prints what it receives,
 * and one to subsystem_eventb, which only counts.  The hit counts are
 * readable in /sys/module/probe_example/parameters/ and printed on unload.
 * Either module may be loaded first: a probe registered before its sites
 * exist stays pending and arms them when they appear.
 */
#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include <compat/marker.h>

struct probe_data {
	const char *name;
	const char *format;
	marker_probe_func *probe_func;
	atomic_t hits;
};

static void probe_subsystem_event(void *probe_data, void *call_data,
				  const char *format, va_list *args)
{
	struct probe_data *pdata = probe_data;
	int value;
	const char *mystr;

	/* Read the arguments in the order of the format. */
	value = va_arg(*args, int);
	mystr = va_arg(*args, const char *);

	atomic_inc(&pdata->hits);
	pr_info("probe-example: %s: integer %d string %s\n", pdata->name,
		value, mystr);
}

static void probe_subsystem_eventb(void *probe_data, void *call_data,
				   const char *format, va_list *args)
{
	struct probe_data *pdata = probe_data;

	/* MARK_NOARGS: nothing to read. */
	atomic_inc(&pdata->hits);
}

static struct probe_data probe_array[] = {
	{
		.name = "subsystem_event",
		.format = "integer %d string %s",
		.probe_func = probe_subsystem_event,
	},
	{
		.name = "subsystem_eventb",
		.format = MARK_NOARGS,
		.probe_func = probe_subsystem_eventb,
	},
};

static int param_get_hits(char *buffer, const struct kernel_param *kp)
{
	const struct probe_data *pdata = kp->arg;

	return sysfs_emit(buffer, "%d\n", atomic_read(&pdata->hits));
}

static const struct kernel_param_ops hits_ops = {
	.get = param_get_hits,
};

module_param_cb(event_hits, &hits_ops, &probe_array[0], 0444);
MODULE_PARM_DESC(event_hits, "Calls of the subsystem_event probe");
module_param_cb(eventb_hits, &hits_ops, &probe_array[1], 0444);
MODULE_PARM_DESC(eventb_hits, "Calls of the subsystem_eventb probe");

static int __init probe_init(void)
{
	int ret;
	int i;

	for (i = 0; i < ARRAY_SIZE(probe_array); i++) {
		ret = marker_probe_register(probe_array[i].name,
					    probe_array[i].format,
					    probe_array[i].probe_func,
					    &probe_array[i]);
		if (ret) {
			pr_err("probe-example: cannot register probe on %s: %d\n",
			       probe_array[i].name, ret);
			goto unregister;
		}
		pr_info("probe-example: probe connected to %s\n",
			probe_array[i].name);
	}
	return 0;

unregister:
	while (--i >= 0)
		marker_probe_unregister(probe_array[i].name,
					probe_array[i].probe_func,
					&probe_array[i]);
	marker_synchronize_unregister();
	return ret;
}

static void __exit probe_fini(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(probe_array); i++)
		marker_probe_unregister(probe_array[i].name,
					probe_array[i].probe_func,
					&probe_array[i]);
	/* No probe may still be running once the module text goes away. */
	marker_synchronize_unregister();

	for (i = 0; i < ARRAY_SIZE(probe_array); i++)
		pr_info("probe-example: %s: %d hits\n", probe_array[i].name,
			atomic_read(&probe_array[i].hits));
}

module_init(probe_init);
module_exit(probe_fini);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Probes connected to the marker-example sites");
