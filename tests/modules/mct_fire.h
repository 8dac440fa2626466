/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "fire" parameter of the marker test modules: write N to run the
 * module's sites N times.  Include it once, from the module's one .c file
 * (or the header that is its body), and declare the parameter with
 * MCT_FIRE_PARAM().
 */
#ifndef _MCT_FIRE_H
#define _MCT_FIRE_H

#include <linux/kernel.h>
#include <linux/moduleparam.h>

#include "mct.h"

/* What a module's "fire" parameter runs: see MCT_FIRE_PARAM(). */
struct mct_fire {
	void (*fn)(unsigned int seq);
};

/*
 * Writing N to "fire" calls fn(1), ..., fn(N).  Not a number, or more
 * than MCT_MAX_FIRE, is refused and calls nothing.
 */
static inline int mct_fire_set(const char *val, const struct kernel_param *kp)
{
	const struct mct_fire *fire = kp->arg;
	unsigned int n, i;
	int ret;

	ret = kstrtouint(val, 0, &n);
	if (ret)
		return ret;
	if (n > MCT_MAX_FIRE)
		return -EINVAL;
	for (i = 1; i <= n; i++)
		fire->fn(i);
	return 0;
}

static const struct kernel_param_ops mct_fire_ops = {
	.set = mct_fire_set,
};

/* The module's write-only "fire" parameter, running @fn_. */
#define MCT_FIRE_PARAM(fn_, desc)					\
	static struct mct_fire mct_fire = { .fn = fn_ };		\
	module_param_cb(fire, &mct_fire_ops, &mct_fire, 0200);		\
	MODULE_PARM_DESC(fire, desc)

#endif /* _MCT_FIRE_H */
