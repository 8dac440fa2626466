// SPDX-License-Identifier: GPL-2.0
/*
 * marker-example.c - marker sites, fired by reading /proc/marker-example
 *
 * The sites cost a NOP each while no probe is connected.  Load
 * probe-example.ko to connect probes, then
 *
 *	cat /proc/marker-example
 *
 * and watch the kernel log.
 */
#include <linux/atomic.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>

#include <compat/marker.h>

#define EVENTB_PER_READ	10

static atomic_t reads = ATOMIC_INIT(0);
static struct proc_dir_entry *pentry_example;

static int marker_example_show(struct seq_file *m, void *v)
{
	int nr = atomic_inc_return(&reads);
	int i;

	trace_mark(subsystem_event, "integer %d string %s", nr, current->comm);
	for (i = 0; i < EVENTB_PER_READ; i++)
		trace_mark(subsystem_eventb, MARK_NOARGS);

	seq_printf(m, "read %d fired subsystem_event once and subsystem_eventb %d times\n",
		   nr, EVENTB_PER_READ);
	return 0;
}

static int marker_example_open(struct inode *inode, struct file *file)
{
	return single_open(file, marker_example_show, NULL);
}

static const struct proc_ops marker_example_ops = {
	.proc_open = marker_example_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init marker_example_init(void)
{
	pentry_example = proc_create("marker-example", 0444, NULL,
				     &marker_example_ops);
	if (!pentry_example)
		return -ENOMEM;
	return 0;
}

static void __exit marker_example_exit(void)
{
	proc_remove(pentry_example);
}

module_init(marker_example_init);
module_exit(marker_example_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Marker sites fired by reading /proc/marker-example");
