/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel markers on top of the tracepoint core.
 *
 * The API is the one of Linux 2.6.27 - 2.6.31: trace_mark() sites named by
 * an identifier and described by a printf-like format, probes connected at
 * run time by name with marker_probe_register() and called with the format
 * and a va_list.  Code written for that API compiles unchanged.
 *
 * Underneath, every site is a real struct tracepoint, announced to the
 * kernel through the __tracepoints_ptrs section.  Its static key is the
 * site's enable test (a NOP with jump labels) and the kernel's tracepoint
 * core keeps its probe array, so registration, RCU publication and module
 * notification are the kernel's own.  See Documentation/marker-compat.rst.
 */
#ifndef _COMPAT_MARKER_H
#define _COMPAT_MARKER_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/stdarg.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/tracepoint.h>

/* By path, not by -I: <linux/marker.h> (include/legacy/) reaches this file alone. */
#include "marker_slots.h"
#include "tracepoint_entry.h"
#include "tracepoint_key.h"

struct module;
struct marker_entry;

/**
 * typedef marker_probe_func - a marker probe
 * @probe_private: data given to marker_probe_register()
 * @call_private: data given by the site (__trace_mark()), or NULL
 * @fmt: the site's format string
 * @args: the site's arguments; the probe reads them with va_arg()
 *
 * Probes run with preemption disabled, under the read side the kernel's
 * tracepoints use (compat/tracepoint_read.h), so that
 * marker_synchronize_unregister() waits for them.  The
 * va_list is passed by reference because va_list is an array type on some
 * architectures and cannot be passed by value portably.
 */
typedef void marker_probe_func(void *probe_private, void *call_private,
			       const char *fmt, va_list *args);

/*
 * Marker names may be at most MARK_MAX_NAME_LEN characters long and
 * formats at most MARK_MAX_FORMAT_LEN; both are checked at compile time
 * at the site and at run time by marker_probe_register().
 */
#define MARK_MAX_NAME_LEN	127
#define MARK_MAX_FORMAT_LEN	1024

/* Format of a site that passes no arguments. */
#define MARK_NOARGS " "

/*
 * The embedded tracepoint is named MARKER_TP_PREFIX followed by the marker
 * name.  ':' cannot appear in a C identifier, so no real tracepoint can
 * collide with a marker site, and the core tells its sites apart from
 * every other tracepoint by this prefix.
 */
#define MARKER_TP_PREFIX	"marker:"

/**
 * struct marker - one trace_mark() site
 * @name: marker name
 * @format: format string of the site's arguments
 * @tp_name: for trace_mark_tp() sites, the tracepoint armed with the marker
 * @tp_cb: for trace_mark_tp() sites, the callback registered on @tp_name
 * @tp: the site's tracepoint: static key and probe array
 *
 * Sites are static objects created by the trace_mark() family of macros;
 * nothing else creates or changes them.
 */
struct marker {
	const char *name;
	const char *format;
	const char *tp_name;
	void *tp_cb;
	struct tracepoint tp;
	/* private: owned by the marker core, under its mutex */
	struct marker_entry *entry;
	struct module *owner;
	struct list_head node;
	unsigned long flags;
};

/**
 * struct marker_iter - position of a walk over every marker site
 * @module: module of the current site, or NULL for a built-in site
 * @marker: current site, or NULL once the walk is over
 */
struct marker_iter {
	struct module *module;
	struct marker *marker;
};

int marker_probe_register(const char *name, const char *format,
			  marker_probe_func *probe, void *probe_private);
int marker_probe_unregister(const char *name, marker_probe_func *probe,
			    void *probe_private);
int marker_probe_unregister_private_data(marker_probe_func *probe,
					 void *probe_private);
int marker_tap_register(const char *name, marker_probe_func *probe,
			void *probe_private);
int marker_tap_unregister(const char *name, marker_probe_func *probe,
			  void *probe_private);
void *marker_get_private_data(const char *name, marker_probe_func *probe,
			      int num);
void marker_probe_cb(struct marker *mdata, void *call_private, ...);

/* Compile-time format check: gcc verifies the arguments, nothing is emitted. */
static inline __printf(1, 2) void ___mark_check_format(const char *fmt, ...)
{
}

#define __mark_check_format(format, args...)				\
	do {								\
		if (0)							\
			___mark_check_format(format, ## args);		\
	} while (0)

/*
 * One string holds the tracepoint name and, after the prefix, the marker
 * name.  (The parameters must not be called "name": .name is a field.)
 */
#define __MARKER_INIT(mname, tpname, tpcb, fmt) {			\
	.name = MARKER_TP_PREFIX #mname + sizeof(MARKER_TP_PREFIX) - 1,	\
	.format = (fmt),						\
	.tp_name = (tpname),						\
	.tp_cb = (tpcb),						\
	.tp = COMPAT_TRACEPOINT_INIT(MARKER_TP_PREFIX #mname),		\
}

/*
 * The enable test comes before the arguments: a disabled site evaluates
 * none of them.  @generic selects the test: false is the tracepoint's
 * static branch (a NOP when jump labels exist), true a plain load of the
 * key, for code where instruction patching is unwelcome.  It is a
 * constant at every site, so only one of the two is ever emitted.
 */
static __always_inline bool __marker_site_enabled(struct marker *m,
						  const bool generic)
{
	if (generic)
		return compat_tracepoint_key_enabled(&m->tp);
	return compat_tracepoint_key_unlikely(&m->tp);
}

#define __trace_mark_site(generic, name, tpname, tpcb, call_private,	\
			  format, args...)				\
	do {								\
		static struct marker __mark_##name			\
		__aligned(8) = __MARKER_INIT(name, tpname, tpcb,	\
					     format);			\
		static_assert(sizeof(#name) <= MARK_MAX_NAME_LEN + 1,	\
			      "marker name " #name " is too long");	\
		static_assert(sizeof(format) <= MARK_MAX_FORMAT_LEN + 1,\
			      "format of marker " #name " is too long");\
		compat_tracepoint_entry(&__mark_##name.tp);		\
		__mark_check_format(format, ## args);			\
		if (__marker_site_enabled(&__mark_##name, generic))	\
			__mark_hit(&__mark_##name, call_private, ## args); \
	} while (0)

/**
 * __trace_mark - marker site with every option
 * @generic: 0 for a static branch, 1 for a plain variable read
 * @name: marker name, not quoted
 * @call_private: data passed to the probes as @call_private
 * @format: format string literal, or MARK_NOARGS
 * @args: arguments, type-checked against @format
 */
#define __trace_mark(generic, name, call_private, format, args...)	\
	__trace_mark_site(generic, name, NULL, NULL, call_private,	\
			  format, ## args)

/**
 * trace_mark - marker site
 * @name: marker name, not quoted
 * @format: format string literal, or MARK_NOARGS
 * @args: arguments, type-checked against @format
 *
 * Costs one NOP while no probe is connected (with jump labels; a load, a
 * test and a branch otherwise).  The arguments are evaluated only when a
 * probe is connected.
 */
#define trace_mark(name, format, args...)				\
	__trace_mark(0, name, NULL, format, ## args)

/**
 * _trace_mark - marker site tested with a plain variable read
 * @name: marker name, not quoted
 * @format: format string literal, or MARK_NOARGS
 * @args: arguments, type-checked against @format
 *
 * For code where instruction patching is unwelcome: __init and __exit
 * sections, lockdep, some traps, printk.
 */
#define _trace_mark(name, format, args...)				\
	__trace_mark(1, name, NULL, format, ## args)

/*
 * The callback's type must be exactly the tracepoint's probe type.
 * DECLARE_TRACE() gives every tracepoint check_trace_callback_type_<tp>(),
 * whose only parameter has that type; comparing the function types makes
 * a mismatch a hard error that names both sides, and an unknown
 * tracepoint an undeclared identifier.
 */
#define __marker_check_tp_cb(name, tp_name, tp_cb)			\
	static_assert(__builtin_types_compatible_p(			\
		typeof(check_trace_callback_type_##tp_name),		\
		void (typeof(tp_cb) *)),				\
		"trace_mark_tp(" #name "): callback " #tp_cb		\
		" does not have the probe type of tracepoint " #tp_name)

/*
 * The site lives inside the callback.  A static callback that nothing
 * else refers to would be dropped by the compiler, the site with it, so
 * that registering a probe would succeed with nothing ever firing; the
 * historic bridges of LTTng 0.x had global callbacks, never dropped, and
 * the kernel's own probes are reached only through their registration.
 * So the site keeps its callback: it redeclares the callback __used,
 * which GCC honours for the definition it is inside, so a static callback
 * is emitted as a global one is.  Clang ignores an attribute added once
 * the definition has begun (and says so), so there the redeclaration
 * adds none, and a static callback must carry __used itself.
 */
#ifdef __clang__
#define __marker_tp_cb_keep
#else
#define __marker_tp_cb_keep	__used
#endif

/**
 * trace_mark_tp - marker site inside a tracepoint callback
 * @name: marker name, not quoted
 * @tp_name: tracepoint the callback is for, not quoted
 * @tp_cb: the tracepoint callback containing this site
 * @format: format string literal, or MARK_NOARGS
 * @args: arguments, type-checked against @format
 *
 * Arming the marker (connecting its first probe) registers @tp_cb on
 * @tp_name; disarming it unregisters @tp_cb.  While no marker of @tp_cb
 * is armed, the callback is not registered at all, so the pointer-to-field
 * work it does costs nothing.  @tp_cb must have the tracepoint's probe
 * type, checked at compile time; static or global, it is kept (built
 * with clang, a static @tp_cb must be declared __used).  @tp_name
 * may be a tracepoint of the kernel, of a module, or of the central
 * headers; it is looked up by name when the marker is armed.
 */
#define trace_mark_tp(name, tp_name, tp_cb, format, args...)		\
	do {								\
		extern __typeof__(tp_cb) tp_cb __marker_tp_cb_keep;	\
		__marker_check_tp_cb(name, tp_name, tp_cb);		\
		__trace_mark_site(0, name, #tp_name, (void *)(tp_cb),	\
				  NULL, format, ## args);		\
	} while (0)

/**
 * marker_synchronize_unregister - wait for running probes to return
 *
 * Call after unregistering probes and before freeing their private data
 * or leaving module exit.
 */
#define marker_synchronize_unregister()	tracepoint_synchronize_unregister()

void marker_iter_start(struct marker_iter *iter);
void marker_iter_next(struct marker_iter *iter);
void marker_iter_stop(struct marker_iter *iter);
void marker_iter_reset(struct marker_iter *iter);

#endif /* _COMPAT_MARKER_H */
