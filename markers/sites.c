// SPDX-License-Identifier: GPL-2.0
/*
 * Marker sites: finding them, in vmlinux and in modules, on an unmodified
 * kernel, connecting the probes of their names to them, and the legacy
 * walk over them.  Which probes a name has, and the rules a registration
 * must pass, are probes.c's: this file only puts them on the sites.
 *
 * Every site embeds a struct tracepoint named MARKER_TP_PREFIX "<name>"
 * and puts an entry for it in the __tracepoints_ptrs section, so the
 * kernel collects the sites the way it collects its own tracepoints:
 * for_each_kernel_tracepoint() walks vmlinux's, and the tracepoint module
 * notifier (main.c) announces each module's when it comes (replaying the
 * modules already loaded) and before it goes.  The prefix tells our sites
 * from real tracepoints.  Documentation/marker-compat.rst discusses the
 * choice.
 *
 * A site is connected when its name has probes and the site's format is
 * the name's: every probe of the name is then registered on the site's
 * tracepoint, whose static key the tracepoint core turns on with the
 * first probe and off with the last.  A site whose format differs stays
 * disconnected and is reported, as the historic implementation did.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "internal.h"

/* The sites of vmlinux (mod == NULL) or of one module. */
struct marker_group {
	struct list_head list;
	struct module *mod;
	unsigned int nr;
	struct marker *sites[];
};

static LIST_HEAD(marker_groups);

/* Does @site's name have probes that expect another format than its own? */
static bool marker_site_mismatched(struct marker *site)
{
	struct marker_entry *e = site->entry;

	return !list_empty(&e->probes) && e->format &&
	       !marker_site_matches(e, site);
}

/**
 * marker_layer_wants - should @layer of @site's name be on @site?
 * @site: a site the registry knows
 * @layer: the layer
 *
 * Taps go on every site of the name, probes only on the sites of the
 * format they agreed on.  Called with markers_mutex held.
 *
 * Return: true if @layer has probes and wants @site.
 */
bool marker_layer_wants(struct marker *site, enum marker_layer layer)
{
	struct marker_entry *e = site->entry;

	if (list_empty(marker_layer_list(e, layer)))
		return false;
	return layer == MARKER_LAYER_TAPS || marker_site_matches(e, site);
}

/**
 * marker_tp_unregister - take one probe off a site's tracepoint
 * @site: the site
 * @p: a probe this file or marker_entry_arm() registered on it
 */
void marker_tp_unregister(struct marker *site, struct marker_probe *p)
{
	/*
	 * Only pairs the core registered are removed, so failure would be a
	 * bug in the tracepoint core's bookkeeping or ours.
	 */
	WARN_ON_ONCE(tracepoint_probe_unregister(&site->tp, p->func, p->priv));
}

/**
 * marker_site_disconnect - take every probe of a layer off a site
 * @site: the site
 * @layer: the layer, which may not be connected
 *
 * Called with markers_mutex held.
 */
void marker_site_disconnect(struct marker *site, enum marker_layer layer)
{
	struct marker_probe *p;

	if (!test_and_clear_bit(marker_layer_bit(layer), &site->flags))
		return;
	if (site->tp_name)
		marker_bridge_put(site->tp_name, site->tp_cb);
	list_for_each_entry(p, marker_layer_list(site->entry, layer), list)
		marker_tp_unregister(site, p);
}

/**
 * marker_site_connect - register every probe of a layer on a site
 * @site: the site
 * @layer: the layer of the site's name
 *
 * All or nothing.  Each connected layer holds a reference on the site's
 * bridge; a bridged tracepoint that is not there yet is waited for
 * (marker_bridge_get()).  Called with markers_mutex held.
 *
 * Return: 0, or the error of tracepoint_probe_register() or
 * marker_bridge_get().
 */
int marker_site_connect(struct marker *site, enum marker_layer layer)
{
	struct list_head *probes = marker_layer_list(site->entry, layer);
	struct marker_probe *p, *q;
	int ret;

	list_for_each_entry(p, probes, list) {
		ret = tracepoint_probe_register(&site->tp, p->func, p->priv);
		if (ret)
			goto undo;
	}
	if (site->tp_name) {
		ret = marker_bridge_get(site->tp_name, site->tp_cb);
		if (ret) {
			p = NULL;	/* every probe was registered */
			goto undo;
		}
	}
	set_bit(marker_layer_bit(layer), &site->flags);
	return 0;

undo:
	list_for_each_entry(q, probes, list) {
		if (q == p)
			break;
		marker_tp_unregister(site, q);
	}
	return ret;
}

/**
 * marker_site_report - say why a site the entry's probes cannot reach
 * @site: the site
 * @err: -EPERM for a format mismatch, else why it could not be armed
 */
void marker_site_report(struct marker *site, int err)
{
	struct marker_entry *e = site->entry;

	if (err == -EPERM)
		pr_warn("format mismatch for marker %s in %s: probes expect \"%s\", site has \"%s\"\n",
			site->name, marker_where(site->owner), e->format,
			site->format);
	else
		pr_warn("cannot arm marker %s in %s (tracepoint %s): %d\n",
			site->name, marker_where(site->owner),
			site->tp_name ?: "-", err);
}

/*
 * Connect each layer of the site's name that wants the site and is not on
 * it yet.  Wildcard probes that no site answered yet take this site's
 * format first (the historic rule).  A layer that cannot be connected
 * (out of memory, or a bridged callback that someone else registered on
 * its tracepoint: -EBUSY) leaves the site failed: reported once, listed
 * as "failed", and tried again by marker_entry_retry() and
 * marker_sites_retry() until it connects or nothing wants it.
 */
static void marker_site_arm_wanted(struct marker *site)
{
	struct marker_entry *e = site->entry;
	enum marker_layer layer;
	int ret, err = 0;

	if (!list_empty(&e->probes) && marker_entry_set_format(e, site->format))
		err = -ENOMEM;
	for (layer = 0; layer < MARKER_NR_LAYERS; layer++) {
		if (!marker_layer_wants(site, layer) ||
		    marker_layer_on(site, layer))
			continue;
		ret = marker_site_connect(site, layer);
		if (ret)
			err = ret;
	}
	if (!err)
		clear_bit(MARKER_SITE_FAILED, &site->flags);
	else if (!test_and_set_bit(MARKER_SITE_FAILED, &site->flags))
		marker_site_report(site, err);
}

/**
 * marker_entry_retry - try again every failed site of a name
 * @e: the name's entry
 *
 * Called with markers_mutex held.
 */
void marker_entry_retry(struct marker_entry *e)
{
	struct marker *site;

	list_for_each_entry(site, &e->sites, node)
		if (test_bit(MARKER_SITE_FAILED, &site->flags))
			marker_site_arm_wanted(site);
}

/*
 * Make a newly discovered site known, and connect it to its name's
 * probes if the format agrees and to its name's taps.  A site seen again
 * (the compiler duplicated it) is ignored.
 */
static void marker_site_add(struct marker *site, struct module *mod)
{
	struct marker_entry *e;

	lockdep_assert_held(&markers_mutex);
	if (site->entry)
		return;
	e = marker_entry_lookup_or_create(site->name);
	if (!e) {
		pr_warn("out of memory: marker %s in %s ignored\n",
			site->name, marker_where(mod));
		return;
	}
	site->entry = e;
	site->owner = mod;
	site->flags = 0;
	/* Keep discovery order: the first site fixes a wildcard's format. */
	list_add_tail(&site->node, &e->sites);

	marker_site_arm_wanted(site);
	if (marker_site_mismatched(site))
		marker_site_report(site, -EPERM);
}

/*
 * Forget a site that is going away, before its module is freed: its
 * probes come off its tracepoint (the tracepoint core warns about a going
 * module whose tracepoints still have probes) and nothing keeps a pointer
 * to it.
 */
static void marker_site_remove(struct marker *site)
{
	struct marker_entry *e = site->entry;
	enum marker_layer layer;

	lockdep_assert_held(&markers_mutex);
	if (!e)
		return;
	for (layer = 0; layer < MARKER_NR_LAYERS; layer++)
		marker_site_disconnect(site, layer);
	clear_bit(MARKER_SITE_FAILED, &site->flags);
	list_del(&site->node);
	site->entry = NULL;
	site->owner = NULL;
	marker_entry_free_if_unused(e);
}

/**
 * marker_site_state - what a site is doing, for the debugfs listing
 * @site: a site the registry knows
 *
 * Called with markers_mutex held.
 *
 * Return: "failed" while probes or taps of its name that should be on it
 * could not be connected (it is retried), "armed" while its name's probes
 * are on it, "mismatch" while its name has probes of another format,
 * "armed" while only taps are on it, else "idle".
 */
const char *marker_site_state(struct marker *site)
{
	lockdep_assert_held(&markers_mutex);
	if (test_bit(MARKER_SITE_FAILED, &site->flags))
		return "failed";
	if (marker_layer_on(site, MARKER_LAYER_PROBES))
		return "armed";
	if (marker_site_mismatched(site))
		return "mismatch";
	if (marker_layer_on(site, MARKER_LAYER_TAPS))
		return "armed";
	return "idle";
}

static struct marker *marker_from_tp(struct tracepoint *tp)
{
	return container_of(tp, struct marker, tp);
}

static struct marker_group *marker_group_alloc(struct module *mod,
					       unsigned int nr)
{
	struct marker_group *g;

	g = kzalloc(struct_size(g, sites, nr), GFP_KERNEL);
	if (g)
		g->mod = mod;
	return g;
}

/* Record @site in @g unless it is already there (a duplicated entry). */
static void marker_group_collect(struct marker_group *g, struct marker *site)
{
	unsigned int i;

	for (i = 0; i < g->nr; i++)
		if (g->sites[i] == site)
			return;
	g->sites[g->nr++] = site;
}

static void marker_group_add(struct marker_group *g)
{
	unsigned int i;

	mutex_lock(&markers_mutex);
	list_add_tail(&g->list, &marker_groups);
	for (i = 0; i < g->nr; i++)
		marker_site_add(g->sites[i], g->mod);
	mutex_unlock(&markers_mutex);
}

/* Two passes over the tracepoints, to size then fill a group. */
static void marker_count_site(struct tracepoint *tp, void *priv)
{
	unsigned int *nr = priv;

	if (marker_is_site(tp))
		(*nr)++;
}

static void marker_collect_site(struct tracepoint *tp, void *priv)
{
	if (marker_is_site(tp))
		marker_group_collect(priv, marker_from_tp(tp));
}

/*
 * Find the sites of @mod, or of vmlinux for NULL, and make them known as
 * one group.  Takes markers_mutex, once the group is allocated.  Returns
 * how many were found (0: no group), or -ENOMEM.
 */
static int marker_group_find(struct module *mod)
{
	struct marker_group *g;
	unsigned int nr = 0;

	marker_visit_tracepoints(mod, marker_count_site, &nr);
	if (!nr)
		return 0;
	g = marker_group_alloc(mod, nr);
	if (!g)
		return -ENOMEM;
	marker_visit_tracepoints(mod, marker_collect_site, g);
	marker_group_add(g);
	return nr;
}

/**
 * marker_sites_init - find the sites of vmlinux
 *
 * Return: 0, or -ENOMEM.
 */
int marker_sites_init(void)
{
	int nr = marker_group_find(NULL);

	return nr < 0 ? nr : 0;
}

static void marker_group_release(struct marker_group *g)
{
	unsigned int i;

	lockdep_assert_held(&markers_mutex);
	for (i = 0; i < g->nr; i++)
		marker_site_remove(g->sites[i]);
	list_del(&g->list);
	kfree(g);
}

#ifdef CONFIG_MODULES
/**
 * marker_sites_module_coming - find the sites of a module that comes
 * @mod: the module
 *
 * Takes markers_mutex, once the module's sites are counted and their
 * group allocated.
 *
 * Return: true if @mod has sites, now known (its names need their trace
 * events: marker_events_reconcile()).
 */
bool marker_sites_module_coming(struct module *mod)
{
	int nr = marker_group_find(mod);

	if (nr < 0)
		pr_warn("out of memory: markers of %s ignored\n",
			module_name(mod));
	return nr > 0;
}

/**
 * marker_sites_module_going - forget the sites of a module that goes
 * @mod: the module
 *
 * Called with markers_mutex held.
 *
 * Return: true if @mod had sites: their probes may still be running
 * (tracepoint_synchronize_unregister()), and their names may have lost
 * their last site (marker_events_reconcile()).
 */
bool marker_sites_module_going(struct module *mod)
{
	struct marker_group *g, *tmp;
	bool released = false;

	lockdep_assert_held(&markers_mutex);
	list_for_each_entry_safe(g, tmp, &marker_groups, list) {
		if (g->mod == mod) {
			marker_group_release(g);
			released = true;
		}
	}
	return released;
}
#endif /* CONFIG_MODULES */

/**
 * marker_sites_exit - forget every site left
 *
 * Those of vmlinux, and of modules still loaded if the module notifier
 * did not release them.
 */
void marker_sites_exit(void)
{
	struct marker_group *g, *tmp;

	mutex_lock(&markers_mutex);
	list_for_each_entry_safe(g, tmp, &marker_groups, list)
		marker_group_release(g);
	mutex_unlock(&markers_mutex);
}

/**
 * marker_sites_retry - try again every site that out of memory left behind
 *
 * Sites whose name could not be recorded are added, and sites whose
 * arming failed are armed, if they can be now.  Called when a module
 * comes or goes (memory may be free again, and a tracepoint, or a
 * callback registered on it by someone else, may have come or gone with
 * the module), with markers_mutex held.
 *
 * Return: true if a site became known (its name needs its trace event:
 * marker_events_reconcile()).
 */
bool marker_sites_retry(void)
{
	struct marker_group *g;
	struct marker *site;
	bool added = false;
	unsigned int i;

	lockdep_assert_held(&markers_mutex);
	list_for_each_entry(g, &marker_groups, list) {
		for (i = 0; i < g->nr; i++) {
			site = g->sites[i];
			if (!site->entry) {
				marker_site_add(site, g->mod);
				added |= !!site->entry;
			} else if (test_bit(MARKER_SITE_FAILED, &site->flags)) {
				marker_site_arm_wanted(site);
			}
		}
	}
	return added;
}

/*
 * The walk's order: built-in sites first, then each module's, modules in
 * address order, sites in discovery order; its position is the public
 * (module, marker) pair, as in the historic implementation, so that a
 * walk resumes from whatever the caller holds.  Nothing else is kept
 * between calls: a module unloaded meanwhile is simply not found.
 */

/* The group of sites with the lowest module address >= @key (> if @after). */
static struct marker_group *marker_group_from(unsigned long key, bool after)
{
	struct marker_group *g, *best = NULL;
	unsigned long k;

	list_for_each_entry(g, &marker_groups, list) {
		k = (unsigned long)g->mod;
		if (k < key || (after && k == key))
			continue;
		if (!best || k < (unsigned long)best->mod)
			best = g;
	}
	return best;
}

/* Index of the first site of @g at or after @i the registry knows. */
static unsigned int marker_group_next_site(struct marker_group *g,
					   unsigned int i)
{
	while (i < g->nr && !g->sites[i]->entry)
		i++;
	return i;
}

/**
 * marker_iter_seek - move a walk to its current or next site
 * @iter: the walk
 * @advance: false to stay on the current site if it still exists (or go
 *	to the first site at or after the position), true to go past it
 *
 * A site whose registration failed (out of memory) is skipped.  At the
 * end, @iter is reset: module and marker NULL.  Called with
 * markers_mutex held.
 */
void marker_iter_seek(struct marker_iter *iter, bool advance)
{
	unsigned long key = (unsigned long)iter->module;
	struct marker_group *g;
	unsigned int i = 0;

	lockdep_assert_held(&markers_mutex);
	g = marker_group_from(key, false);
	if (iter->marker && g && g->mod == iter->module) {
		for (i = 0; i < g->nr; i++)
			if (g->sites[i] == iter->marker)
				break;
		i = i < g->nr ? i + advance : g->nr;
	} else if (iter->marker) {
		/* Its module is gone: resume with the next one. */
		g = marker_group_from(key, true);
	}

	for (; g; g = marker_group_from((unsigned long)g->mod, true), i = 0) {
		i = marker_group_next_site(g, i);
		if (i < g->nr) {
			iter->module = g->mod;
			iter->marker = g->sites[i];
			return;
		}
	}
	marker_iter_reset(iter);
}

/**
 * marker_iter_reset - rewind a walk to the first site
 * @iter: the walk
 */
void marker_iter_reset(struct marker_iter *iter)
{
	iter->module = NULL;
	iter->marker = NULL;
}
EXPORT_SYMBOL_GPL(marker_iter_reset);

/**
 * marker_iter_start - start or resume a walk over every marker site
 * @iter: the walk, reset with marker_iter_reset() before the first call
 *
 * On return @iter->marker is the site at @iter's position, or the first
 * after it (built-in sites first, then each module's, with @iter->module
 * set), or NULL when there is none.  As in the historic implementation
 * the position is @iter->module and @iter->marker, compared by address:
 * a walk resumes where its caller left it, a module unloaded meanwhile is
 * skipped, and a position past every module (LTTng sets @iter->module to
 * (void *)-1UL once its walk has ended) finds nothing.
 *
 * No lock is held between calls, so a probe may be registered inside a
 * walk, and nothing is left locked by a caller that never calls
 * marker_iter_stop().  A site stays valid while its module stays loaded.
 */
void marker_iter_start(struct marker_iter *iter)
{
	mutex_lock(&markers_mutex);
	marker_iter_seek(iter, false);
	mutex_unlock(&markers_mutex);
}
EXPORT_SYMBOL_GPL(marker_iter_start);

/**
 * marker_iter_next - move a walk to the next site
 * @iter: the walk
 *
 * @iter->marker is NULL once every site has been visited, and @iter is
 * then reset.
 */
void marker_iter_next(struct marker_iter *iter)
{
	mutex_lock(&markers_mutex);
	marker_iter_seek(iter, true);
	mutex_unlock(&markers_mutex);
}
EXPORT_SYMBOL_GPL(marker_iter_next);

/**
 * marker_iter_stop - end a pass of a walk
 * @iter: the walk
 *
 * Does nothing, as historically: the walk holds nothing between calls.
 * It stays for the callers of the historic API.
 */
void marker_iter_stop(struct marker_iter *iter)
{
}
EXPORT_SYMBOL_GPL(marker_iter_stop);
