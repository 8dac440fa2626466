// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the KUnit suites of the marker core.
 *
 * Whatever a failed assertion left connected comes off when the test
 * ends, so one case cannot leak probes into the next.  (kunit_add_action()
 * does not exist on 6.1; a resource does.)  Resources are released in
 * reverse order, so data a probe writes to that was allocated with
 * kunit_kzalloc() before the resource outlives the probe.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/slab.h>

#include "marker_kunit.h"

/* A registration to undo when the test ends. */
struct marker_kunit_reg {
	const char *name;
	marker_probe_func *probe;
	void *priv;
};

static int marker_kunit_reg_init(struct kunit_resource *res, void *context)
{
	res->data = context;
	return 0;
}

static void marker_kunit_reg_free(struct kunit_resource *res)
{
	struct marker_kunit_reg *reg = res->data;

	/*
	 * -ENOENT if the test unregistered it itself: nothing to do.
	 * -EINVAL if the core accepted a name it cannot take back (a bug the
	 * test reports): remove the pair from every name instead.
	 */
	if (!reg->name ||
	    marker_probe_unregister(reg->name, reg->probe, reg->priv) ==
	    -EINVAL)
		marker_probe_unregister_private_data(reg->probe, reg->priv);
	else
		marker_tap_unregister(reg->name, reg->probe, reg->priv);
	marker_synchronize_unregister();
	kfree(reg);
}

/**
 * marker_kunit_unregister_at_end - unregister a probe when a test ends
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
 * Return: 0, or -ENOMEM (nothing will be done then).
 */
int marker_kunit_unregister_at_end(struct kunit *test, const char *name,
				   marker_probe_func *probe, void *priv)
{
	struct marker_kunit_reg *reg;

	reg = kmalloc(sizeof(*reg), GFP_KERNEL);
	if (!reg)
		return -ENOMEM;
	reg->name = name;
	reg->probe = probe;
	reg->priv = priv;
	if (!kunit_alloc_resource(test, marker_kunit_reg_init,
				  marker_kunit_reg_free, GFP_KERNEL, reg)) {
		kfree(reg);
		return -ENOMEM;
	}
	return 0;
}
