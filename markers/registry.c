// SPDX-License-Identifier: GPL-2.0
/*
 * Marker names, their probes, and the connection of probes to sites.
 *
 * A site is connected when its entry has probes and the site's format is
 * the entry's: every probe of the entry is then registered on the site's
 * tracepoint, whose static key the tracepoint core turns on with the
 * first probe and off with the last.  A site whose format differs stays
 * disconnected and is reported, as the historic implementation did.
 *
 * Error codes follow the historic implementation (Linux 2.6.27 - 2.6.31):
 * -EINVAL for a bad argument, -EPERM for a format mismatch, -EBUSY for a
 * (probe, private) pair registered twice, -ENOENT for an unknown one.
 * A failed call changes nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/export.h>
#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "internal.h"

#define MARKER_HASH_BITS	6
static DEFINE_HASHTABLE(marker_table, MARKER_HASH_BITS);

static u32 marker_hash(const char *name)
{
	return jhash(name, strlen(name), 0);
}

static struct marker_entry *marker_entry_lookup(const char *name)
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
	hash_add_rcu(marker_table, &e->hlist, marker_hash(name));
	return e;
}

static void marker_entry_release_if_unused(struct marker_entry *e)
{
	if (!list_empty(&e->sites) || !list_empty(&e->probes))
		return;
	hash_del_rcu(&e->hlist);
	kfree(e->format);
	kfree_rcu(e, rcu);
}

static struct marker *marker_entry_first_site(struct marker_entry *e)
{
	return list_first_entry_or_null(&e->sites, struct marker, node);
}

/*
 * Is @format acceptable for @e?  With probes connected, only the format
 * they agreed on is.  Without, any is, whatever the sites loaded now
 * have: as in the historic implementation, the first registration fixes
 * the format, its sites are armed and the others reported, so that a
 * consumer written for a module that loads later can register first.
 * NULL accepts whatever the sites have.
 */
static bool marker_entry_accepts(struct marker_entry *e, const char *format)
{
	if (!format || list_empty(&e->probes))
		return true;
	return !e->format || !strcmp(e->format, format);
}

static bool marker_site_matches(struct marker_entry *e, struct marker *site)
{
	return e->format && !strcmp(e->format, site->format);
}

static void marker_tp_unregister(struct marker *site, struct marker_probe *p)
{
	/*
	 * Only pairs this file registered are removed, so failure would be a
	 * bug in the tracepoint core's bookkeeping or ours.
	 */
	WARN_ON_ONCE(tracepoint_probe_unregister(&site->tp, p->func, p->priv));
}

static void marker_site_disconnect(struct marker *site)
{
	struct marker_entry *e = site->entry;
	struct marker_probe *p;

	if (!test_and_clear_bit(MARKER_SITE_CONNECTED, &site->flags))
		return;
	if (site->tp_name)
		marker_bridge_put(site->tp_name, site->tp_cb);
	list_for_each_entry(p, &e->probes, list)
		marker_tp_unregister(site, p);
}

/*
 * Register every probe of the site's entry on it; all or nothing.  A
 * bridged tracepoint that is not there yet is waited for
 * (marker_bridge_get()).
 */
static int marker_site_connect(struct marker *site)
{
	struct marker_entry *e = site->entry;
	struct marker_probe *p, *q;
	int ret;

	list_for_each_entry(p, &e->probes, list) {
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
	set_bit(MARKER_SITE_CONNECTED, &site->flags);
	return 0;

undo:
	list_for_each_entry(q, &e->probes, list) {
		if (q == p)
			break;
		marker_tp_unregister(site, q);
	}
	return ret;
}

/* A site the entry's probes cannot reach: say why, once per discovery. */
static void marker_site_report(struct marker *site, int err)
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

/**
 * marker_site_add - make a newly discovered site known
 * @site: the site
 * @mod: module the site is in, NULL for vmlinux
 *
 * Connects the site if its name has probes and the format agrees.  A
 * site seen again (the compiler duplicated it) is ignored.
 */
void marker_site_add(struct marker *site, struct module *mod)
{
	struct marker_entry *e;
	int ret;

	lockdep_assert_held(&markers_mutex);
	if (site->entry)
		return;
	e = marker_entry_lookup(site->name);
	if (!e) {
		e = marker_entry_create(site->name);
		if (!e) {
			pr_warn("out of memory: marker %s in %s ignored\n",
				site->name, marker_where(mod));
			return;
		}
	}
	site->entry = e;
	site->owner = mod;
	site->flags = 0;
	/* Keep discovery order: the first site fixes a wildcard's format. */
	list_add_tail(&site->node, &e->sites);

	if (list_empty(&e->probes))
		return;
	if (!e->format) {
		e->format = kstrdup(site->format, GFP_KERNEL);
		if (!e->format) {
			marker_site_report(site, -ENOMEM);
			return;
		}
	}
	if (!marker_site_matches(e, site)) {
		marker_site_report(site, -EPERM);
		return;
	}
	ret = marker_site_connect(site);
	if (ret)
		marker_site_report(site, ret);
}

/**
 * marker_site_remove - forget a site that is going away
 * @site: the site
 *
 * Called before the site's module is freed: its probes come off its
 * tracepoint (the tracepoint core warns about a going module whose
 * tracepoints still have probes) and nothing keeps a pointer to it.
 */
void marker_site_remove(struct marker *site)
{
	struct marker_entry *e = site->entry;

	lockdep_assert_held(&markers_mutex);
	if (!e)
		return;
	marker_site_disconnect(site);
	list_del(&site->node);
	site->entry = NULL;
	site->owner = NULL;
	marker_entry_release_if_unused(e);
}

/**
 * marker_visit_sited_names - visit every marker name that has sites
 * @fn: called with the name, the format its sites are armed with (the
 *	format the probes agreed on, else the first site's) and @priv
 * @priv: passed to @fn
 *
 * For the trace event layer, which gives each such name an event.  Called
 * with markers_mutex held; @fn must not sleep on anything that nests
 * outside it.
 */
void marker_visit_sited_names(marker_name_fn fn, void *priv)
{
	struct marker_entry *e;
	struct marker *site;
	int bkt;

	lockdep_assert_held(&markers_mutex);
	hash_for_each(marker_table, bkt, e, hlist) {
		site = marker_entry_first_site(e);
		if (site)
			fn(e->name, e->format ?: site->format, priv);
	}
}

static int marker_check_name(const char *name)
{
	if (!name || !*name || strnlen(name, MARK_MAX_NAME_LEN + 1) >
	    MARK_MAX_NAME_LEN)
		return -EINVAL;
	return 0;
}

/*
 * Does @format have a %n conversion?  It writes through its argument: no
 * probe may be handed such a format (the kernel's own vsnprintf() refuses
 * %n too).
 */
static bool marker_format_writes(const char *format)
{
	const char *p;

	for (p = strchr(format, '%'); p; p = strchr(p + 1, '%')) {
		if (p[1] == '%') {
			p++;
			continue;
		}
		p += 1 + strspn(p + 1, "-+ #0123456789.*hlLqjzZt");
		if (*p == 'n')
			return true;
		if (!*p)
			break;
	}
	return false;
}

static struct marker_probe *marker_entry_find_probe(struct marker_entry *e,
						    marker_probe_func *probe,
						    void *probe_private)
{
	struct marker_probe *p;

	list_for_each_entry(p, &e->probes, list)
		if (p->func == probe && p->priv == probe_private)
			return p;
	return NULL;
}

/*
 * Connect @p, already last on @e's probe list, to every matching site.
 * With other probes present the connected sites just gain @p; as the
 * first probe it connects the sites, which registers it.
 */
static int marker_entry_arm(struct marker_entry *e, struct marker_probe *p,
			    bool first)
{
	struct marker *site, *failed = NULL;
	int ret = 0;

	list_for_each_entry(site, &e->sites, node) {
		if (!marker_site_matches(e, site))
			continue;
		if (first)
			ret = marker_site_connect(site);
		else if (test_bit(MARKER_SITE_CONNECTED, &site->flags))
			ret = tracepoint_probe_register(&site->tp, p->func,
							p->priv);
		if (ret) {
			failed = site;
			break;
		}
	}
	if (!failed)
		return 0;

	list_for_each_entry(site, &e->sites, node) {
		if (site == failed)
			break;
		if (!marker_site_matches(e, site))
			continue;
		if (first)
			marker_site_disconnect(site);
		else if (test_bit(MARKER_SITE_CONNECTED, &site->flags))
			marker_tp_unregister(site, p);
	}
	return ret;
}

static void marker_entry_report_mismatches(struct marker_entry *e)
{
	struct marker *site;

	list_for_each_entry(site, &e->sites, node)
		if (!marker_site_matches(e, site))
			marker_site_report(site, -EPERM);
}

/**
 * marker_probe_register - connect a probe to a marker
 * @name: marker name
 * @format: format the probe expects, or NULL to take the sites' format
 * @probe: the probe
 * @probe_private: data passed to @probe
 *
 * Arms every site named @name whose format is @format, now and as sites
 * appear later (modules loaded afterwards).  A name may have several
 * probes; they are called in registration order.  Sites whose format
 * differs are left disarmed and reported.  A trace_mark_tp() site whose
 * tracepoint is not loaded yet is armed and waits for it.  Process
 * context only.
 *
 * Return: 0 on success; -EINVAL for a NULL or empty @name, a name longer
 * than MARK_MAX_NAME_LEN, a format longer than MARK_MAX_FORMAT_LEN or with
 * a %n conversion, or a NULL @probe; -EPERM if @format differs from the format other probes of
 * @name registered; -EBUSY if (@probe, @probe_private) is already
 * connected to @name, or if a trace_mark_tp() site's callback is already
 * on its tracepoint, registered by someone else; -ENOMEM.  On error
 * nothing changed and @probe is not running.
 */
int marker_probe_register(const char *name, const char *format,
			  marker_probe_func *probe, void *probe_private)
{
	struct marker_entry *e;
	struct marker_probe *p;
	bool first, set_format, armed = false;
	int ret;

	ret = marker_check_name(name);
	if (ret || !probe)
		return -EINVAL;
	if (format && (strnlen(format, MARK_MAX_FORMAT_LEN + 1) >
		       MARK_MAX_FORMAT_LEN || marker_format_writes(format)))
		return -EINVAL;

	mutex_lock(&markers_mutex);
	e = marker_entry_lookup(name);
	if (e && !marker_entry_accepts(e, format)) {
		ret = -EPERM;
		goto unlock;
	}
	if (e && marker_entry_find_probe(e, probe, probe_private)) {
		ret = -EBUSY;
		goto unlock;
	}
	ret = -ENOMEM;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		goto unlock;
	p->func = probe;
	p->priv = probe_private;
	if (!e) {
		e = marker_entry_create(name);
		if (!e)
			goto free_probe;
	}

	/*
	 * Fix the name's format if it is still open: a first probe takes its
	 * own or the first site's; a probe joining wildcards that no site has
	 * answered yet (so there is none) makes the wildcards expect its own.
	 */
	first = list_empty(&e->probes);
	set_format = !e->format;
	if (set_format) {
		const char *fmt = format;

		if (!fmt && first && !list_empty(&e->sites))
			fmt = marker_entry_first_site(e)->format;
		if (fmt) {
			e->format = kstrdup(fmt, GFP_KERNEL);
			if (!e->format)
				goto release_entry;
		}
	}
	list_add_tail_rcu(&p->list, &e->probes);
	ret = marker_entry_arm(e, p, first);
	if (ret) {
		list_del_rcu(&p->list);
		armed = true;
		goto release_entry;
	}
	if (first)
		marker_entry_report_mismatches(e);
	mutex_unlock(&markers_mutex);
	return 0;

release_entry:
	if (set_format) {
		kfree(e->format);
		e->format = NULL;
	}
	marker_entry_release_if_unused(e);
free_probe:
	kfree_rcu(p, rcu);
unlock:
	mutex_unlock(&markers_mutex);
	/*
	 * Sites armed before the one that failed were disarmed again, but
	 * the probe may have started on them meanwhile: the caller frees
	 * @probe_private on failure, so it must not be running any more.
	 */
	if (armed)
		tracepoint_synchronize_unregister();
	return ret;
}
EXPORT_SYMBOL_GPL(marker_probe_register);

/* Take @p off every site of @e, and free it. */
static void marker_entry_disarm(struct marker_entry *e, struct marker_probe *p)
{
	struct marker *site;
	bool last = list_is_singular(&e->probes);

	list_for_each_entry(site, &e->sites, node) {
		if (!test_bit(MARKER_SITE_CONNECTED, &site->flags))
			continue;
		if (last)
			marker_site_disconnect(site);
		else
			marker_tp_unregister(site, p);
	}
	list_del_rcu(&p->list);
	kfree_rcu(p, rcu);
	if (last) {
		kfree(e->format);
		e->format = NULL;
	}
}

static void marker_entry_drop_probe(struct marker_entry *e,
				    struct marker_probe *p)
{
	marker_entry_disarm(e, p);
	marker_entry_release_if_unused(e);
}

/**
 * marker_probe_unregister - disconnect a probe from a marker
 * @name: marker name
 * @probe: the probe
 * @probe_private: data it was registered with
 *
 * When the last probe of @name goes, its sites go back to the disabled
 * path and the name's format is forgotten.  The probe may still be running
 * on another CPU until marker_synchronize_unregister() returns.
 *
 * Return: 0 on success, -EINVAL for a bad @name or a NULL @probe, -ENOENT
 * if the pair is not connected to @name.
 */
int marker_probe_unregister(const char *name, marker_probe_func *probe,
			    void *probe_private)
{
	struct marker_entry *e;
	struct marker_probe *p;
	int ret = -ENOENT;

	if (marker_check_name(name) || !probe)
		return -EINVAL;

	mutex_lock(&markers_mutex);
	e = marker_entry_lookup(name);
	p = e ? marker_entry_find_probe(e, probe, probe_private) : NULL;
	if (p) {
		marker_entry_drop_probe(e, p);
		ret = 0;
	}
	mutex_unlock(&markers_mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(marker_probe_unregister);

/**
 * marker_probe_unregister_private_data - disconnect a probe from every marker
 * @probe: the probe
 * @probe_private: data it was registered with
 *
 * Return: 0 if the pair was connected to at least one marker, -EINVAL for
 * a NULL @probe, -ENOENT otherwise.
 */
int marker_probe_unregister_private_data(marker_probe_func *probe,
					 void *probe_private)
{
	struct marker_entry *e;
	struct hlist_node *tmp;
	struct marker_probe *p;
	int bkt, ret = -ENOENT;

	if (!probe)
		return -EINVAL;

	mutex_lock(&markers_mutex);
	hash_for_each_safe(marker_table, bkt, tmp, e, hlist) {
		p = marker_entry_find_probe(e, probe, probe_private);
		if (p) {
			marker_entry_drop_probe(e, p);
			ret = 0;
		}
	}
	mutex_unlock(&markers_mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(marker_probe_unregister_private_data);

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
