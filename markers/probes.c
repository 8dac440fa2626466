// SPDX-License-Identifier: GPL-2.0
/*
 * Registering probes on marker names: the API and its rules.
 *
 * marker_probe_register(), marker_tap_register() and their unregister
 * calls check a request against the rules of the historic API (the limits
 * on names and formats, no %n, one format per name for its probes, a
 * (probe, private) pair once per name), record it with the name
 * (registry.c) and put it on the sites that want it (sites.c).  The rules
 * are here, apart from how sites are found and connected, so that what a
 * caller may do is read in one file.
 *
 * Error codes follow the historic implementation (Linux 2.6.27 - 2.6.31):
 * -EINVAL for a bad argument, -EPERM for a format mismatch, -EBUSY for a
 * (probe, private) pair registered twice, -ENOENT for an unknown one.
 * A failed call changes nothing.
 */
#include <linux/export.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "format.h"
#include "internal.h"

/*
 * Put @p, already last in @layer of @e, on every site that layer wants.
 * With other probes in the layer the connected sites just gain @p; as the
 * layer's first probe it connects the sites, which registers it.  All or
 * nothing.
 */
static int marker_entry_arm(struct marker_entry *e, enum marker_layer layer,
			    struct marker_probe *p, bool first)
{
	struct marker *site, *failed = NULL;
	int ret = 0;

	list_for_each_entry(site, &e->sites, node) {
		if (!marker_layer_wants(site, layer))
			continue;
		if (first)
			ret = marker_site_connect(site, layer);
		else if (marker_layer_on(site, layer))
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
		if (!marker_layer_wants(site, layer))
			continue;
		if (first)
			marker_site_disconnect(site, layer);
		else if (marker_layer_on(site, layer))
			marker_tp_unregister(site, p);
	}
	return ret;
}

/*
 * Take @p, still in @layer of @e, off every site it is on: the reverse of
 * marker_entry_arm().  With other probes left in the layer the connected
 * sites just lose @p; as the layer's @last probe it disconnects them,
 * which unregisters it.
 */
static void marker_entry_disarm(struct marker_entry *e,
				enum marker_layer layer,
				struct marker_probe *p, bool last)
{
	struct marker *site;

	list_for_each_entry(site, &e->sites, node) {
		if (!marker_layer_on(site, layer))
			continue;
		if (last)
			marker_site_disconnect(site, layer);
		else
			marker_tp_unregister(site, p);
	}
}

static void marker_entry_report_mismatches(struct marker_entry *e)
{
	struct marker *site;

	list_for_each_entry(site, &e->sites, node)
		if (!marker_site_matches(e, site))
			marker_site_report(site, -EPERM);
}

/*
 * Add (@probe, @probe_private) last in @layer of @e and put it on the
 * sites that layer wants, then try again the sites of @e that failed.
 * *@armed is set when it may have run and was taken off again.
 */
static int marker_entry_attach(struct marker_entry *e, enum marker_layer layer,
			       marker_probe_func *probe, void *probe_private,
			       bool *armed)
{
	bool first = list_empty(marker_layer_list(e, layer));
	struct marker_probe *p;
	int ret;

	p = marker_entry_add_probe(e, layer, probe, probe_private);
	if (!p)
		return -ENOMEM;
	ret = marker_entry_arm(e, layer, p, first);
	if (ret) {
		marker_entry_del_probe(p);
		*armed = true;
		return ret;
	}
	if (first && layer == MARKER_LAYER_PROBES)
		marker_entry_report_mismatches(e);
	marker_entry_retry(e);
	return 0;
}

/*
 * Is @format acceptable for @e?  With probes connected, only the format
 * they agreed on is.  Without, any is, whatever the sites loaded now
 * have: as in the historic implementation, the first registration fixes
 * the format, its sites are armed and the others reported, so that a
 * consumer written for a module that loads later can register first.
 * NULL accepts whatever the sites have.  Taps do not count.
 */
static bool marker_entry_accepts(struct marker_entry *e, const char *format)
{
	if (!format || list_empty(&e->probes))
		return true;
	return !e->format || !strcmp(e->format, format);
}

/*
 * Is (@probe, @probe_private) on @e, as a probe or a tap?  A site's
 * tracepoint takes a pair once.
 */
static bool marker_entry_has_pair(struct marker_entry *e,
				  marker_probe_func *probe, void *probe_private)
{
	return marker_entry_find_probe(e, MARKER_LAYER_PROBES, probe,
				       probe_private) ||
	       marker_entry_find_probe(e, MARKER_LAYER_TAPS, probe,
				       probe_private);
}

/* marker_probe_register() under markers_mutex. */
static int marker_add_probe(const char *name, const char *format,
			    marker_probe_func *probe, void *probe_private,
			    bool *armed)
{
	struct marker_entry *e;
	bool set_format;
	int ret;

	lockdep_assert_held(&markers_mutex);
	e = marker_entry_lookup(name);
	if (e && !marker_entry_accepts(e, format))
		return -EPERM;
	if (e && marker_entry_has_pair(e, probe, probe_private))
		return -EBUSY;
	e = marker_entry_lookup_or_create(name);
	if (!e)
		return -ENOMEM;

	/*
	 * Fix the name's format if it is still open: a first probe takes its
	 * own or the first site's; a probe joining wildcards that no site has
	 * answered yet (so there is none) makes the wildcards expect its own.
	 */
	set_format = !e->format;
	if (!format && list_empty(&e->probes) && !list_empty(&e->sites))
		format = marker_entry_first_site(e)->format;
	ret = marker_entry_set_format(e, format);
	if (!ret)
		ret = marker_entry_attach(e, MARKER_LAYER_PROBES, probe,
					  probe_private, armed);
	if (ret) {
		if (set_format)
			marker_entry_clear_format(e);
		marker_entry_free_if_unused(e);
	}
	return ret;
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
 * tracepoint is not loaded yet is armed and waits for it.  A site that
 * appears later and cannot be armed (out of memory, or its bridged
 * callback registered on its tracepoint by someone else) is reported,
 * listed as failed, and tried again at the next registration or
 * unregistration on @name and whenever a module comes or goes.  Process
 * context only.
 *
 * Return: 0 on success; -EINVAL for a NULL or empty @name, a name longer
 * than MARK_MAX_NAME_LEN, a format longer than MARK_MAX_FORMAT_LEN or with
 * a %n conversion, or a NULL @probe; -EPERM if @format differs from the
 * format other probes of @name registered; -EBUSY if (@probe,
 * @probe_private) is already connected to @name (as a probe, or as a tap:
 * marker_tap_register()), or if a trace_mark_tp()
 * site's callback is already on its tracepoint, registered by someone
 * else; -ENOMEM.  On error nothing changed and @probe is not running.
 */
int marker_probe_register(const char *name, const char *format,
			  marker_probe_func *probe, void *probe_private)
{
	bool armed = false;
	int ret;

	if (marker_check_name(name) || !probe)
		return -EINVAL;
	if (format && (strnlen(format, MARK_MAX_FORMAT_LEN + 1) >
		       MARK_MAX_FORMAT_LEN || marker_format_writes(format)))
		return -EINVAL;

	mutex_lock(&markers_mutex);
	ret = marker_add_probe(name, format, probe, probe_private, &armed);
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

/* marker_tap_register() under markers_mutex. */
static int marker_add_tap(const char *name, marker_probe_func *probe,
			  void *probe_private, bool *armed)
{
	struct marker_entry *e;
	int ret;

	lockdep_assert_held(&markers_mutex);
	e = marker_entry_lookup(name);
	if (e && marker_entry_has_pair(e, probe, probe_private))
		return -EBUSY;
	e = marker_entry_lookup_or_create(name);
	if (!e)
		return -ENOMEM;
	ret = marker_entry_attach(e, MARKER_LAYER_TAPS, probe, probe_private,
				  armed);
	if (ret)
		marker_entry_free_if_unused(e);
	return ret;
}

/**
 * marker_tap_register - connect a probe of any format to a marker
 * @name: marker name
 * @probe: the probe, which must not decode the arguments
 * @probe_private: data passed to @probe
 *
 * Like marker_probe_register(), but on every site named @name whatever
 * its format, and without fixing the name's format or being refused by
 * it: for hit counters (the debugfs ones) and probes that read the
 * format they are handed before the arguments, which must not change what
 * tracers may register.  Not in the historic API.  Process context only.
 *
 * Return: 0, or as marker_probe_register(), without -EPERM.
 */
int marker_tap_register(const char *name, marker_probe_func *probe,
			void *probe_private)
{
	bool armed = false;
	int ret;

	if (marker_check_name(name) || !probe)
		return -EINVAL;

	mutex_lock(&markers_mutex);
	ret = marker_add_tap(name, probe, probe_private, &armed);
	mutex_unlock(&markers_mutex);
	if (armed)
		tracepoint_synchronize_unregister();
	return ret;
}
EXPORT_SYMBOL_GPL(marker_tap_register);

/*
 * Take @p off every site of @e and free it, and @e if it is left unused:
 * the reverse of marker_entry_attach().  A failed site may have nothing
 * left to wait for, or may connect now.
 */
static void marker_entry_detach(struct marker_entry *e,
				enum marker_layer layer,
				struct marker_probe *p)
{
	bool last = list_is_singular(marker_layer_list(e, layer));

	marker_entry_disarm(e, layer, p, last);
	marker_entry_del_probe(p);
	if (last && layer == MARKER_LAYER_PROBES)
		marker_entry_clear_format(e);
	marker_entry_retry(e);
	marker_entry_free_if_unused(e);
}

static int marker_unregister(const char *name, enum marker_layer layer,
			     marker_probe_func *probe, void *probe_private)
{
	struct marker_entry *e;
	struct marker_probe *p;
	int ret = -ENOENT;

	if (marker_check_name(name) || !probe)
		return -EINVAL;

	mutex_lock(&markers_mutex);
	e = marker_entry_lookup(name);
	p = e ? marker_entry_find_probe(e, layer, probe, probe_private) : NULL;
	if (p) {
		marker_entry_detach(e, layer, p);
		ret = 0;
	}
	mutex_unlock(&markers_mutex);
	return ret;
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
	return marker_unregister(name, MARKER_LAYER_PROBES, probe,
				 probe_private);
}
EXPORT_SYMBOL_GPL(marker_probe_unregister);

/**
 * marker_tap_unregister - disconnect a probe of any format from a marker
 * @name: marker name
 * @probe: the probe
 * @probe_private: data it was registered with
 *
 * As marker_probe_unregister(), for marker_tap_register().
 *
 * Return: 0, -EINVAL or -ENOENT, as marker_probe_unregister().
 */
int marker_tap_unregister(const char *name, marker_probe_func *probe,
			  void *probe_private)
{
	return marker_unregister(name, MARKER_LAYER_TAPS, probe,
				 probe_private);
}
EXPORT_SYMBOL_GPL(marker_tap_unregister);

/* A (probe, private) pair to take off every name, and whether it was on one. */
struct marker_drop {
	marker_probe_func *probe;
	void *probe_private;
	bool found;
};

static void marker_entry_drop_pair(struct marker_entry *e, void *priv)
{
	struct marker_drop *d = priv;
	struct marker_probe *p;

	p = marker_entry_find_probe(e, MARKER_LAYER_PROBES, d->probe,
				    d->probe_private);
	if (p) {
		marker_entry_detach(e, MARKER_LAYER_PROBES, p);
		d->found = true;
	}
}

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
	struct marker_drop d = {
		.probe = probe,
		.probe_private = probe_private,
	};

	if (!probe)
		return -EINVAL;

	mutex_lock(&markers_mutex);
	marker_visit_entries(marker_entry_drop_pair, &d);
	mutex_unlock(&markers_mutex);
	return d.found ? 0 : -ENOENT;
}
EXPORT_SYMBOL_GPL(marker_probe_unregister_private_data);
