// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the KUnit suites of the marker core.
 *
 * The sites of a name are found by one walk with marker_iter, the legacy
 * iterator, so that every suite sees the sites as legacy code does.
 *
 * Whatever a failed assertion left set up is undone when the test ends,
 * so one case cannot leak probes, exports or enabled events into the
 * next, nor leave them behind a module that is unloaded.
 * (kunit_add_action() does not exist on 6.1; a resource does.)  Resources
 * are released in reverse order, so data a probe writes to that was
 * allocated with kunit_kzalloc() before the resource outlives the probe.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "marker_kunit.h"

/**
 * mk_walk_sites - call a function on every site of a name
 * @name: the marker name
 * @fn: called with each site of @name, its module (NULL if built in) and
 *	@data
 * @data: passed to @fn
 *
 * The walk stops after %MK_MAX_WALK sites, so that an iterator that never
 * ends cannot hang the test.
 *
 * Return: the number of sites of @name.
 */
unsigned int mk_walk_sites(const char *name,
			   void (*fn)(struct marker *site,
				      struct module *mod, void *data),
			   void *data)
{
	struct marker_iter iter;
	unsigned int steps = 0, nr = 0;

	marker_iter_reset(&iter);
	marker_iter_start(&iter);
	for (; iter.marker && steps < MK_MAX_WALK;
	     marker_iter_next(&iter), steps++) {
		if (strcmp(iter.marker->name, name))
			continue;
		fn(iter.marker, iter.module, data);
		nr++;
	}
	marker_iter_stop(&iter);
	return nr;
}

static void mk_keep_site(struct marker *site, struct module *mod, void *data)
{
	struct mk_sites *found = data;

	if (found->nr < MK_MAX_SITES) {
		found->site[found->nr] = site;
		found->mod[found->nr] = mod;
	}
	found->nr++;
}

/**
 * mk_find_sites - the sites of a name
 * @name: the marker name
 * @found: filled with the number of sites of @name and the first
 *	%MK_MAX_SITES of them, in walk order
 */
void mk_find_sites(const char *name, struct mk_sites *found)
{
	memset(found, 0, sizeof(*found));
	mk_walk_sites(name, mk_keep_site, found);
}

/* A function to call when the test ends. */
struct mk_undo {
	void (*fn)(void *data);
	void *data;
};

static int mk_undo_init(struct kunit_resource *res, void *context)
{
	res->data = context;
	return 0;
}

static void mk_undo_free(struct kunit_resource *res)
{
	struct mk_undo *undo = res->data;

	undo->fn(undo->data);
	kfree(undo);
}

/**
 * mk_at_end - undo a step of a test when the test ends
 * @test: the test
 * @fn: the undo, called with @data
 * @data: what to undo
 *
 * Whether the test passes or fails, @fn(@data) runs when it ends, after
 * the undos arranged later (reverse order).  Call it right after the step
 * it undoes succeeded.
 *
 * Return: 0, or -ENOMEM if that cannot be arranged: @fn(@data) has then
 * run already.
 */
int mk_at_end(struct kunit *test, void (*fn)(void *data), void *data)
{
	struct mk_undo *undo;

	undo = kmalloc(sizeof(*undo), GFP_KERNEL);
	if (undo) {
		undo->fn = fn;
		undo->data = data;
		if (kunit_alloc_resource(test, mk_undo_init, mk_undo_free,
					 GFP_KERNEL, undo))
			return 0;
		kfree(undo);
	}
	fn(data);
	return -ENOMEM;
}

/* A registration to undo when the test ends. */
struct mk_reg {
	const char *name;
	marker_probe_func *probe;
	void *priv;
};

static void mk_unregister_pair(const char *name, marker_probe_func *probe,
			       void *priv)
{
	/*
	 * -ENOENT if the test unregistered it itself: nothing to do.
	 * -EINVAL if the core accepted a name it cannot take back (a bug the
	 * test reports): remove the pair from every name instead.
	 */
	if (!name || marker_probe_unregister(name, probe, priv) == -EINVAL)
		marker_probe_unregister_private_data(probe, priv);
	else
		marker_tap_unregister(name, probe, priv);
	marker_synchronize_unregister();
}

static void mk_reg_undo(void *data)
{
	struct mk_reg *reg = data;

	mk_unregister_pair(reg->name, reg->probe, reg->priv);
	kfree(reg);
}

/**
 * mk_unregister_at_end - unregister a probe when a test ends
 * @test: the test
 * @name: the marker @probe is (or will be) registered on, which must
 *	outlive the test, or NULL for every marker
 * @probe: the probe
 * @priv: its private data
 *
 * Whether the test passed or failed, (@probe, @priv) is then unregistered
 * from @name, as a probe and as a tap (marker_tap_register()), and
 * running probes are waited for.
 *
 * Return: 0, or -ENOMEM: the test has failed, and the pair has been
 * unregistered already.
 */
int mk_unregister_at_end(struct kunit *test, const char *name,
			 marker_probe_func *probe, void *priv)
{
	struct mk_reg *reg;

	reg = kmalloc(sizeof(*reg), GFP_KERNEL);
	if (reg) {
		reg->name = name;
		reg->probe = probe;
		reg->priv = priv;
		/* On failure, mk_reg_undo() has run and freed @reg. */
		if (!mk_at_end(test, mk_reg_undo, reg))
			return 0;
	} else {
		mk_unregister_pair(name, probe, priv);
	}
	KUNIT_FAIL(test, "out of memory for the cleanup of %s",
		   name ?: "every marker");
	return -ENOMEM;
}
