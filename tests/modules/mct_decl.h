/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Body of the declared event modules, mct_decl_a and mct_decl_b
 * (tests/guest/events-declared.sh): one name, mct_decl, whose site fires
 * once from the module's init, so only an event armed before the init
 * runs records it.  The two modules give the name different formats
 * (MCT_DECL_FORMAT, MCT_DECL_ARGS): a declaration of A's format must
 * refuse B's site.
 *
 * Write N to the "fire" parameter to run the site N times more, seq 1 to
 * N; the init's hit has seq MCT_DECL_INIT_SEQ.
 */
#ifndef _MCT_DECL_H
#define _MCT_DECL_H

#include <linux/init.h>
#include <linux/module.h>
#include <compat/marker.h>

#include "mct_fire.h"

/* The init's hit: a value no write to "fire" gives. */
#define MCT_DECL_INIT_SEQ	4242

static noinline void mct_decl_fire(unsigned int seq)
{
	trace_mark(mct_decl, MCT_DECL_FORMAT, MCT_DECL_ARGS(seq));
}

MCT_FIRE_PARAM(mct_decl_fire, "Write N: run the site N times");

static int __init mct_decl_init(void)
{
	mct_decl_fire(MCT_DECL_INIT_SEQ);
	return 0;
}

static void __exit mct_decl_exit(void)
{
}

module_init(mct_decl_init);
module_exit(mct_decl_exit);
MODULE_LICENSE("GPL");

#endif /* _MCT_DECL_H */
