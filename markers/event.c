// SPDX-License-Identifier: GPL-2.0
/*
 * Every marker name as a trace event: markers:<name>.
 *
 * A name gets an event when its first site is found and loses it when its
 * last site goes.  The event's fields come from the format, compiled once
 * (event_format.c); its tracefs files (enable, filter, trigger, format,
 * id) and its perf and BPF attachment are the trace core's own.  Enabling
 * the event registers one marker probe on the name through the registry,
 * exactly as a C consumer would (per instance for ftrace, once for all
 * perf users), so a trace_mark_tp() marker arms exactly its tracepoint
 * callback and nothing else changes; disabling it unregisters the probe.
 * The probe serializes each hit into a record of exact size: strings are
 * measured first, then the record is reserved, filled and committed, and
 * the trace core applies filters and triggers at commit.
 *
 * Lifetime: an event whose last site goes while it is enabled (ftrace in
 * any instance, or perf) cannot be removed; the trace core refuses with
 * -EBUSY.  It stays, firing nothing (its probe is pending on the name, as
 * any early probe is), and goes as soon as its last user disables it; a
 * module bringing the name back first finds it still there and armed.
 * Disabling waits for running probes, so a removed event's records and
 * the trace core's per-instance file are never used after they are freed.
 *
 * A removed event is never freed: it stays in the table as a tombstone,
 * and the name's return with the same format adds the same event again.
 * The trace core frees what it allocated for the event when removing it,
 * but on 6.1 tracefs files opened before the removal still reach the
 * event itself: the format file holds the trace_event_call, and the
 * trigger file the per-instance file, whose event_call the core keeps
 * and follows (field lookups of hist and filtered triggers, and enabling
 * for any trigger).  No one tells us when the last such file is closed,
 * so the call, its class, print format and field table stay valid for
 * good.  Memory is bounded by the distinct names and formats ever seen,
 * not by loads: a module loaded a hundred times reuses one tombstone.
 * 6.12 checks EVENT_FILE_FL_FREED in every such file operation; there
 * the tombstone costs memory but is not needed.
 *
 * Locking: marker_events_mutex serialises creation and removal and nests
 * outside the trace core's event_mutex, which trace_add_event_call() and
 * trace_remove_event_call() want held by their caller.  The trace core
 * calls marker_event_reg() under event_mutex, and it takes the registry's
 * markers_mutex; so the registry is only ever asked for its names with
 * marker_events_mutex alone held, never event_mutex.  Lookups by name for
 * the debugfs listing use RCU (entries are added under the mutex and
 * never removed).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/mutex.h>
#include <linux/perf_event.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/trace_events.h>
#include <linux/workqueue.h>

#include "event_format.h"
#include "internal.h"

#define MARKER_EVENT_SYSTEM	"markers"

struct marker_event {
	struct hlist_node hlist;
	/* On a sync's list of events to add. */
	struct list_head list;
	/* NULL if the format cannot be recorded: no trace event then. */
	struct marker_event_format *fmt;
	struct trace_event_call call;
	struct trace_event_class class;
	/* Carries the name, for the trace core's TRACE_EVENT_FL_TRACEPOINT. */
	struct tracepoint tp;
	/* Enabled ftrace instances plus perf, under event_mutex. */
	unsigned int users;
	/* The name's current event; else a tombstone (top of this file). */
	bool live;
	/* On the trace core's list (trace_add_event_call()). */
	bool added;
	bool seen;
	bool orphan;
	char *format;
	char name[];
};

static DEFINE_MUTEX(marker_events_mutex);
#define MARKER_EVENT_HASH_BITS	7
static DEFINE_HASHTABLE(marker_event_table, MARKER_EVENT_HASH_BITS);

static u32 marker_event_hash(const char *name)
{
	return jhash(name, strlen(name), 0);
}

/*
 * The current event of @name.  Under marker_events_mutex, or under
 * rcu_read_lock() by readers.
 */
static struct marker_event *marker_event_lookup(const char *name)
{
	struct marker_event *ev;

	hash_for_each_possible_rcu(marker_event_table, ev, hlist,
				   marker_event_hash(name),
				   lockdep_is_held(&marker_events_mutex))
		if (READ_ONCE(ev->live) && !strcmp(ev->name, name))
			return ev;
	return NULL;
}

/* The tombstone of @name with @format, under marker_events_mutex. */
static struct marker_event *marker_event_tombstone(const char *name,
						   const char *format)
{
	struct marker_event *ev;

	lockdep_assert_held(&marker_events_mutex);
	hash_for_each_possible(marker_event_table, ev, hlist,
			       marker_event_hash(name))
		if (!ev->live && !strcmp(ev->name, name) &&
		    !strcmp(ev->format, format))
			return ev;
	return NULL;
}

/* Record size of a hit: only strings need a pass over the arguments. */
static unsigned int marker_event_measure(const struct marker_event_format *f,
					 va_list *args, u16 *lens)
{
	unsigned int size;
	va_list copy;

	if (!f->nr_strings)
		return f->fixed_size;
	va_copy(copy, *args);
	size = marker_event_record_size(f, copy, lens);
	va_end(copy);
	return size;
}

/*
 * Recording.  Both probes run as marker probes do: preemption disabled,
 * on whatever context the site fires in; nothing here sleeps or
 * allocates.
 */
static void marker_event_probe(void *probe_private, void *call_private,
			       const char *fmt, va_list *args)
{
	struct trace_event_file *file = probe_private;
	struct marker_event *ev = file->event_call->data;
	u16 lens[MARKER_EVENT_MAX_STRINGS];
	struct trace_event_buffer fbuffer;
	unsigned int size;
	void *rec;

	if (trace_trigger_soft_disabled(file))
		return;

	size = marker_event_measure(ev->fmt, args, lens);
	rec = trace_event_buffer_reserve(&fbuffer, file, size);
	if (!rec)
		return;
	marker_event_record_fill(ev->fmt, rec, lens, *args);
	trace_event_buffer_commit(&fbuffer);
}

#ifdef CONFIG_PERF_EVENTS
static void marker_event_perf_probe(void *probe_private, void *call_private,
				    const char *fmt, va_list *args)
{
	struct marker_event *ev = probe_private;
	u16 lens[MARKER_EVENT_MAX_STRINGS];
	struct hlist_head *head;
	struct pt_regs *regs;
	unsigned int size;
	void *rec;
	int rctx;

	head = this_cpu_ptr(ev->call.perf_events);
	if (!bpf_prog_array_valid(&ev->call) && hlist_empty(head))
		return;

	size = marker_event_measure(ev->fmt, args, lens);
	/* perf adds a u32 size in front and keeps the sample u64-aligned */
	size = ALIGN(size + sizeof(u32), sizeof(u64)) - sizeof(u32);

	rec = perf_trace_buf_alloc(size, &regs, &rctx);
	if (!rec)
		return;
	perf_fetch_caller_regs(regs);
	marker_event_record_fill(ev->fmt, rec, lens, *args);
	perf_trace_run_bpf_submit(rec, size, rctx, &ev->call, 1, regs, head,
				  NULL);
}
#endif

static void marker_events_work_fn(struct work_struct *work)
{
	marker_events_sync();
}

static DECLARE_WORK(marker_events_work, marker_events_work_fn);

/* Called by the trace core with event_mutex held. */
static int marker_event_reg(struct trace_event_call *call,
			    enum trace_reg type, void *data)
{
	struct marker_event *ev = call->data;
	struct trace_event_file *file;
	int ret = 0;

	switch (type) {
	case TRACE_REG_REGISTER:
		/*
		 * A per-instance file the trace core has removed, reached on
		 * 6.1 by a trigger written through a descriptor opened before
		 * the event's removal: the core frees that file when the
		 * descriptors go, so no probe may keep it.
		 */
		file = data;
		if (file->flags & EVENT_FILE_FL_FREED)
			return -ENODEV;
		ret = marker_probe_register(ev->name, ev->format,
					    marker_event_probe, data);
		if (!ret)
			WRITE_ONCE(ev->users, ev->users + 1);
		return ret;
	case TRACE_REG_UNREGISTER:
		WARN_ON_ONCE(marker_probe_unregister(ev->name,
						     marker_event_probe,
						     data));
		/*
		 * The trace core may free @data (its per-instance file) once
		 * the event is disabled: no hit may be using it by then.
		 */
		marker_synchronize_unregister();
		break;
#ifdef CONFIG_PERF_EVENTS
	case TRACE_REG_PERF_REGISTER:
		ret = marker_probe_register(ev->name, ev->format,
					    marker_event_perf_probe, ev);
		if (!ret)
			WRITE_ONCE(ev->users, ev->users + 1);
		return ret;
	case TRACE_REG_PERF_UNREGISTER:
		/* The perf core waits for running probes itself. */
		WARN_ON_ONCE(marker_probe_unregister(ev->name,
						     marker_event_perf_probe,
						     ev));
		break;
	case TRACE_REG_PERF_OPEN:
	case TRACE_REG_PERF_CLOSE:
	case TRACE_REG_PERF_ADD:
	case TRACE_REG_PERF_DEL:
		return 0;
#endif
	default:
		return 0;
	}

	WRITE_ONCE(ev->users, ev->users - 1);
	/* An event whose sites went while it was in use can go now. */
	if (!ev->users && ev->orphan)
		schedule_work(&marker_events_work);
	return 0;
}

/* Output for the trace file and trace_pipe: the format, as printf had it. */
static enum print_line_t marker_event_print(struct trace_iterator *iter,
					    int flags, struct trace_event *event)
{
	struct marker_event *ev = container_of(event, struct marker_event,
					       call.event);
	int ret;

	ret = trace_raw_output_prep(iter, event);
	if (ret != TRACE_TYPE_HANDLED)
		return ret;
	/* ent_size is 0 under tp_printk: see marker_event_format_print() */
	marker_event_format_print(ev->fmt, iter, iter->ent, iter->ent_size);
	return trace_handle_return(&iter->seq);
}

static struct trace_event_functions marker_event_funcs = {
	.trace = marker_event_print,
};

static int marker_event_define_fields(struct trace_event_call *call)
{
	struct marker_event *ev = call->data;
	unsigned int i;
	int ret;

	for (i = 0; i < ev->fmt->nr_fields; i++) {
		const struct marker_event_field *fld = &ev->fmt->fields[i];

		ret = trace_define_field(call, fld->type, fld->name,
					 fld->offset, fld->size,
					 fld->is_signed, FILTER_OTHER);
		if (ret)
			return ret;
	}
	return 0;
}

static struct trace_event_fields marker_event_fields[] = {
	{ .type = TRACE_FUNCTION_TYPE,
	  .define_fields = marker_event_define_fields },
	{}
};

static void marker_event_free(struct marker_event *ev)
{
	marker_event_format_free(ev->fmt);
	kfree(ev->format);
	kfree(ev);
}

static struct marker_event *marker_event_alloc(const char *name,
					       const char *format)
{
	size_t len = strlen(name) + 1;
	struct marker_event *ev;
	const char *reason;

	ev = kzalloc(struct_size(ev, name, len), GFP_KERNEL);
	if (!ev)
		return NULL;
	memcpy(ev->name, name, len);
	ev->format = kstrdup(format, GFP_KERNEL);
	if (!ev->format)
		goto nomem;

	ev->fmt = marker_event_format_compile(format, &reason);
	if (IS_ERR(ev->fmt)) {
		if (PTR_ERR(ev->fmt) == -ENOMEM)
			goto nomem;
		/* Once per name and format: the refusal is remembered. */
		pr_info("marker %s gets no trace event: %s in \"%s\"\n",
			name, reason, format);
		ev->fmt = NULL;
		return ev;
	}

	ev->tp.name = ev->name;
	ev->class.system = MARKER_EVENT_SYSTEM;
	ev->class.reg = marker_event_reg;
	ev->class.fields_array = marker_event_fields;
	INIT_LIST_HEAD(&ev->class.fields);
	ev->call.class = &ev->class;
	ev->call.tp = &ev->tp;
	ev->call.flags = TRACE_EVENT_FL_TRACEPOINT;
	ev->call.event.funcs = &marker_event_funcs;
	ev->call.print_fmt = ev->fmt->print_fmt;
	ev->call.data = ev;
	return ev;

nomem:
	ev->fmt = NULL;
	marker_event_free(ev);
	return NULL;
}

/* Under markers_mutex: note each name with sites, allocate new events. */
static void marker_events_note(const char *name, const char *format,
			       void *priv)
{
	struct list_head *fresh = priv;
	struct marker_event *ev;

	ev = marker_event_lookup(name);
	if (!ev) {
		ev = marker_event_tombstone(name, format);
		if (!ev)
			ev = marker_event_alloc(name, format);
		if (!ev) {
			pr_warn("out of memory: no trace event for marker %s yet\n",
				name);
			return;
		}
		list_add_tail(&ev->list, fresh);
	}
	ev->seen = true;
}

static int marker_event_add(struct marker_event *ev)
{
	int ret;

	lockdep_assert_held(&event_mutex);
	if (!ev->fmt)
		return 0;
	/*
	 * A tombstone still has the type its removal gave back, and
	 * register_trace_event() takes a nonzero type for a static one.
	 */
	ev->call.event.type = 0;
	if (!register_trace_event(&ev->call.event))
		return -ENODEV;
	ret = trace_add_event_call(&ev->call);
	if (ret) {
		unregister_trace_event(&ev->call.event);
		return ret;
	}
	ev->added = true;
	return 0;
}

/*
 * Removing the event also unregisters its type and frees its fields
 * (trace core's __trace_remove_event_call()); the event stays as a
 * tombstone.
 */
static int marker_event_remove(struct marker_event *ev)
{
	int ret;

	lockdep_assert_held(&event_mutex);
	if (ev->added) {
		ret = trace_remove_event_call(&ev->call);
		if (ret)
			return ret;
		ev->added = false;
	}
	WRITE_ONCE(ev->live, false);
	return 0;
}

/**
 * marker_events_sync - give each marker name with sites its trace event
 *
 * Creates the events of names that gained their first site, adding a
 * tombstone of the same name and format again, and removes those of names
 * that lost their last one, or leaves them to go when their last user
 * disables them (see the top of this file).  Called after sites come and
 * go, with no marker lock held; also retries what an earlier call could
 * not do (out of memory).
 */
void marker_events_sync(void)
{
	struct marker_event *ev, *tmp;
	LIST_HEAD(fresh);
	int bkt, ret;

	mutex_lock(&marker_events_mutex);
	hash_for_each(marker_event_table, bkt, ev, hlist)
		ev->seen = false;
	mutex_lock(&markers_mutex);
	marker_visit_sited_names(marker_events_note, &fresh);
	mutex_unlock(&markers_mutex);

	mutex_lock(&event_mutex);
	hash_for_each(marker_event_table, bkt, ev, hlist) {
		ev->orphan = false;
		if (!ev->live || ev->seen)
			continue;
		ret = marker_event_remove(ev);
		if (ret == -EBUSY)
			ev->orphan = true;
		else if (ret)
			pr_warn("cannot remove trace event of marker %s: %d\n",
				ev->name, ret);
	}
	list_for_each_entry_safe(ev, tmp, &fresh, list) {
		list_del(&ev->list);
		/*
		 * A new event goes into the table even if it cannot be added:
		 * as a tombstone, retried by the next call.
		 */
		if (hlist_unhashed(&ev->hlist))
			hash_add_rcu(marker_event_table, &ev->hlist,
				     marker_event_hash(ev->name));
		ret = marker_event_add(ev);
		if (ret) {
			pr_warn("cannot add trace event for marker %s: %d\n",
				ev->name, ret);
			continue;
		}
		WRITE_ONCE(ev->live, true);
	}
	mutex_unlock(&event_mutex);
	mutex_unlock(&marker_events_mutex);
}

/**
 * marker_event_state - the trace event state of a marker name
 * @name: marker name
 *
 * For the debugfs listing; lock-free, the answer may be stale at once.
 *
 * Return: "-" if the name has no event, "refused" if its format cannot
 * be recorded, "on" while the event is enabled somewhere, else "off".
 */
const char *marker_event_state(const char *name)
{
	struct marker_event *ev;
	const char *state = "-";

	rcu_read_lock();
	ev = marker_event_lookup(name);
	if (ev)
		state = !ev->fmt ? "refused" :
			READ_ONCE(ev->users) ? "on" : "off";
	rcu_read_unlock();
	return state;
}
