/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The static key inside struct tracepoint.
 *
 * Up to 6.12 the key is a plain struct static_key tested with
 * static_key_false(); from 6.13 on it is a struct static_key_false tested
 * with static_branch_unlikely().  Marker sites embed a struct tracepoint
 * and test its key directly, so they need the right initialiser and the
 * right test.  This header is the only place that knows the difference.
 */
#ifndef _COMPAT_TRACEPOINT_KEY_H
#define _COMPAT_TRACEPOINT_KEY_H

#include <linux/version.h>
#include <linux/jump_label.h>
#include <linux/tracepoint-defs.h>

/*
 * compat_tracepoint_key_enabled() is a plain load of the key's enable
 * count, for sites where instruction patching is unwelcome (_trace_mark()).
 * static_key_enabled() would do, but with jump labels it is an out-of-line
 * call; a count still being enabled (-1) reads as disabled, as it does for
 * the static branch.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define COMPAT_TRACEPOINT_KEY_INIT	STATIC_KEY_FALSE_INIT
#define compat_tracepoint_key_unlikely(tp)	\
	static_branch_unlikely(&(tp)->key)
#define compat_tracepoint_key_enabled(tp)	\
	unlikely(atomic_read(&(tp)->key.key.enabled) > 0)
#else
#define COMPAT_TRACEPOINT_KEY_INIT	STATIC_KEY_INIT_FALSE
#define compat_tracepoint_key_unlikely(tp)	\
	static_key_false(&(tp)->key)
#define compat_tracepoint_key_enabled(tp)	\
	unlikely(atomic_read(&(tp)->key.enabled) > 0)
#endif

/*
 * A tracepoint with no static call, no iterator and no registration
 * hooks: the kernel's tracepoint core manages its key and probe array,
 * and nothing else.  Synthetic trace events build theirs the same way.
 */
#define COMPAT_TRACEPOINT_INIT(_name) {			\
	.name = (_name),				\
	.key = COMPAT_TRACEPOINT_KEY_INIT,		\
	.funcs = NULL,					\
}

#endif /* _COMPAT_TRACEPOINT_KEY_H */
