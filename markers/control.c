// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs control interface: <debugfs>/markers/, and its control
 * file again as /proc/markers/control.
 *
 *   list      one line per marker site, built-in first, then each module's:
 *             name, where it is, its state (marker_site_state()), the
 *             number of probes on it, the state of its name's trace event
 *             (-, off, on, refused, mismatch, stale), the tracepoint it
 *             bridges to (trace_mark_tp() sites) and its format
 *   control   write "count NAME" to connect a hit counter to marker NAME,
 *             "nocount NAME" to disconnect it; "declare NAME FORMAT" to
 *             give NAME its trace event ahead of its sites, "undeclare
 *             NAME" to withdraw that; one command per write
 *   counters  one line per counter: NAME HITS
 *   declared  one line per declared event (marker_events_show_declared())
 *
 * A hit counter is a per-CPU count, so counting costs one increment and
 * needs no trace buffer.  It is a tap (marker_tap_register()): it counts
 * every site of the name, whatever its format, and neither fixes the
 * name's format nor is refused by it, so counting never changes what a
 * tracer may register.  A command that
 * is not understood fails with -EINVAL and changes nothing; the others
 * fail as marker_tap_register() and marker_tap_unregister() do (-EBUSY
 * for a counter already there, -ENOENT for one that is not), or as
 * marker_event_declare() and marker_event_undeclare() do.
 *
 * The control file is in procfs too, as dynamic debug's is: under
 * lockdown=integrity debugfs refuses to open a file for writing
 * (LOCKDOWN_DEBUGFS), and procfs does not; the other files, read-only,
 * are still readable there.
 *
 * A declaration's FORMAT is the rest of the line after the one blank
 * that ends NAME, verbatim but for the final newline: a format may start
 * or end with blanks, as a trace_mark() literal may.  "declare NAME"
 * alone declares MARK_NOARGS.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <compat/marker_debug.h>

#include "internal.h"

/* Longest command: the verb, blanks, a name, a format, a newline. */
#define MARKER_CONTROL_MAX	(16 + MARK_MAX_NAME_LEN + MARK_MAX_FORMAT_LEN)

struct marker_counter {
	struct list_head list;
	unsigned long __percpu *hits;
	char name[];
};

/* Serialises the counters; the lock order is in internal.h. */
static DEFINE_MUTEX(marker_counters_mutex);
static LIST_HEAD(marker_counters);
static struct dentry *marker_debugfs;
static struct proc_dir_entry *marker_procfs;

static void marker_count_probe(void *probe_private, void *call_private,
			       const char *fmt, va_list *args)
{
	struct marker_counter *c = probe_private;

	/* Probes run with preemption disabled. */
	__this_cpu_inc(*c->hits);
}

static struct marker_counter *marker_counter_find(const char *name)
{
	struct marker_counter *c;

	list_for_each_entry(c, &marker_counters, list)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static void marker_counter_free(struct marker_counter *c)
{
	free_percpu(c->hits);
	kfree(c);
}

static int marker_counter_add(const char *name)
{
	size_t len = strlen(name) + 1;
	struct marker_counter *c;
	int ret;

	if (marker_counter_find(name))
		return -EBUSY;
	c = kzalloc(struct_size(c, name, len), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->hits = alloc_percpu(unsigned long);
	if (!c->hits) {
		kfree(c);
		return -ENOMEM;
	}
	memcpy(c->name, name, len);
	ret = marker_tap_register(name, marker_count_probe, c);
	if (ret) {
		marker_counter_free(c);
		return ret;
	}
	list_add_tail(&c->list, &marker_counters);
	return 0;
}

static void marker_counter_release(struct marker_counter *c)
{
	WARN_ON_ONCE(marker_tap_unregister(c->name, marker_count_probe, c));
	marker_synchronize_unregister();
	list_del(&c->list);
	marker_counter_free(c);
}

static int marker_counter_remove(const char *name)
{
	struct marker_counter *c = marker_counter_find(name);

	if (!c)
		return -ENOENT;
	marker_counter_release(c);
	return 0;
}

static bool marker_valid_name(const char *name)
{
	if (!*name || isdigit(*name))
		return false;
	for (; *name; name++)
		if (!isalnum(*name) && *name != '_')
			return false;
	return true;
}

static bool marker_control_name(const char *name)
{
	return marker_valid_name(name) && strlen(name) <= MARK_MAX_NAME_LEN;
}

/*
 * "declare NAME FORMAT", @args after the blank that ends the verb: the
 * name after any blanks, then one space or tab and the format, verbatim.
 * Not under marker_counters_mutex, which comes below the events' locks.
 */
static int marker_control_declare(char *args)
{
	char *name = skip_spaces(args);
	char *end = name + strcspn(name, " \t");
	const char *format = MARK_NOARGS;

	if (*end) {
		*end = '\0';
		format = end + 1;
	}
	if (!marker_control_name(name))
		return -EINVAL;
	return marker_event_declare(name, format);
}

/*
 * Parse and run one command, "count NAME", "nocount NAME", "undeclare
 * NAME" or "declare NAME FORMAT", with blanks around the verb and the
 * name, spaces or tabs between them, and an optional final newline.
 * Anything else is -EINVAL before anything is touched.
 */
static int marker_control_exec(char *cmd)
{
	char *verb, *name;
	size_t len;
	int ret;

	/* The newline, if any, ends the command (marker_control_write()). */
	cmd[strcspn(cmd, "\n")] = '\0';
	verb = skip_spaces(cmd);
	len = strcspn(verb, " \t");
	if (len == strlen("declare") && !strncmp(verb, "declare", len) &&
	    verb[len])
		return marker_control_declare(verb + len + 1);

	cmd = strim(cmd);
	verb = strsep(&cmd, " \t");
	name = cmd ? skip_spaces(cmd) : NULL;
	if (!name || !marker_control_name(name))
		return -EINVAL;
	if (!strcmp(verb, "undeclare"))
		return marker_event_undeclare(name);

	mutex_lock(&marker_counters_mutex);
	if (!strcmp(verb, "count"))
		ret = marker_counter_add(name);
	else if (!strcmp(verb, "nocount"))
		ret = marker_counter_remove(name);
	else
		ret = -EINVAL;
	mutex_unlock(&marker_counters_mutex);
	return ret;
}

static ssize_t marker_control_write(struct file *file, const char __user *ubuf,
				    size_t len, loff_t *ppos)
{
	char *cmd;
	int ret;

	if (!len || len > MARKER_CONTROL_MAX)
		return -EINVAL;
	cmd = memdup_user_nul(ubuf, len);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	/* One command per write: no NUL, and a newline may only end it. */
	if (strlen(cmd) != len ||
	    (strchr(cmd, '\n') && strchr(cmd, '\n') != cmd + len - 1))
		ret = -EINVAL;
	else
		ret = marker_control_exec(cmd);
	kfree(cmd);
	return ret ? ret : len;
}

static const struct file_operations marker_control_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = marker_control_write,
	.llseek = noop_llseek,
};

static const struct proc_ops marker_control_proc_ops = {
	.proc_write = marker_control_write,
	.proc_lseek = noop_llseek,
};

static int marker_counters_show(struct seq_file *m, void *v)
{
	struct marker_counter *c;
	unsigned long hits;
	int cpu;

	mutex_lock(&marker_counters_mutex);
	list_for_each_entry(c, &marker_counters, list) {
		hits = 0;
		for_each_possible_cpu(cpu)
			hits += *per_cpu_ptr(c->hits, cpu);
		seq_printf(m, "%s %lu\n", c->name, hits);
	}
	mutex_unlock(&marker_counters_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(marker_counters);

static int marker_list_show(struct seq_file *m, void *v)
{
	struct marker_iter iter;
	struct marker *site;

	/* The registry's lock across the walk: no site goes meanwhile. */
	mutex_lock(&markers_mutex);
	marker_iter_reset(&iter);
	for (marker_iter_seek(&iter, false); iter.marker;
	     marker_iter_seek(&iter, true)) {
		site = iter.marker;
		seq_printf(m, "%s %s %s probes=%u event=%s", site->name,
			   marker_where(iter.module),
			   marker_site_state(site), marker_site_probes(site),
			   marker_event_state(site->name, site->format));
		if (site->tp_name)
			seq_printf(m, " tp=%s", site->tp_name);
		seq_printf(m, " format=\"%s\"\n", site->format);
	}
	mutex_unlock(&markers_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(marker_list);

static int marker_declared_show(struct seq_file *m, void *v)
{
	marker_events_show_declared(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(marker_declared);

void marker_control_init(void)
{
	/* debugfs is for debugging: its failures are not ours to report. */
	marker_debugfs = debugfs_create_dir("markers", NULL);
	debugfs_create_file("list", 0444, marker_debugfs, NULL,
			    &marker_list_fops);
	debugfs_create_file("control", 0200, marker_debugfs, NULL,
			    &marker_control_fops);
	debugfs_create_file("counters", 0444, marker_debugfs, NULL,
			    &marker_counters_fops);
	debugfs_create_file("declared", 0444, marker_debugfs, NULL,
			    &marker_declared_fops);

	/* As optional as debugfs: the commands work without it. */
	marker_procfs = proc_mkdir("markers", NULL);
	if (marker_procfs)
		proc_create("control", 0200, marker_procfs,
			    &marker_control_proc_ops);
}

void marker_control_exit(void)
{
	struct marker_counter *c, *tmp;

	proc_remove(marker_procfs);
	debugfs_remove(marker_debugfs);
	mutex_lock(&marker_counters_mutex);
	list_for_each_entry_safe(c, tmp, &marker_counters, list)
		marker_counter_release(c);
	mutex_unlock(&marker_counters_mutex);
}
