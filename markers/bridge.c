// SPDX-License-Identifier: GPL-2.0
/*
 * The marker -> tracepoint bridge behind trace_mark_tp().
 *
 * A trace_mark_tp() site lives inside a tracepoint callback.  When such a
 * site is armed, its callback is registered on its tracepoint; when the
 * last armed site of that (tracepoint, callback) pair is disarmed, the
 * callback is unregistered.  One link per pair, reference-counted by the
 * armed sites, so a callback shared by several markers is registered once
 * and a marker armed twice never doubles it.
 *
 * Tracepoints are found by name when a link is made: vmlinux's through
 * for_each_kernel_tracepoint(), modules' through the tables the tracepoint
 * module notifier announced, so neither needs its symbol exported.  A
 * module whose tracepoint carries a link may go away while the link is
 * armed: the callback comes off before the module's tracepoints are
 * checked for leftovers, and goes back on if the module returns.
 *
 * Out of memory when a module comes leaves the module recorded in a small
 * reserve instead of the table: lookups search both, links waiting for
 * its tracepoints attach as usual, and marker_bridge_retry() moves it
 * into the table when memory allows, as marker_sites_retry() does for
 * sites, so that the reserve is free for the next failure; it also attaches
 * the waiting links whose attachment failed when their module came.  Only
 * a module that finds the reserve full as well is left out, as the kernel
 * log says, until it loads again.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "internal.h"

struct marker_bridge {
	struct list_head list;
	void *tp_cb;
	/* The tracepoint @tp_cb is on, NULL while its module is away. */
	struct tracepoint *tp;
	/* Module of @tp, NULL for vmlinux. */
	struct module *tp_mod;
	unsigned int refcount;
	char tp_name[];
};

static LIST_HEAD(marker_bridges);

/* Modules whose tracepoints the notifier announced, for lookups by name. */
struct marker_tp_module {
	struct list_head list;
	struct module *mod;
};

static LIST_HEAD(marker_tp_modules);

/* Modules that came while there was no memory for their table entry. */
#define MARKER_TP_RESERVE	8
static struct module *marker_tp_unrecorded[MARKER_TP_RESERVE];

struct marker_tp_lookup {
	const char *name;
	struct tracepoint *tp;
};

static void marker_tp_match(struct tracepoint *tp, void *priv)
{
	struct marker_tp_lookup *l = priv;

	if (!l->tp && !marker_is_site(tp) && !strcmp(tp->name, l->name))
		l->tp = tp;
}

/* The tracepoint @name of @mod, or of vmlinux for NULL (not a site). */
static struct tracepoint *marker_lookup_tp(struct module *mod,
					   const char *name)
{
	struct marker_tp_lookup l = { .name = name };

	marker_visit_tracepoints(mod, marker_tp_match, &l);
	return l.tp;
}

/* A tracepoint @name of a module in the table or the reserve. */
static struct tracepoint *marker_find_module_tp(const char *name,
						struct module **mod)
{
	struct marker_tp_module *m;
	struct tracepoint *tp;
	unsigned int i;

	list_for_each_entry(m, &marker_tp_modules, list) {
		tp = marker_lookup_tp(m->mod, name);
		if (tp) {
			*mod = m->mod;
			return tp;
		}
	}
	for (i = 0; i < ARRAY_SIZE(marker_tp_unrecorded); i++) {
		if (!marker_tp_unrecorded[i])
			continue;
		tp = marker_lookup_tp(marker_tp_unrecorded[i], name);
		if (tp) {
			*mod = marker_tp_unrecorded[i];
			return tp;
		}
	}
	return NULL;
}

static struct tracepoint *marker_find_tracepoint(const char *name,
						 struct module **mod)
{
	struct tracepoint *tp = marker_lookup_tp(NULL, name);

	*mod = NULL;
	return tp ?: marker_find_module_tp(name, mod);
}

/* Put @mod in the table; false if out of memory. */
static bool marker_tp_record(struct module *mod)
{
	struct marker_tp_module *m;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return false;
	m->mod = mod;
	list_add_tail(&m->list, &marker_tp_modules);
	return true;
}

static struct marker_bridge *marker_bridge_lookup(const char *tp_name,
						  void *tp_cb)
{
	struct marker_bridge *b;

	list_for_each_entry(b, &marker_bridges, list)
		if (b->tp_cb == tp_cb && !strcmp(b->tp_name, tp_name))
			return b;
	return NULL;
}

/*
 * The kernel warns about a (probe, data) pair registered twice; the
 * _may_exist variant reports it quietly.  It can only happen if someone
 * else registered the same callback with NULL data behind our back.
 */
static int marker_bridge_attach(struct marker_bridge *b,
				struct tracepoint *tp, struct module *mod)
{
	int ret;

	ret = tracepoint_probe_register_prio_may_exist(tp, b->tp_cb, NULL,
						       TRACEPOINT_DEFAULT_PRIO);
	if (ret == -EEXIST)
		ret = -EBUSY;
	if (!ret) {
		b->tp = tp;
		b->tp_mod = mod;
	}
	return ret;
}

static void marker_bridge_detach(struct marker_bridge *b)
{
	if (!b->tp)
		return;
	WARN_ON_ONCE(tracepoint_probe_unregister(b->tp, b->tp_cb, NULL));
	b->tp = NULL;
	b->tp_mod = NULL;
}

/**
 * marker_bridge_retry - try again what out of memory left undone
 *
 * Each module kept in the reserve goes into the table if memory allows
 * now, which frees its slot; each link still waiting for a tracepoint
 * that a module has brought (its attachment failed when the module came)
 * is attached if it can be now.  Called when a module comes or goes and
 * whenever a site gets its link, with markers_mutex held.
 */
void marker_bridge_retry(void)
{
	struct marker_bridge *b;
	struct tracepoint *tp;
	struct module *mod;
	unsigned int i;

	lockdep_assert_held(&markers_mutex);
	for (i = 0; i < ARRAY_SIZE(marker_tp_unrecorded); i++) {
		if (marker_tp_unrecorded[i] &&
		    marker_tp_record(marker_tp_unrecorded[i])) {
			pr_info("tracepoints of %s recorded\n",
				module_name(marker_tp_unrecorded[i]));
			marker_tp_unrecorded[i] = NULL;
		}
	}
	/* Links wait only for modules' tracepoints: vmlinux's are there. */
	list_for_each_entry(b, &marker_bridges, list) {
		if (b->tp)
			continue;
		tp = marker_find_module_tp(b->tp_name, &mod);
		if (tp && !marker_bridge_attach(b, tp, mod))
			pr_info("tracepoint %s of %s bridged\n", b->tp_name,
				module_name(mod));
	}
}

/**
 * marker_bridge_get - an armed site needs its callback on its tracepoint
 * @tp_name: tracepoint name
 * @tp_cb: callback
 *
 * If the kernel has no tracepoint @tp_name yet, the link is kept and
 * attached when a module brings the tracepoint, and this is reported
 * once per link.  The site's probes are then armed and waiting, as they
 * are for a site not loaded yet: whether a tracepoint's module or a
 * registration comes first makes no difference.  (trace_mark_tp() only
 * compiles against a declared tracepoint, so a name that never comes is
 * a module that is never loaded.)  What out of memory left undone is
 * tried again first (marker_bridge_retry()).
 *
 * Return: 0, -EBUSY if the callback is already registered on the
 * tracepoint by someone else, -ENOMEM.
 */
int marker_bridge_get(const char *tp_name, void *tp_cb)
{
	size_t len = strlen(tp_name) + 1;
	struct marker_bridge *b;
	struct tracepoint *tp;
	struct module *mod;
	int ret;

	lockdep_assert_held(&markers_mutex);
	marker_bridge_retry();
	b = marker_bridge_lookup(tp_name, tp_cb);
	if (b) {
		b->refcount++;
		return 0;
	}
	tp = marker_find_tracepoint(tp_name, &mod);
	b = kzalloc(struct_size(b, tp_name, len), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	memcpy(b->tp_name, tp_name, len);
	b->tp_cb = tp_cb;
	ret = tp ? marker_bridge_attach(b, tp, mod) : 0;
	if (ret) {
		kfree(b);
		return ret;
	}
	b->refcount = 1;
	list_add_tail(&b->list, &marker_bridges);
	if (!tp)
		pr_info("tracepoint %s is not loaded: %ps is attached to it when it is\n",
			tp_name, tp_cb);
	return 0;
}

/**
 * marker_bridge_put - an armed site is disarmed
 * @tp_name: tracepoint name
 * @tp_cb: callback
 */
void marker_bridge_put(const char *tp_name, void *tp_cb)
{
	struct marker_bridge *b;

	lockdep_assert_held(&markers_mutex);
	b = marker_bridge_lookup(tp_name, tp_cb);
	if (WARN_ON_ONCE(!b) || --b->refcount)
		return;
	marker_bridge_detach(b);
	list_del(&b->list);
	kfree(b);
}

/**
 * marker_bridge_module_coming - a module's tracepoints appear
 * @mod: the module
 *
 * Armed links waiting for one of its tracepoints are attached again.  Out
 * of memory for its table entry, the module is kept in the reserve
 * (marker_bridge_retry()); its waiting links attach all the same.
 */
void marker_bridge_module_coming(struct module *mod)
{
	struct marker_bridge *b;
	struct tracepoint *tp;
	unsigned int i;

	lockdep_assert_held(&markers_mutex);
	if (!marker_tp_record(mod)) {
		for (i = 0; i < ARRAY_SIZE(marker_tp_unrecorded); i++)
			if (!marker_tp_unrecorded[i])
				break;
		if (i < ARRAY_SIZE(marker_tp_unrecorded)) {
			marker_tp_unrecorded[i] = mod;
			pr_warn("out of memory: tracepoints of %s kept in reserve, recorded later\n",
				module_name(mod));
		} else {
			pr_warn("out of memory: tracepoints of %s cannot be bridged until it loads again\n",
				module_name(mod));
		}
	}

	list_for_each_entry(b, &marker_bridges, list) {
		if (b->tp)
			continue;
		tp = marker_lookup_tp(mod, b->tp_name);
		if (tp && marker_bridge_attach(b, tp, mod))
			pr_warn("cannot bridge tracepoint %s of %s\n",
				b->tp_name, module_name(mod));
	}
}

/**
 * marker_bridge_module_going - a module's tracepoints go away
 * @mod: the module
 *
 * Callbacks on its tracepoints come off now: the tracepoint core checks
 * right after the notifier that a going module's tracepoints have no
 * probes left, and never removes them itself.  The links stay armed.
 */
void marker_bridge_module_going(struct module *mod)
{
	struct marker_tp_module *m, *tmp;
	struct marker_bridge *b;
	unsigned int i;

	lockdep_assert_held(&markers_mutex);
	list_for_each_entry(b, &marker_bridges, list)
		if (b->tp && b->tp_mod == mod)
			marker_bridge_detach(b);

	for (i = 0; i < ARRAY_SIZE(marker_tp_unrecorded); i++)
		if (marker_tp_unrecorded[i] == mod)
			marker_tp_unrecorded[i] = NULL;

	list_for_each_entry_safe(m, tmp, &marker_tp_modules, list) {
		if (m->mod == mod) {
			list_del(&m->list);
			kfree(m);
		}
	}
}

/**
 * marker_bridge_exit - the core goes away
 *
 * Every site has been released by then, so every link is gone; only the
 * module table may remain if the notifier was never unregistered.
 */
void marker_bridge_exit(void)
{
	struct marker_tp_module *m, *tmp;

	mutex_lock(&markers_mutex);
	WARN_ON_ONCE(!list_empty(&marker_bridges));
	memset(marker_tp_unrecorded, 0, sizeof(marker_tp_unrecorded));
	list_for_each_entry_safe(m, tmp, &marker_tp_modules, list) {
		list_del(&m->list);
		kfree(m);
	}
	mutex_unlock(&markers_mutex);
}
