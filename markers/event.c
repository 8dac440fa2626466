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
 * The probe reads each hit's arguments once, measuring its strings, then
 * reserves a record of exact size, writes it and commits it; the trace
 * core applies filters and triggers at commit, and where an instance's
 * filter alone decides it runs first, on a scratch copy of the record
 * (event_filter.c).
 *
 * Lifetime: an event is created with the first site of its name and stays
 * registered when the name's last site goes, idle, exactly as the name's
 * early probes stay pending: the module that brings the name back finds
 * its event, its settings and its users where it left them.  It is only
 * removed when its name returns with sites of another format (the format
 * the name's sites are armed with: see marker_visit_sited_names()), and
 * then only once nothing uses it: no enabled instance, no perf user, and no
 * reference taken through the trace core (eprobes, histogram variables,
 * trace_get_event_file(): the events are TRACE_EVENT_FL_DYNAMIC, so those
 * references are counted on the call).  Until then the event is stale:
 * it describes a format no site has, so enabling it is refused with
 * -ESTALE.  Removal waits once for running probes, since the trace core
 * frees the per-instance files, and resets the ring buffers where the
 * event was used, as the trace core's own removals do: records of the
 * removed event must not be printed by an event that takes its type.
 *
 * A removed event is never freed: it stays in the table as a tombstone,
 * and the name's return with the same format adds the same event again.
 * The trace core frees what it allocated for the event when removing it,
 * but on 6.1 tracefs files opened before the removal still reach the
 * event itself: the format file holds the trace_event_call, and the
 * trigger file the per-instance file, whose event_call the core keeps
 * and follows (field lookups of hist and filtered triggers, and enabling
 * for any trigger).  These hold no reference and no one tells us when the
 * last of them is closed, so the call, its class, print format and field
 * table stay valid for good.  Memory is bounded by the distinct names and
 * formats ever seen, not by loads: a module loaded a hundred times reuses
 * one event.
 *
 * Declared events: a user may declare a name and format ahead of its
 * sites (the debugfs control file, control.c), so that the event exists,
 * can be enabled, and its probe waits on the name as any early probe
 * does: the module that brings the sites arms them when it comes, before
 * its init runs.  A declared event keeps its format: it is never stale,
 * and sites of its name with another format are reported and not
 * recorded (their event state is "mismatch").  Withdrawing a declaration
 * is refused while the event is in use; it removes the event unless its
 * name has sites, whose event it then is, with the usual rules.
 *
 * Locking: marker_events_mutex serialises creation, removal and the
 * declarations; events are added and removed under the trace core's
 * event_mutex, which marker_events_locked() has the trace core take for
 * us (event_control.c), built in or a module.  The lock order is the
 * table at markers_mutex in internal.h.  Lookups by name for the debugfs
 * listing use RCU (entries are added under the mutex and never removed
 * while the core is loaded).
 *
 * A modular core: each enabled user (an instance, perf) holds a
 * reference on the module, so that it cannot be unloaded while an event
 * is on; unloading removes every event and frees them (the trace core
 * then resets the buffers where they were used).  What a module cannot
 * do is reset the buffers when an event is replaced (the trace core does
 * not export tracing_reset_all_online_cpus()): there the records of the
 * replaced event stay until the next module unload, and until then may
 * be printed as records of an event that took its type.  Filtering ahead
 * of the record needs a built-in core as well (event_filter.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/kmemleak.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/perf_event.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/trace_events.h>
#include <linux/workqueue.h>

#include "event_format.h"
#include "event_record.h"
#include "internal.h"

#define MARKER_EVENT_SYSTEM	"markers"

struct marker_event {
	struct hlist_node hlist;
	/* On marker_events_reconcile()'s list of events to add. */
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
	/* Its name had sites, when marker_events_reconcile() last looked. */
	bool seen;
	/* Live, and the name's sites have another format: to be replaced. */
	bool stale;
	/* Declared by a user: the name keeps this event and its format. */
	bool declared;
	/* Declared, and sites of another format were reported. */
	bool refusing;
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

/* The core is being unloaded: no more events. */
static bool marker_events_closing;

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

/* Put @ev in the table, if it is not there yet; under marker_events_mutex. */
static void marker_event_keep(struct marker_event *ev)
{
	lockdep_assert_held(&marker_events_mutex);
	if (hlist_unhashed(&ev->hlist))
		hash_add_rcu(marker_event_table, &ev->hlist,
			     marker_event_hash(ev->name));
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

/*
 * Recording.  The probes run as marker probes do: preemption disabled,
 * on whatever context the site fires in; nothing here sleeps or
 * allocates.  Each has two entries: the marker probe, given a va_list
 * (marker_probe_cb()), and the one slots.c calls with the site's 64-bit
 * slots (marker_sink_slots()); both write the record from slots.
 */
static __always_inline void marker_event_record(struct trace_event_file *file,
						const u64 *slots)
{
	struct marker_event *ev = file->event_call->data;
	struct trace_event_buffer fbuffer;
	/* Its lengths are written before they are read: no zeroing. */
	struct marker_event_hit hit __uninitialized;
	unsigned int size;
	void *rec;

	hit.args = slots;
	size = marker_event_hit_measure(ev->fmt, &hit);
	if (marker_event_filtered_out(file, ev->call.event.type, ev->fmt, &hit))
		return;
	rec = trace_event_buffer_reserve(&fbuffer, file, size);
	if (!rec)
		return;
	marker_event_record_write(ev->fmt, rec, &hit);
	trace_event_buffer_commit(&fbuffer);
}

void marker_event_probe(void *probe_private, void *call_private,
			const char *fmt, va_list *args)
{
	struct trace_event_file *file = probe_private;
	struct marker_event *ev = file->event_call->data;
	/* Every slot is written before it is read: no zeroing. */
	u64 slots[MARKER_EVENT_MAX_FIELDS] __uninitialized;

	if (trace_trigger_soft_disabled(file))
		return;
	marker_event_hit_read(ev->fmt, args, slots);
	marker_event_record(file, slots);
}

void marker_event_probe_slots(void *probe_private, const u64 *slots,
			      unsigned int nr)
{
	struct trace_event_file *file = probe_private;
	struct marker_event *ev = file->event_call->data;

	if (trace_trigger_soft_disabled(file))
		return;
	/*
	 * More conversions than the entry has slots: a site short of
	 * arguments for its format, which -Wformat reports.  (One short
	 * within its entry's slots records zeros.)
	 */
	if (unlikely(ev->fmt->nr_fields > nr))
		return;
	marker_event_record(file, slots);
}

#ifdef CONFIG_PERF_EVENTS
static __always_inline void marker_event_perf_record(struct marker_event *ev,
						     struct hlist_head *head,
						     const u64 *slots)
{
	struct marker_event_hit hit __uninitialized;
	struct pt_regs *regs;
	unsigned int size;
	void *rec;
	int rctx;

	hit.args = slots;
	size = marker_event_hit_measure(ev->fmt, &hit);
	/* perf adds a u32 size in front and keeps the sample u64-aligned */
	size = ALIGN(size + sizeof(u32), sizeof(u64)) - sizeof(u32);

	rec = perf_trace_buf_alloc(size, &regs, &rctx);
	if (!rec)
		return;
	perf_fetch_caller_regs(regs);
	marker_event_record_write(ev->fmt, rec, &hit);
	perf_trace_run_bpf_submit(rec, size, rctx, &ev->call, 1, regs, head,
				  NULL);
}

void marker_event_perf_probe(void *probe_private, void *call_private,
			     const char *fmt, va_list *args)
{
	struct marker_event *ev = probe_private;
	u64 slots[MARKER_EVENT_MAX_FIELDS] __uninitialized;
	struct hlist_head *head;

	head = this_cpu_ptr(ev->call.perf_events);
	if (!bpf_prog_array_valid(&ev->call) && hlist_empty(head))
		return;
	marker_event_hit_read(ev->fmt, args, slots);
	marker_event_perf_record(ev, head, slots);
}

void marker_event_perf_probe_slots(void *probe_private, const u64 *slots,
				   unsigned int nr)
{
	struct marker_event *ev = probe_private;
	struct hlist_head *head;

	head = this_cpu_ptr(ev->call.perf_events);
	if (!bpf_prog_array_valid(&ev->call) && hlist_empty(head))
		return;
	if (unlikely(ev->fmt->nr_fields > nr))
		return;
	marker_event_perf_record(ev, head, slots);
}
#endif

static void marker_events_work_fn(struct work_struct *work)
{
	marker_events_reconcile();
}

static DECLARE_WORK(marker_events_work, marker_events_work_fn);

/*
 * A stale event cannot be enabled.  What keeps it from being replaced may
 * be a reference the trace core holds (an eprobe on it), which tells no
 * one when it goes: try again now, so that enabling it once more works.
 */
static int marker_event_refuse_stale(void)
{
	schedule_work(&marker_events_work);
	return -ESTALE;
}

/*
 * A user arrives, an ftrace instance (@probe_private is its file) or
 * perf (the event): register the user's probe on the event's name.
 */
static int marker_event_attach(struct marker_event *ev,
			       marker_probe_func *probe, void *probe_private)
{
	int ret;

	/*
	 * A modular core stays while an event is on (the top of the file);
	 * and none being unloaded queues work (a stale event's).
	 */
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	if (READ_ONCE(ev->stale))
		ret = marker_event_refuse_stale();
	else
		ret = marker_probe_register(ev->name, ev->format, probe,
					    probe_private);
	if (ret) {
		module_put(THIS_MODULE);
		return ret;
	}
	WRITE_ONCE(ev->users, ev->users + 1);
	return 0;
}

/* A user leaves; a stale event can be replaced once its last user is. */
static void marker_event_detach(struct marker_event *ev,
				marker_probe_func *probe, void *probe_private)
{
	WARN_ON_ONCE(marker_probe_unregister(ev->name, probe, probe_private));
	WRITE_ONCE(ev->users, ev->users - 1);
	if (!ev->users && ev->stale)
		schedule_work(&marker_events_work);
	module_put(THIS_MODULE);
}

/*
 * Called by the trace core with event_mutex held.  Disabling does not wait
 * for running probes: the trace core frees a per-instance file only when
 * the event or the instance is removed, and both removals wait first
 * (marker_events_reconcile() and the trace core's instance removal), so
 * that disabling every marker event at once costs no grace period at all.
 */
static int marker_event_reg(struct trace_event_call *call,
			    enum trace_reg type, void *data)
{
	struct marker_event *ev = call->data;
	struct trace_event_file *file;

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
		marker_event_scratch_alloc();
		return marker_event_attach(ev, marker_event_probe, file);
	case TRACE_REG_UNREGISTER:
		marker_event_detach(ev, marker_event_probe, data);
		return 0;
#ifdef CONFIG_PERF_EVENTS
	case TRACE_REG_PERF_REGISTER:
		return marker_event_attach(ev, marker_event_perf_probe, ev);
	case TRACE_REG_PERF_UNREGISTER:
		/* The perf core waits for running probes itself. */
		marker_event_detach(ev, marker_event_perf_probe, ev);
		return 0;
#endif
	default:
		/*
		 * The perf events' own open, close, add and del.  The one
		 * probe registered for all of perf feeds every perf event
		 * on ev->call.perf_events, and 0 has the perf core put each
		 * event on that list and take it off itself.
		 */
		return 0;
	}
}

/* Output for the trace file, trace_pipe and tp_printk: see event_format.c. */
static enum print_line_t marker_event_print(struct trace_iterator *iter,
					    int flags, struct trace_event *event)
{
	struct marker_event *ev = container_of(event, struct marker_event,
					       call.event);
	int ret;

	ret = trace_raw_output_prep(iter, event);
	if (ret != TRACE_TYPE_HANDLED)
		return ret;
	/* ent_size is 0 under tp_printk: see marker_event_record_print() */
	marker_event_record_print(ev->fmt, iter, iter->ent, iter->ent_size);
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
	/*
	 * DYNAMIC: the trace core counts the references it hands out on
	 * the call itself (trace_event_try_get_ref()), and the event is
	 * removed only while there are none.  Without it the core would pin
	 * call->module, which is NULL here: nothing.
	 */
	ev->call.flags = TRACE_EVENT_FL_TRACEPOINT | TRACE_EVENT_FL_DYNAMIC;
	ev->call.event.funcs = &marker_event_funcs;
	ev->call.print_fmt = ev->fmt->print_fmt;
	ev->call.data = ev;
	return ev;

nomem:
	ev->fmt = NULL;
	marker_event_free(ev);
	return NULL;
}

/*
 * Under markers_mutex: note each name with sites and the format they are
 * armed with; allocate (or find the tombstone of) the event of a name
 * that has none, or whose event describes another format.
 */
static void marker_events_note(const char *name, const char *format,
			       void *priv)
{
	struct list_head *fresh = priv;
	struct marker_event *ev, *next;

	ev = marker_event_lookup(name);
	if (ev) {
		ev->seen = true;
		/* A declared event is never replaced: see the top of the file. */
		if (ev->declared || !strcmp(ev->format, format)) {
			WRITE_ONCE(ev->stale, false);
			return;
		}
		WRITE_ONCE(ev->stale, true);
	}
	next = marker_event_tombstone(name, format);
	if (!next)
		next = marker_event_alloc(name, format);
	if (!next) {
		pr_warn("out of memory: no trace event for marker %s yet\n",
			name);
		return;
	}
	list_add_tail(&next->list, fresh);
}

/*
 * Is markers:<name> taken by an event that is not ours (an eprobe or
 * another dynamic event created under our system's name)?  Asked before
 * event_mutex is taken, since trace_get_event_file() takes it.
 */
static bool marker_event_name_taken(const char *name)
{
	struct trace_event_file *file;
	bool taken;

	file = trace_get_event_file(NULL, MARKER_EVENT_SYSTEM, name);
	if (IS_ERR(file))
		return false;
	taken = file->event_call->class->reg != marker_event_reg;
	trace_put_event_file(file);
	return taken;
}

static int marker_event_add(struct marker_event *ev)
{
	int ret;

	marker_events_assert_locked();
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
 * Can @ev go?  Under marker_events_locked(): under event_mutex, which
 * every user's arrival takes.  The
 * references the trace core hands out on a dynamic event are counted on
 * the call (its trace_event_dyn_busy(), not exported, reads the count).
 */
static bool marker_event_unused(struct marker_event *ev)
{
	marker_events_assert_locked();
	return !ev->users && !atomic_read(&ev->call.refcnt);
}

/*
 * Removing the event also unregisters its type and frees its fields
 * (trace core's __trace_remove_event_call()); the event stays as a
 * tombstone.  The caller has waited for running probes.
 */
static int marker_event_remove(struct marker_event *ev)
{
	int ret;

	marker_events_assert_locked();
	if (ev->added) {
		ret = trace_remove_event_call(&ev->call);
		if (ret)
			return ret;
		ev->added = false;
	}
	WRITE_ONCE(ev->stale, false);
	WRITE_ONCE(ev->live, false);
	return 0;
}

#ifndef MODULE
/* kernel/trace/trace.h: built in, the core may call it (top of the file). */
void tracing_reset_all_online_cpus(void);

static void marker_events_reset_buffers(void)
{
	tracing_reset_all_online_cpus();
}
#else
static void marker_events_reset_buffers(void)
{
}
#endif

/*
 * Replace the stale events of @fresh that nothing uses.  One wait for
 * running probes covers every removal: their last users are gone, and no
 * new one can come while event_mutex is held.  The trace core marks the
 * instances where a removed event was enabled (tr->clear_trace); their
 * buffers are reset at once, as dyn_event_release() does, rather than at
 * the next unrelated module unload: when built in (the top of the file).
 */
static void marker_events_retire(struct list_head *fresh)
{
	struct marker_event *ev, *old;
	bool waited = false, removed = false;
	int ret;

	marker_events_assert_locked();
	list_for_each_entry(ev, fresh, list) {
		old = marker_event_lookup(ev->name);
		if (!old || !marker_event_unused(old))
			continue;
		if (old->added && !waited) {
			marker_synchronize_unregister();
			waited = true;
		}
		removed |= old->added;
		ret = marker_event_remove(old);
		if (ret)
			pr_warn("cannot remove trace event of marker %s: %d\n",
				old->name, ret);
	}
	if (removed)
		marker_events_reset_buffers();
}

/*
 * Retire the stale events that @fresh replaces, then add @fresh's.  Under
 * marker_events_locked(), from marker_events_reconcile().
 */
static int marker_events_apply(void *arg)
{
	struct list_head *fresh = arg;
	struct marker_event *ev, *tmp;
	int ret;

	marker_events_retire(fresh);
	list_for_each_entry_safe(ev, tmp, fresh, list) {
		list_del_init(&ev->list);
		/*
		 * A new event goes into the table even if it cannot be added
		 * yet: as a tombstone, retried by the next call.
		 */
		marker_event_keep(ev);
		if (marker_event_lookup(ev->name))
			continue;	/* the stale event is still in use */
		ret = marker_event_add(ev);
		if (ret) {
			pr_warn("cannot add trace event for marker %s: %d\n",
				ev->name, ret);
			continue;
		}
		WRITE_ONCE(ev->live, true);
	}
	return 0;
}

/*
 * Count the sites of a declared event's name: all of them, and those of
 * another format, which the event does not record.  Report the first of
 * those when they appear, once until they are all gone.  Under
 * marker_events_mutex and markers_mutex.
 */
static unsigned int marker_event_check_sites(struct marker_event *ev,
					     unsigned int *others)
{
	struct marker_entry *e = marker_entry_lookup(ev->name);
	struct marker *site, *other = NULL;
	unsigned int nr = 0;

	lockdep_assert_held(&marker_events_mutex);
	lockdep_assert_held(&markers_mutex);
	*others = 0;
	if (e) {
		list_for_each_entry(site, &e->sites, node) {
			nr++;
			if (strcmp(site->format, ev->format)) {
				other = other ?: site;
				(*others)++;
			}
		}
	}
	if (other && !ev->refusing)
		pr_warn("marker %s in %s has format \"%s\", declared \"%s\": not recorded\n",
			ev->name, marker_where(other->owner), other->format,
			ev->format);
	ev->refusing = !!other;
	return nr;
}

/**
 * marker_events_reconcile - give each marker name with sites its trace event
 *
 * Creates the events of names that gained their first site, adding a
 * tombstone of the same name and format again, and replaces the event of
 * a name whose sites now have another format once nothing uses it (see
 * the top of this file).  Called after sites come and go, and when a
 * stale event loses its last user, with no marker lock held; also retries
 * what an earlier call could not do (out of memory, a replacement that
 * was busy).
 */
void marker_events_reconcile(void)
{
	struct marker_event *ev, *tmp;
	unsigned int others;
	LIST_HEAD(fresh);
	int bkt, ret;

	mutex_lock(&marker_events_mutex);
	if (marker_events_closing) {
		mutex_unlock(&marker_events_mutex);
		return;
	}
	hash_for_each(marker_event_table, bkt, ev, hlist)
		ev->seen = false;
	mutex_lock(&markers_mutex);
	marker_visit_sited_names(marker_events_note, &fresh);
	hash_for_each(marker_event_table, bkt, ev, hlist)
		if (ev->live && ev->declared)
			marker_event_check_sites(ev, &others);
	mutex_unlock(&markers_mutex);
	/* A name without sites is not stale: its event waits for it. */
	hash_for_each(marker_event_table, bkt, ev, hlist)
		if (ev->live && !ev->seen)
			WRITE_ONCE(ev->stale, false);

	list_for_each_entry_safe(ev, tmp, &fresh, list) {
		if (ev->fmt && marker_event_name_taken(ev->name)) {
			pr_warn("marker %s gets no trace event: %s:%s exists\n",
				ev->name, MARKER_EVENT_SYSTEM, ev->name);
			list_del_init(&ev->list);
			if (hlist_unhashed(&ev->hlist))
				marker_event_free(ev);
		}
	}

	/* Nothing to add or replace: the trace core's lock is not asked for. */
	ret = list_empty(&fresh) ? 0 :
	      marker_events_locked(marker_events_apply, &fresh);
	if (ret)
		pr_warn("cannot add or remove trace events: %d\n", ret);
	/* Not applied: kept as tombstones, for the next call. */
	list_for_each_entry_safe(ev, tmp, &fresh, list) {
		list_del_init(&ev->list);
		marker_event_keep(ev);
	}
	mutex_unlock(&marker_events_mutex);
}

/**
 * marker_event_state - the trace event state of a marker site
 * @name: the site's marker name
 * @format: the site's format
 *
 * For the debugfs listing; lock-free, the answer may be stale at once.
 *
 * Return: "-" if the name has no event, "refused" if its format cannot
 * be recorded, "mismatch" if the event was declared with another format
 * than @format (the site is not recorded), "stale" if the event describes
 * a format its sites no longer have and is in use (see the top of
 * event.c), "on" while the event is enabled somewhere, else "off".
 */
const char *marker_event_state(const char *name, const char *format)
{
	struct marker_event *ev;
	const char *state = "-";

	rcu_read_lock();
	ev = marker_event_lookup(name);
	if (ev)
		state = !ev->fmt ? "refused" :
			READ_ONCE(ev->declared) &&
			strcmp(ev->format, format) ? "mismatch" :
			READ_ONCE(ev->stale) ? "stale" :
			READ_ONCE(ev->users) ? "on" : "off";
	rcu_read_unlock();
	return state;
}

static int marker_event_add_locked(void *ev)
{
	return marker_event_add(ev);
}

/*
 * Add the declared event of @name with @format, which no live event has:
 * its tombstone again, or a new event.  Under marker_events_mutex.
 */
static int marker_event_add_declared(const char *name, const char *format)
{
	struct marker_event *ev;
	int ret;

	lockdep_assert_held(&marker_events_mutex);
	ev = marker_event_tombstone(name, format) ?:
	     marker_event_alloc(name, format);
	if (!ev)
		return -ENOMEM;
	ret = marker_event_name_taken(name) ? -EEXIST : 0;
	if (!ret)
		ret = marker_events_locked(marker_event_add_locked, ev);
	if (ret) {
		if (hlist_unhashed(&ev->hlist))
			marker_event_free(ev);
		return ret;
	}
	WRITE_ONCE(ev->declared, true);
	marker_event_keep(ev);
	WRITE_ONCE(ev->live, true);
	return 0;
}

/**
 * marker_event_declare - give a marker name its trace event ahead of its sites
 * @name: marker name
 * @format: the format its sites will have
 *
 * markers:@name is created with the fields @format gives, as a site of
 * that format would create it, unless the name's event exists already
 * with @format, which is then declared.  The event may be enabled at
 * once: its probe waits on the name and arms the sites of @format as
 * their module comes, before its init runs.  The event keeps @format
 * (top of this file).  Process context; takes the events' locks.
 *
 * Return: 0; -EINVAL for a bad name, or a format longer than
 * MARK_MAX_FORMAT_LEN or one the event compiler refuses (the reason is
 * logged); -EPERM if the name's event has another format; -EBUSY if the
 * name is declared already; -EEXIST if markers:@name is another event
 * (an eprobe); -ENOMEM.  On error nothing changed.
 */
int marker_event_declare(const char *name, const char *format)
{
	struct marker_event_format *fmt;
	struct marker_event *ev;
	const char *reason;
	unsigned int others;
	int ret;

	if (marker_check_name(name) ||
	    strnlen(format, MARK_MAX_FORMAT_LEN + 1) > MARK_MAX_FORMAT_LEN)
		return -EINVAL;
	/* Compiled once more when the event is made: this is the check. */
	fmt = marker_event_format_compile(format, &reason);
	if (IS_ERR(fmt)) {
		if (PTR_ERR(fmt) != -ENOMEM)
			pr_info_ratelimited("cannot declare marker %s: %s in \"%s\"\n",
					    name, reason, format);
		return PTR_ERR(fmt);
	}
	marker_event_format_free(fmt);

	mutex_lock(&marker_events_mutex);
	ev = marker_event_lookup(name);
	if (ev && strcmp(ev->format, format))
		ret = -EPERM;
	else if (ev && ev->declared)
		ret = -EBUSY;
	else if (ev)
		ret = 0;
	else
		ret = marker_event_add_declared(name, format);
	if (!ret) {
		/* Stale, it would be replaced: declared, it stays. */
		ev = marker_event_lookup(name);
		WRITE_ONCE(ev->declared, true);
		WRITE_ONCE(ev->stale, false);
		mutex_lock(&markers_mutex);
		marker_event_check_sites(ev, &others);
		mutex_unlock(&markers_mutex);
	}
	mutex_unlock(&marker_events_mutex);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(marker_event_declare);

/*
 * Withdraw @arg's declaration, unless the event is in use; its sites keep
 * it.  Under marker_events_locked().
 */
static int marker_event_withdraw(void *arg)
{
	struct marker_event *ev = arg;

	if (!marker_event_unused(ev))
		return -EBUSY;
	WRITE_ONCE(ev->declared, false);
	ev->refusing = false;
	return 0;
}

/* The same, and remove the event: its name has no sites. */
static int marker_event_withdraw_remove(void *arg)
{
	struct marker_event *ev = arg;
	int ret;

	if (!marker_event_unused(ev))
		return -EBUSY;
	/* A probe disabled just now may still be running. */
	marker_synchronize_unregister();
	ret = marker_event_remove(ev);
	if (ret)
		return ret;
	marker_events_reset_buffers();
	return marker_event_withdraw(ev);
}

/**
 * marker_event_undeclare - withdraw a marker name's declaration
 * @name: marker name
 *
 * Refused while the event is in use: enabled in an instance, by perf, or
 * held through the trace core (an eprobe on it).  If the name has sites,
 * the event is theirs from now on (top of this file: sites of another
 * format replace it); else it is removed, its records with it, as a
 * replaced event is.  Process context; takes the events' locks.
 *
 * Return: 0; -ENOENT if @name is not declared; -EBUSY while its event is
 * in use.
 */
int marker_event_undeclare(const char *name)
{
	struct marker_event *ev;
	unsigned int others;
	bool sited;
	int ret = 0;

	mutex_lock(&marker_events_mutex);
	ev = marker_event_lookup(name);
	if (!ev || !ev->declared) {
		mutex_unlock(&marker_events_mutex);
		return -ENOENT;
	}
	/* The registry before event_mutex: internal.h. */
	mutex_lock(&markers_mutex);
	sited = marker_event_check_sites(ev, &others);
	mutex_unlock(&markers_mutex);

	ret = marker_events_locked(sited ? marker_event_withdraw :
					   marker_event_withdraw_remove, ev);
	mutex_unlock(&marker_events_mutex);
	/* Sites of another format now replace the event, once unused. */
	if (!ret && others)
		marker_events_reconcile();
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(marker_event_undeclare);

/**
 * marker_events_show_declared - list the declared events
 * @m: the debugfs file
 *
 * One line per declaration: its name, its event's state (on or off),
 * the number of sites of the name and of those with another format (not
 * recorded), and the declared format.
 */
void marker_events_show_declared(struct seq_file *m)
{
	struct marker_event *ev;
	unsigned int nr, others;
	int bkt;

	mutex_lock(&marker_events_mutex);
	mutex_lock(&markers_mutex);
	hash_for_each(marker_event_table, bkt, ev, hlist) {
		if (!ev->live || !ev->declared)
			continue;
		nr = marker_event_check_sites(ev, &others);
		seq_printf(m, "%s event=%s sites=%u other=%u format=\"%s\"\n",
			   ev->name, READ_ONCE(ev->users) ? "on" : "off", nr,
			   others, ev->format);
	}
	mutex_unlock(&markers_mutex);
	mutex_unlock(&marker_events_mutex);
}

/* Remove every added event, under marker_events_locked(). */
static int marker_events_remove_all(void *arg)
{
	struct marker_event *ev;
	int bkt, ret;

	/* No user is left (top of the file); a probe may still run. */
	marker_synchronize_unregister();
	hash_for_each(marker_event_table, bkt, ev, hlist) {
		if (!ev->added)
			continue;
		ret = marker_event_remove(ev);
		if (ret)
			pr_warn("cannot remove trace event of marker %s: %d\n",
				ev->name, ret);
	}
	return 0;
}

/**
 * marker_events_exit - remove and free every marker event
 *
 * As a modular core is unloaded, after its sites and its debugfs files
 * are gone.  No event is enabled: each user holds a reference on the
 * module (marker_event_attach()).  An event the trace core still counts a
 * reference on (an eprobe on it that is not enabled) is removed all the
 * same, since its callbacks go with the module, but its memory is kept
 * for the reference's release: that eprobe can no longer be enabled.
 */
void __exit marker_events_exit(void)
{
	struct marker_event *ev;
	struct hlist_node *tmp;
	int bkt, ret;

	mutex_lock(&marker_events_mutex);
	marker_events_closing = true;
	mutex_unlock(&marker_events_mutex);
	cancel_work_sync(&marker_events_work);

	mutex_lock(&marker_events_mutex);
	ret = marker_events_locked(marker_events_remove_all, NULL);
	if (ret)
		pr_warn("cannot remove the trace events: %d\n", ret);
	/* For marker_event_state()'s readers. */
	synchronize_rcu();
	hash_for_each_safe(marker_event_table, bkt, tmp, ev, hlist) {
		hash_del(&ev->hlist);
		if (ev->added || atomic_read(&ev->call.refcnt)) {
			pr_warn("trace event of marker %s still held: not freed\n",
				ev->name);
			kmemleak_not_leak(ev);
			continue;
		}
		marker_event_free(ev);
	}
	mutex_unlock(&marker_events_mutex);
}
