// SPDX-License-Identifier: GPL-2.0
/*
 * Marker names and their probes.
 *
 * Every name a site carries or a probe asked for has an entry: its sites
 * (sites.c links them), its probes in registration order with the format
 * they agreed on, and its taps (probes of any format, in registration
 * order too).  This file knows nothing of tracepoints: putting the probes
 * on the sites is sites.c's.
 *
 * A name's format is fixed by its first probe (its own format, or the
 * first site's for a wildcard) or, for wildcards that no site answered
 * yet, by the first site that comes; later probes and sites keep it; it
 * is forgotten with the last probe.  marker_entry_set_format() and
 * marker_entry_clear_format() are the only writers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/export.h>
#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

#define MARKER_HASH_BITS	6
static DEFINE_HASHTABLE(marker_table, MARKER_HASH_BITS);

static u32 marker_hash(const char *name)
{
	return jhash(name, strlen(name), 0);
}

/**
 * marker_check_name - is @name a marker name the API accepts?
 * @name: the name
 *
 * Return: 0, or -EINVAL for NULL, an empty name or one longer than
 * MARK_MAX_NAME_LEN.
 */
int marker_check_name(const char *name)
{
	if (!name || !*name || strnlen(name, MARK_MAX_NAME_LEN + 1) >
	    MARK_MAX_NAME_LEN)
		return -EINVAL;
	return 0;
}

/**
 * marker_entry_lookup - the entry of a name
 * @name: the name
 *
 * Called with markers_mutex held.
 *
 * Return: the entry, or NULL if @name has neither sites nor probes.
 */
struct marker_entry *marker_entry_lookup(const char *name)
{
	struct marker_entry *e;

	hash_for_each_possible(marker_table, e, hlist, marker_hash(name))
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

static struct marker_entry *marker_entry_create(const char *name)
{
	size_t len = strlen(name) + 1;
	struct marker_entry *e;

	e = kzalloc(struct_size(e, name, len), GFP_KERNEL);
	if (!e)
		return NULL;
	memcpy(e->name, name, len);
	INIT_LIST_HEAD(&e->sites);
	INIT_LIST_HEAD(&e->probes);
	INIT_LIST_HEAD(&e->taps);
	hash_add_rcu(marker_table, &e->hlist, marker_hash(name));
	return e;
}

/**
 * marker_entry_lookup_or_create - the entry of a name, created if it has none
 * @name: the name
 *
 * The caller gives the entry a site or a probe, or hands it back with
 * marker_entry_free_if_unused().  Called with markers_mutex held.
 *
 * Return: the entry, or NULL when out of memory.
 */
struct marker_entry *marker_entry_lookup_or_create(const char *name)
{
	return marker_entry_lookup(name) ?: marker_entry_create(name);
}

/**
 * marker_entry_free_if_unused - free an entry left without sites or probes
 * @e: the entry
 *
 * Lock-free readers (marker_get_private_data()) may still see it until a
 * grace period has passed.  Called with markers_mutex held.
 */
void marker_entry_free_if_unused(struct marker_entry *e)
{
	if (!list_empty(&e->sites) || !list_empty(&e->probes) ||
	    !list_empty(&e->taps))
		return;
	hash_del_rcu(&e->hlist);
	kfree(e->format);
	kfree_rcu(e, rcu);
}

/**
 * marker_entry_set_format - fix a name's format if it is still open
 * @e: the entry
 * @format: the format, or NULL to leave it open
 *
 * A format already fixed is kept.  Called with markers_mutex held.
 *
 * Return: 0, or -ENOMEM (the format stays open).
 */
int marker_entry_set_format(struct marker_entry *e, const char *format)
{
	if (e->format || !format)
		return 0;
	e->format = kstrdup(format, GFP_KERNEL);
	return e->format ? 0 : -ENOMEM;
}

/**
 * marker_entry_clear_format - open a name's format again
 * @e: the entry
 *
 * With its last probe gone, or to undo marker_entry_set_format().  Called
 * with markers_mutex held.
 */
void marker_entry_clear_format(struct marker_entry *e)
{
	kfree(e->format);
	e->format = NULL;
}

/**
 * marker_entry_find_probe - a probe of a name
 * @e: the entry
 * @layer: the probe's layer
 * @probe: the probe function
 * @probe_private: its data
 *
 * Called with markers_mutex held.
 *
 * Return: the (@probe, @probe_private) registration in @e's @layer, or
 * NULL.
 */
struct marker_probe *marker_entry_find_probe(struct marker_entry *e,
					     enum marker_layer layer,
					     marker_probe_func *probe,
					     void *probe_private)
{
	struct marker_probe *p;

	list_for_each_entry(p, marker_layer_list(e, layer), list)
		if (p->func == probe && p->priv == probe_private)
			return p;
	return NULL;
}

/**
 * marker_entry_add_probe - add a probe to a name, last
 * @e: the entry
 * @layer: the probe's layer
 * @probe: the probe function
 * @probe_private: its data
 *
 * Only the list changes: the caller puts the probe on the sites.  Called
 * with markers_mutex held.
 *
 * Return: the new registration, or NULL when out of memory.
 */
struct marker_probe *marker_entry_add_probe(struct marker_entry *e,
					    enum marker_layer layer,
					    marker_probe_func *probe,
					    void *probe_private)
{
	struct marker_probe *p;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return NULL;
	p->func = probe;
	p->priv = probe_private;
	list_add_tail_rcu(&p->list, marker_layer_list(e, layer));
	return p;
}

/**
 * marker_entry_del_probe - take a probe off its name and free it
 * @p: the registration, off every site already
 *
 * Freed after a grace period, for marker_get_private_data().  Called with
 * markers_mutex held.
 */
void marker_entry_del_probe(struct marker_probe *p)
{
	list_del_rcu(&p->list);
	kfree_rcu(p, rcu);
}

/**
 * marker_visit_entries - visit every marker name
 * @fn: called with each entry and @priv; it may free the entry
 * @priv: passed to @fn
 *
 * Called with markers_mutex held.
 */
void marker_visit_entries(marker_entry_fn fn, void *priv)
{
	struct marker_entry *e;
	struct hlist_node *tmp;
	int bkt;

	lockdep_assert_held(&markers_mutex);
	hash_for_each_safe(marker_table, bkt, tmp, e, hlist)
		fn(e, priv);
}

/*
 * The format a name's sites are armed with: the one its probes agreed on
 * if a site has it, else the first site's.  Never a format no site has:
 * a probe may have fixed one before any site came.
 */
static const char *marker_entry_site_format(struct marker_entry *e)
{
	struct marker *site;

	if (e->format)
		list_for_each_entry(site, &e->sites, node)
			if (!strcmp(site->format, e->format))
				return site->format;
	site = marker_entry_first_site(e);
	return site ? site->format : NULL;
}

/**
 * marker_visit_sited_names - visit every marker name that has sites
 * @fn: called with the name, the format its sites are armed with (the
 *	format the probes agreed on if a site has it, else the first
 *	site's) and @priv
 * @priv: passed to @fn
 *
 * For the trace event layer, which gives each such name an event.  Called
 * with markers_mutex held; @fn must not sleep on anything that nests
 * outside it.
 */
void marker_visit_sited_names(marker_name_fn fn, void *priv)
{
	struct marker_entry *e;
	const char *format;
	int bkt;

	lockdep_assert_held(&markers_mutex);
	hash_for_each(marker_table, bkt, e, hlist) {
		format = marker_entry_site_format(e);
		if (format)
			fn(e->name, format, priv);
	}
}

/**
 * marker_get_private_data - private data of a connected probe
 * @name: marker name
 * @probe: the probe
 * @num: which of @probe's registrations on @name, from 0, in order
 *
 * Takes no lock, as the historic implementation did, so legacy callers
 * may use it inside a marker_iter walk (which holds the registry's mutex)
 * and from a probe: the name table and the probe lists are read under
 * RCU.  The answer may be stale as soon as it is returned; dereference the
 * data only if you own it (the historic contract).
 *
 * Return: the private data of the @num-th registration of @probe on
 * @name, or ERR_PTR(-ENOENT) if there is none.
 */
void *marker_get_private_data(const char *name, marker_probe_func *probe,
			      int num)
{
	struct marker_entry *e;
	struct marker_probe *p;
	void *priv = ERR_PTR(-ENOENT);

	if (marker_check_name(name) || !probe || num < 0)
		return priv;

	rcu_read_lock();
	hash_for_each_possible_rcu(marker_table, e, hlist, marker_hash(name)) {
		if (strcmp(e->name, name))
			continue;
		list_for_each_entry_rcu(p, &e->probes, list) {
			if (p->func != probe)
				continue;
			if (!num--) {
				priv = p->priv;
				break;
			}
		}
		break;
	}
	rcu_read_unlock();
	return priv;
}
EXPORT_SYMBOL_GPL(marker_get_private_data);
