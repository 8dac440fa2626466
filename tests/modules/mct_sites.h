/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Body of the site modules mct_sites_a and mct_sites_b.  Each includes it
 * once, after defining MCT_SRC (and MCT_FMT_SITE for the site with a
 * different format), so both modules get their own sites of the same name.
 *
 * Parameters:
 *   fire   (write N) run every site of the module N times (N <= MCT_MAX_FIRE)
 *   evals  (read)    evaluations of the shared site's argument
 *   fired  (read)    calls of the site functions
 *   fmt_evals (read) evaluations of the "mct_fmt" site's argument
 */
#ifndef _MCT_SITES_H
#define _MCT_SITES_H

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include <compat/marker.h>

#include "mct_fire.h"

static unsigned int evals;
module_param(evals, uint, 0444);
MODULE_PARM_DESC(evals, "Evaluations of the mct_shared site's argument");

static unsigned int fired;
module_param(fired, uint, 0444);
MODULE_PARM_DESC(fired, "Calls of the site functions");

static unsigned int fmt_evals;
module_param(fmt_evals, uint, 0444);
MODULE_PARM_DESC(fmt_evals, "Evaluations of the mct_fmt site's argument");

static noinline unsigned int mct_arg(unsigned int *counter, unsigned int seq)
{
	WRITE_ONCE(*counter, *counter + 1);
	return seq;
}

/*
 * The site whose disassembly mct.py kunit-x86 inspects: while
 * disabled, the path through it must be the jump label's NOP and the
 * return, with mct_arg() only on the enabled path.
 */
static noinline void mct_fire_shared(unsigned int seq)
{
	trace_mark(mct_shared, MCT_SHARED_FORMAT, MCT_SRC, mct_arg(&evals, seq));
}

#ifdef MCT_FMT_SITE
static noinline void mct_fire_fmt(unsigned int seq)
{
	trace_mark(mct_fmt, MCT_FMT_SITE_FORMAT, mct_arg(&fmt_evals, seq));
}
#else
static inline void mct_fire_fmt(unsigned int seq)
{
}
#endif

static void mct_fire_all(unsigned int seq)
{
	WRITE_ONCE(fired, fired + 1);
	mct_fire_shared(fired);
	mct_fire_fmt(fired);
}

MCT_FIRE_PARAM(mct_fire_all, "Write N: run every site of the module N times");

static int __init mct_sites_init(void)
{
	pr_info("%s: loaded\n", KBUILD_MODNAME);
	return 0;
}

static void __exit mct_sites_exit(void)
{
	pr_info("%s: unloading\n", KBUILD_MODNAME);
}

module_init(mct_sites_init);
module_exit(mct_sites_exit);

MODULE_LICENSE("GPL");

#endif /* _MCT_SITES_H */
