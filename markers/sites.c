// SPDX-License-Identifier: GPL-2.0
/*
 * Finding marker sites, in vmlinux and in modules, on an unmodified kernel.
 *
 * Every site embeds a struct tracepoint named MARKER_TP_PREFIX "<name>"
 * and puts an entry for it in the __tracepoints_ptrs section, so the
 * kernel collects the sites the way it collects its own tracepoints:
 * for_each_kernel_tracepoint() walks vmlinux's, and the tracepoint module
 * notifier (main.c) announces each module's when it comes (replaying the
 * modules already loaded) and before it goes.  The prefix tells our sites
 * from real tracepoints.  Documentation/marker-compat.rst discusses the
 * choice.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/export.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "internal.h"

LIST_HEAD(marker_groups);

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

/* vmlinux: two passes over the section, to size then fill the group. */
static void marker_count_builtin(struct tracepoint *tp, void *priv)
{
	unsigned int *nr = priv;

	if (marker_is_site(tp))
		(*nr)++;
}

static void marker_collect_builtin(struct tracepoint *tp, void *priv)
{
	if (marker_is_site(tp))
		marker_group_collect(priv, marker_from_tp(tp));
}

/**
 * marker_sites_init - find the sites of vmlinux
 *
 * Return: 0, or -ENOMEM.
 */
int marker_sites_init(void)
{
	struct marker_group *g;
	unsigned int nr = 0;

	for_each_kernel_tracepoint(marker_count_builtin, &nr);
	g = marker_group_alloc(NULL, nr);
	if (!g)
		return -ENOMEM;
	for_each_kernel_tracepoint(marker_collect_builtin, g);
	marker_group_add(g);
	return 0;
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
 * events: marker_events_sync()).
 */
bool marker_sites_module_coming(struct module *mod)
{
	tracepoint_ptr_t *begin = mod->tracepoints_ptrs;
	tracepoint_ptr_t *end = begin + mod->num_tracepoints;
	struct marker_group *g;
	tracepoint_ptr_t *iter;
	unsigned int nr = 0;

	for (iter = begin; iter < end; iter++)
		nr += marker_is_site(tracepoint_ptr_deref(iter));
	if (!nr)
		return false;
	g = marker_group_alloc(mod, nr);
	if (!g) {
		pr_warn("out of memory: markers of %s ignored\n",
			module_name(mod));
		return false;
	}
	for (iter = begin; iter < end; iter++) {
		struct tracepoint *tp = tracepoint_ptr_deref(iter);

		if (marker_is_site(tp))
			marker_group_collect(g, marker_from_tp(tp));
	}
	marker_group_add(g);
	return true;
}

/**
 * marker_sites_module_going - forget the sites of a module that goes
 * @mod: the module
 *
 * Called with markers_mutex held.
 *
 * Return: true if @mod had sites: their probes may still be running
 * (tracepoint_synchronize_unregister()), and their names may have lost
 * their last site (marker_events_sync()).
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
