// SPDX-License-Identifier: GPL-2.0
/*
 * Running the events' changes under the trace core's event_mutex, from a
 * module as from the kernel.
 *
 * trace_add_event_call() and trace_remove_event_call() want their caller
 * to hold event_mutex, which the trace core neither exports nor offers a
 * way to take.  What it exports is trace_set_clr_event(): it takes
 * event_mutex and, for an event it turns on or off, calls that event's
 * reg() callback.  So the core carries one trace event of its own,
 * marker_compat:control, in its _ftrace_events section, where the trace
 * core finds it as it finds any module's events (at boot when built in);
 * marker_events_locked() turns it on and off again, and its reg() runs
 * the caller's function in between, event_mutex held.
 *
 * That function adds and removes trace events while the trace core walks
 * the top instance's event files (__ftrace_set_clr_event_nolock(), a
 * list_for_each_entry() on 6.1, 6.12 and 7.3 alike): files of added
 * events go to the head of the list, behind the walk, and a removed
 * event's file is unlinked, the walk's next step following the new link.
 * Only the file the walk stands on, the control event's own, must stay:
 * it is no marker event, so it never goes.
 *
 * The control event records nothing and is in every instance, like any
 * event: a user may turn it on (writing 1 to events/enable turns on every
 * event, and trace-cmd -e all does).  Only the task that asked runs the
 * function; turned on by a user, it runs as the event turns off, which
 * is then turned on again.  perf cannot open it.
 *
 * What the trace core's own turns cannot get past is soft mode: a trigger
 * on the control event (or an enable_event trigger or an eprobe aimed at
 * it) keeps it on, and then neither turn calls reg().  The request fails
 * then, with -EBUSY, until that trigger goes.  And since the module's
 * events could not be removed while it is held so, every file of the
 * control event that is on, anywhere, holds a reference on the module:
 * it cannot be unloaded with its events left behind.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/trace_events.h>

#include "internal.h"

#define MARKER_CONTROL_SYSTEM	"marker_compat"
#define MARKER_CONTROL_EVENT	"control"

/*
 * Serialises the requests: the outermost lock of marker_events_locked(),
 * above event_mutex (the table at markers_mutex in internal.h).
 */
static DEFINE_MUTEX(marker_control_mutex);

/* The request, set under marker_control_mutex. */
static struct task_struct *marker_control_task;
static int (*marker_control_fn)(void *arg);
static void *marker_control_arg;
static int marker_control_ret;
/* The function ran; as the control event turned off. */
static bool marker_control_ran, marker_control_ran_off;

static int marker_control_reg(struct trace_event_call *call,
			      enum trace_reg type, void *data)
{
	switch (type) {
	case TRACE_REG_REGISTER:
	case TRACE_REG_UNREGISTER:
		/*
		 * The file is on from here to its UNREGISTER, which the
		 * trace core calls on every way off (a user, a trigger's
		 * removal, the instance's removal).  Unconditionally: the
		 * module's own exit turns it too.
		 */
		if (type == TRACE_REG_REGISTER)
			__module_get(THIS_MODULE);
		else
			module_put(THIS_MODULE);
		/* A user's on and off, or a request already served. */
		if (READ_ONCE(marker_control_task) != current ||
		    marker_control_ran)
			return 0;
		marker_control_ret = marker_control_fn(marker_control_arg);
		marker_control_ran = true;
		marker_control_ran_off = type == TRACE_REG_UNREGISTER;
		return 0;
	default:
		/* perf: nothing to record. */
		return -EOPNOTSUPP;
	}
}

static struct trace_event_fields marker_control_fields[] = {
	{}
};

/* register_trace_event() fills in the output functions it is not given. */
static struct trace_event_functions marker_control_funcs;

static struct trace_event_class marker_control_class = {
	.system		= MARKER_CONTROL_SYSTEM,
	.fields_array	= marker_control_fields,
	.fields		= LIST_HEAD_INIT(marker_control_class.fields),
	.raw_init	= trace_event_raw_init,
	.reg		= marker_control_reg,
};

static struct trace_event_call marker_control_call = {
	.class		= &marker_control_class,
	.name		= MARKER_CONTROL_EVENT,
	.event.funcs	= &marker_control_funcs,
	.print_fmt	= "\"\"",
};

/* What the trace core looks for, as TRACE_EVENT() writes it. */
static struct trace_event_call *marker_control_event
	__used __section("_ftrace_events") = &marker_control_call;

/* Turn the top instance's control event on (1) or off (0). */
static int marker_control_turn(int on)
{
	return trace_set_clr_event(MARKER_CONTROL_SYSTEM, MARKER_CONTROL_EVENT,
				   on);
}

/**
 * marker_events_locked - run a function under the trace core's event_mutex
 * @fn: the function; it may add and remove trace events, never the
 *	trace core's locks, and must not sleep for long
 * @arg: its argument
 *
 * Process context, with no lock of the trace core held: takes
 * marker_control_mutex, then event_mutex (through trace_set_clr_event()).
 *
 * Return: what @fn returned; else, @fn not run, -EBUSY if the control
 * event is held on by a trigger (the top of the file), or the error of
 * trace_set_clr_event() (-ENODEV: tracing is not initialised; -EINVAL:
 * the trace core has no control event, for a module with a taint it
 * refuses events to).
 */
int marker_events_locked(int (*fn)(void *arg), void *arg)
{
	int ret;

	mutex_lock(&marker_control_mutex);
	marker_control_fn = fn;
	marker_control_arg = arg;
	marker_control_ran = false;
	marker_control_ran_off = false;
	WRITE_ONCE(marker_control_task, current);

	ret = marker_control_turn(1);
	if (!ret)
		ret = marker_control_turn(0);
	/* A user had it on: the function ran as it turned off.  Back on. */
	if (marker_control_ran_off)
		marker_control_turn(1);
	WRITE_ONCE(marker_control_task, NULL);
	if (marker_control_ran) {
		ret = marker_control_ret;
	} else if (!ret) {
		pr_warn_ratelimited("%s:%s is held by a trigger: trace events cannot be added or removed\n",
				    MARKER_CONTROL_SYSTEM, MARKER_CONTROL_EVENT);
		ret = -EBUSY;
	}
	mutex_unlock(&marker_control_mutex);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(marker_events_locked);

/**
 * marker_events_assert_locked - the caller runs under marker_events_locked()
 */
void marker_events_assert_locked(void)
{
	lockdep_assert_held(&marker_control_mutex);
}
EXPORT_SYMBOL_IF_KUNIT(marker_events_assert_locked);
