/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Marker core internals, shared by the files of markers/.
 *
 * Locking: what markers_mutex protects, and the one lock order of the
 * core, the trace core and the tracepoint core, are at markers_mutex
 * below.
 *
 * The files call each other one way: main.c (the lock and the module
 * notifier) calls sites.c, bridge.c, control.c and event.c; probes.c (the
 * registration API and its rules) calls registry.c and sites.c; sites.c
 * (sites, and the probes of their names on them) calls registry.c (names
 * and their probes) and bridge.c; registry.c and bridge.c call no other
 * file of the core.  control.c calls sites.c, probes.c, dispatch.c and
 * event.c; event.c calls probes.c, registry.c, event_format.c and
 * event_filter.c.  A hit goes from the site to dispatch.c or slots.c;
 * slots.c calls dispatch.c (a site where RCU is not watching) and
 * event.c (the event's probes, given the slots).
 * probes.c and event_format.c parse formats with format.c, which calls
 * nothing; event_format.c names fields with format_names.c.
 */
#ifndef _MARKERS_INTERNAL_H
#define _MARKERS_INTERNAL_H

#include <linux/bitops.h>
#include <linux/build_bug.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <compat/marker.h>
#include <compat/rcu_watching.h>
#include <compat/tracepoint_read.h>

struct module;
struct seq_file;

/* A connected probe, in registration order on its entry. */
struct marker_probe {
	struct list_head list;
	marker_probe_func *func;
	void *priv;
	struct rcu_head rcu;
};

/*
 * Everything known about one marker name: the sites that carry it and the
 * probes connected to it.  An entry exists while it has either.
 *
 * The probes come in two layers.  @probes are the API's: they agree on a
 * format and only the sites of that format get them.  @taps take any
 * format and go on every site of the name (the debugfs hit counters): a
 * tap never fixes, nor is refused by, the format of the name.
 */
struct marker_entry {
	struct hlist_node hlist;
	struct list_head sites;
	struct list_head probes;
	struct list_head taps;
	/* Format the probes agreed on; NULL while none or only wildcards. */
	char *format;
	struct rcu_head rcu;
	char name[];
};

/* The two layers of an entry's probes, and the list of each. */
enum marker_layer {
	MARKER_LAYER_PROBES,
	MARKER_LAYER_TAPS,
	MARKER_NR_LAYERS,
};

static inline struct list_head *marker_layer_list(struct marker_entry *e,
						  enum marker_layer layer)
{
	return layer == MARKER_LAYER_TAPS ? &e->taps : &e->probes;
}

/*
 * struct marker.flags: atomic bit operations.  A site is connected per
 * layer: bit MARKER_SITE_CONNECTED + layer is set while every probe of
 * that layer is on the site's tracepoint (and holds one reference on the
 * site's bridge, if it has one).
 */
#define MARKER_SITE_CONNECTED	0	/* entry's probes are on its tracepoint */
#define MARKER_SITE_TAPPED	1	/* entry's taps are on its tracepoint */
#define MARKER_SITE_RCU_WARNED	2	/* hit where RCU was not watching */
#define MARKER_SITE_FAILED	3	/* a layer that should be on is not */

/* The flag of @site that says @layer is connected to it. */
static inline unsigned int marker_layer_bit(enum marker_layer layer)
{
	BUILD_BUG_ON(MARKER_SITE_CONNECTED + MARKER_LAYER_TAPS !=
		     MARKER_SITE_TAPPED);
	return MARKER_SITE_CONNECTED + layer;
}

static inline bool marker_layer_on(struct marker *site,
				   enum marker_layer layer)
{
	return test_bit(marker_layer_bit(layer), &site->flags);
}

/*
 * main.c: markers_mutex protects the name table, every entry, the probe
 * lists, the site groups and the private fields of every struct marker.
 * The name table and the probe lists are also RCU lists, entries and
 * probes freed after a grace period, for marker_get_private_data(), which
 * legacy code calls inside a walk or from a probe.
 *
 * Lock order, written only here, outermost first: a lock may be taken
 * with locks above it held, never with one below it held.
 *
 *   tracepoint_module_list_mutex  tracepoint core: held around its module
 *                                 notifier (main.c); never taken here
 *   marker_events_mutex           event.c: adds and removes events,
 *                                 declares them
 *   marker_control_mutex          event_control.c: one request at a time
 *                                 for event_mutex
 *   event_mutex                   trace core: trace_add_event_call() wants
 *                                 it (marker_events_locked()); events are
 *                                 enabled under it
 *   trace_types_lock              trace core: trace_add_event_call() takes
 *                                 it; instance removal disables events
 *                                 under it
 *   marker_counters_mutex         control.c: the debugfs counters
 *   markers_mutex                 main.c: the registry (above)
 *   tracepoints_mutex             tracepoint core: tracepoint_probe_register()
 *
 * Enabling an event registers a probe, so markers_mutex comes below the
 * trace core's locks: event.c asks the registry for its names before it
 * takes event_mutex, never under it.
 */
extern struct mutex markers_mutex;

/* Where a site lives, for messages and listings. */
static inline const char *marker_where(struct module *mod)
{
	return mod ? module_name(mod) : "vmlinux";
}

/*
 * Is @tp one of our sites?  The prefix cannot start the name of a real
 * tracepoint (see MARKER_TP_PREFIX).
 */
static inline bool marker_is_site(struct tracepoint *tp)
{
	return !strncmp(tp->name, MARKER_TP_PREFIX,
			sizeof(MARKER_TP_PREFIX) - 1);
}

/*
 * Call @fn on each tracepoint of @mod, or of vmlinux for NULL, with the
 * callback type of for_each_kernel_tracepoint().  A module's table is the
 * one the tracepoint module notifier announced; its entries are pointers
 * or self-relative offsets by architecture (compat/tracepoint_entry.h),
 * and tracepoint_ptr_deref() reads both.  The kernel's own walk of a
 * module, for_each_tracepoint_in_module() (6.12 on), is neither exported
 * nor callable without its tracepoint_module_list_mutex.  (Without
 * CONFIG_MODULES there is no module: a @mod would be a caller's bug.)
 */
typedef void (*marker_tp_fn)(struct tracepoint *tp, void *priv);

static inline void marker_visit_tracepoints(struct module *mod,
					    marker_tp_fn fn, void *priv)
{
#ifdef CONFIG_MODULES
	tracepoint_ptr_t *iter, *end;

	if (mod) {
		end = mod->tracepoints_ptrs + mod->num_tracepoints;
		for (iter = mod->tracepoints_ptrs; iter < end; iter++)
			fn(tracepoint_ptr_deref(iter), priv);
		return;
	}
#else
	if (WARN_ON_ONCE(mod))
		return;
#endif
	for_each_kernel_tracepoint(fn, priv);
}

/* Does @site have the format @e's probes agreed on? */
static inline bool marker_site_matches(struct marker_entry *e,
				       struct marker *site)
{
	return e->format && !strcmp(e->format, site->format);
}

/* The first site found of @e's name, which fixes a wildcard's format. */
static inline struct marker *marker_entry_first_site(struct marker_entry *e)
{
	return list_first_entry_or_null(&e->sites, struct marker, node);
}

/* registry.c: marker names and their probes */
int marker_check_name(const char *name);
struct marker_entry *marker_entry_lookup(const char *name);
struct marker_entry *marker_entry_lookup_or_create(const char *name);
void marker_entry_free_if_unused(struct marker_entry *e);
int marker_entry_set_format(struct marker_entry *e, const char *format);
void marker_entry_clear_format(struct marker_entry *e);
struct marker_probe *marker_entry_find_probe(struct marker_entry *e,
					     enum marker_layer layer,
					     marker_probe_func *probe,
					     void *probe_private);
struct marker_probe *marker_entry_add_probe(struct marker_entry *e,
					    enum marker_layer layer,
					    marker_probe_func *probe,
					    void *probe_private);
void marker_entry_del_probe(struct marker_probe *p);
typedef void (*marker_entry_fn)(struct marker_entry *e, void *priv);
void marker_visit_entries(marker_entry_fn fn, void *priv);
typedef void (*marker_name_fn)(const char *name, const char *format,
			       void *priv);
void marker_visit_sited_names(marker_name_fn fn, void *priv);

/* sites.c: marker sites, and the probes of their names on them */
bool marker_layer_wants(struct marker *site, enum marker_layer layer);
int marker_site_connect(struct marker *site, enum marker_layer layer);
void marker_site_disconnect(struct marker *site, enum marker_layer layer);
void marker_tp_unregister(struct marker *site, struct marker_probe *p);
void marker_site_report(struct marker *site, int err);
void marker_entry_retry(struct marker_entry *e);
void marker_iter_seek(struct marker_iter *iter, bool advance);
const char *marker_site_state(struct marker *site);
bool marker_sites_retry(void);
int marker_sites_init(void);
void marker_sites_exit(void);
bool marker_sites_module_coming(struct module *mod);
bool marker_sites_module_going(struct module *mod);

/* control.c */
void marker_control_init(void);
void marker_control_exit(void);

/* event.c: marker names as trace events */
#ifdef CONFIG_MARKER_COMPAT_EVENTS
/* event_control.c: the trace core's event_mutex, held for us */
int marker_events_locked(int (*fn)(void *arg), void *arg);
void marker_events_assert_locked(void);

void marker_events_reconcile(void);
void marker_events_exit(void);
const char *marker_event_state(const char *name, const char *format);
int marker_event_declare(const char *name, const char *format);
int marker_event_undeclare(const char *name);
void marker_events_show_declared(struct seq_file *m);
#else
static inline void marker_events_reconcile(void)
{
}

static inline void marker_events_exit(void)
{
}

static inline const char *marker_event_state(const char *name,
					     const char *format)
{
	return "-";
}

/* Without events there is nothing to declare. */
static inline int marker_event_declare(const char *name, const char *format)
{
	return -EOPNOTSUPP;
}

static inline int marker_event_undeclare(const char *name)
{
	return -EOPNOTSUPP;
}

static inline void marker_events_show_declared(struct seq_file *m)
{
}
#endif

/* bridge.c */
int marker_bridge_get(const char *tp_name, void *tp_cb);
void marker_bridge_put(const char *tp_name, void *tp_cb);
void marker_bridge_retry(void);
void marker_bridge_module_coming(struct module *mod);
void marker_bridge_module_going(struct module *mod);
void marker_bridge_exit(void);

/* dispatch.c: a site reached where RCU is not watching. */
void __cold notrace marker_rcu_not_watching(struct marker *mdata);

/**
 * marker_site_read_lock - enter the read side of a site's probe array
 * @mdata: the enabled site
 * @rd: the read-side section, for marker_site_read_unlock()
 *
 * As both dispatchers (marker_probe_cb() and slots.c) enter it.
 * Preemption first: the probes' promised context, and the RCU test reads
 * this CPU's state, inline where the kernel allows it
 * (compat/rcu_watching.h).  The test comes before the tracepoint read
 * side (compat/tracepoint_read.h), since 7.3's SRCU-fast reader must not
 * be entered where RCU is not watching; there no probe is called.  The
 * array is read raw, as __DO_TRACE_CALL() reads it: the read side
 * depends on the kernel.
 *
 * Return: the site's probe array, inside the section; or NULL, with the
 * section left again, if RCU is not watching or the site has no probe.
 */
static __always_inline struct tracepoint_func *
marker_site_read_lock(struct marker *mdata, struct compat_tp_read *rd)
{
	struct tracepoint_func *it;

	preempt_disable_notrace();
	if (unlikely(!compat_rcu_watching_this_cpu())) {
		marker_rcu_not_watching(mdata);
		goto out;
	}
	compat_tp_read_lock(rd);
	it = rcu_dereference_raw(mdata->tp.funcs);
	if (likely(it))
		return it;
	compat_tp_read_unlock(rd);
out:
	preempt_enable_notrace();
	return NULL;
}

/**
 * marker_site_read_unlock - leave the read side of a site's probe array
 * @rd: the section marker_site_read_lock() entered, returning an array
 */
static __always_inline void marker_site_read_unlock(struct compat_tp_read *rd)
{
	compat_tp_read_unlock(rd);
	preempt_enable_notrace();
}

/*
 * event.c: a trace event's probes.  A site that passed its arguments as
 * slots (slots.c) gives them the slots, not a va_list: the record is
 * written from them, with no va_arg() per field.
 */
#ifdef CONFIG_MARKER_COMPAT_EVENTS
marker_probe_func marker_event_probe;
void marker_event_probe_slots(void *probe_private, const u64 *slots,
			      unsigned int nr);
#ifdef CONFIG_PERF_EVENTS
marker_probe_func marker_event_perf_probe;
void marker_event_perf_probe_slots(void *probe_private, const u64 *slots,
				   unsigned int nr);
#endif
#endif

/*
 * If @probe is a trace event's, record the hit from @slots (@nr of them)
 * and return true; else return false: @probe wants a va_list.
 */
static __always_inline bool marker_sink_slots(marker_probe_func *probe,
					      void *probe_private,
					      const u64 *slots,
					      unsigned int nr)
{
#ifdef CONFIG_MARKER_COMPAT_EVENTS
	if (probe == marker_event_probe) {
		marker_event_probe_slots(probe_private, slots, nr);
		return true;
	}
#ifdef CONFIG_PERF_EVENTS
	if (probe == marker_event_perf_probe) {
		marker_event_perf_probe_slots(probe_private, slots, nr);
		return true;
	}
#endif
#endif
	return false;
}

#endif /* _MARKERS_INTERNAL_H */
