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

#include <linux/compiler.h>
#include <linux/jump_label.h>
#include <linux/tracepoint.h>

/*
 * The change is detected by what came with it rather than by version
 * number, so that a stable or vendor kernel carrying the backport is
 * handled too: DECLARE_TRACE_SYSCALL() arrived in the same 6.13 series
 * that converted the key.
 *
 * compat_tracepoint_key_enabled() is a plain load of the key's enable
 * count, for sites where instruction patching is unwelcome (_trace_mark()).
 * static_key_enabled() would do, but with jump labels it is an out-of-line
 * call; a count still being enabled (-1) reads as disabled, as it does for
 * the static branch.
 */
#ifdef DECLARE_TRACE_SYSCALL
#define COMPAT_TRACEPOINT_KEY_INIT	STATIC_KEY_FALSE_INIT

static __always_inline bool compat_tracepoint_key_unlikely(struct tracepoint *tp)
{
	return static_branch_unlikely(&tp->key);
}

static __always_inline bool compat_tracepoint_key_enabled(struct tracepoint *tp)
{
	return unlikely(atomic_read(&tp->key.key.enabled) > 0);
}
#else
#define COMPAT_TRACEPOINT_KEY_INIT	STATIC_KEY_INIT_FALSE

static __always_inline bool compat_tracepoint_key_unlikely(struct tracepoint *tp)
{
	return static_key_false(&tp->key);
}

static __always_inline bool compat_tracepoint_key_enabled(struct tracepoint *tp)
{
	return unlikely(atomic_read(&tp->key.enabled) > 0);
}
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
