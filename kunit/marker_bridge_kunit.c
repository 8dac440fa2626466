// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the marker -> tracepoint bridge (trace_mark_tp()).
 *
 * Every count of registered callbacks is read from the kernel's own
 * tracepoint state (the probe array of struct tracepoint), not from the
 * bridge's bookkeeping.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <trace/events/sched.h>

#include <compat/marker.h>
#include <compat/marker_debug.h>
#include <compat/tracepoint.h>
#include <compat/tracepoint_read.h>
#include <virt/example.h>
#include <virt/tracepoints.h>

#include "marker_bridge_bulk.h"
#include "marker_kunit.h"

static unsigned int mk_bulk_callbacks(void)
{
	unsigned int i, nr = 0;

	for (i = 0; i < MARKER_BULK_NR_TP; i++)
		nr += compat_tp_callbacks(marker_bulk_tps[i]);
	return nr;
}

static unsigned int mk_virt_callbacks(void)
{
	return compat_tp_callbacks(&__tracepoint_virt_vcpu_load) +
	       compat_tp_callbacks(&__tracepoint_virt_vcpu_put) +
	       compat_tp_callbacks(&__tracepoint_virt_entry) +
	       compat_tp_callbacks(&__tracepoint_virt_exit);
}

#define MK_REC_MAX_EVENTS	16
#define MK_REC_MAX_FIELDS	6

/* What a probe saw: each event's fields, decoded with the event's format. */
struct mk_recorder {
	spinlock_t lock;	/* probes may run on several CPUs at once */
	unsigned int nr;
	unsigned int nr_fields[MK_REC_MAX_EVENTS];
	u64 fields[MK_REC_MAX_EVENTS][MK_REC_MAX_FIELDS];
	unsigned int bad_format;
};

/*
 * Decode the arguments as a marker consumer does: walk the format and
 * take each conversion's C type off the va_list.  Covers what the
 * formats of these tests use: d, u, x with no, l or ll length.
 */
static unsigned int mk_decode(const char *fmt, va_list *args, u64 *out,
			      unsigned int max, bool *bad)
{
	unsigned int n = 0;
	int longs;

	for (; *fmt; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		for (longs = 0; *fmt == 'l'; fmt++)
			longs++;
		if (n == max) {
			*bad = true;
			return n;
		}
		switch (*fmt) {
		case 'd':
			out[n++] = longs == 2 ? (u64)va_arg(*args, long long) :
				   longs == 1 ? (u64)va_arg(*args, long) :
				   (u64)va_arg(*args, int);
			break;
		case 'u':
		case 'x':
			out[n++] = longs == 2 ? va_arg(*args, unsigned long long) :
				   longs == 1 ? va_arg(*args, unsigned long) :
				   va_arg(*args, unsigned int);
			break;
		default:
			*bad = true;
			return n;
		}
	}
	return n;
}

static void mk_record_probe(void *probe_private, void *call_private,
			    const char *fmt, va_list *args)
{
	struct mk_recorder *rec = probe_private;
	u64 fields[MK_REC_MAX_FIELDS];
	bool bad = false;
	unsigned int n;

	n = mk_decode(fmt, args, fields, MK_REC_MAX_FIELDS, &bad);
	spin_lock(&rec->lock);
	if (bad)
		rec->bad_format++;
	if (rec->nr < MK_REC_MAX_EVENTS) {
		rec->nr_fields[rec->nr] = n;
		memcpy(rec->fields[rec->nr], fields, n * sizeof(u64));
	}
	rec->nr++;
	spin_unlock(&rec->lock);
}

/*
 * A recorder, whose probe comes off every marker when the test ends,
 * before the recorder is freed.
 */
static struct mk_recorder *mk_recorder_new(struct kunit *test)
{
	struct mk_recorder *rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rec);
	spin_lock_init(&rec->lock);
	KUNIT_ASSERT_EQ(test, mk_unregister_at_end(test, NULL, mk_record_probe,
						   rec), 0);
	return rec;
}

static const struct virt_exit_plan mk_virt_plan[] = {
	{ .reason = 30, .guest_rip = 0xffffffff81000000ULL },
	{ .reason = 1, .guest_rip = 0x401000 },
	{ .reason = 48, .guest_rip = 0x7fffdeadbeefULL },
};

/* Nothing is registered on a bridged tracepoint until a marker is armed. */
static void marker_bridge_idle_registers_nothing(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mk_virt_callbacks(), 0U);
	KUNIT_EXPECT_EQ(test, mk_bulk_callbacks(), 0U);
}

/* Tracepoint fired with known arguments: the probe gets exactly those. */
static void marker_bridge_values_end_to_end(struct kunit *test)
{
	struct virt_vcpu vcpu = { .vcpu_id = 3, .vm_id = 42 };
	struct mk_recorder *rec = mk_recorder_new(test);
	unsigned int i;
	int ret;

	ret = marker_probe_register("virt_exit", VIRT_MARK_EXIT_FORMAT,
				    mk_record_probe, rec);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(&__tracepoint_virt_exit), 1U);
	KUNIT_EXPECT_EQ(test, mk_virt_callbacks(), 1U);

	virt_example_run(&vcpu, 1, mk_virt_plan, ARRAY_SIZE(mk_virt_plan));

	KUNIT_EXPECT_EQ(test, marker_probe_unregister("virt_exit",
						      mk_record_probe, rec), 0);
	marker_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, mk_virt_callbacks(), 0U);

	KUNIT_EXPECT_EQ(test, rec->bad_format, 0U);
	KUNIT_ASSERT_EQ(test, rec->nr, (unsigned int)ARRAY_SIZE(mk_virt_plan));
	for (i = 0; i < ARRAY_SIZE(mk_virt_plan); i++) {
		KUNIT_ASSERT_EQ(test, rec->nr_fields[i], 4U);
		KUNIT_EXPECT_EQ(test, rec->fields[i][0], 42ULL);
		KUNIT_EXPECT_EQ(test, rec->fields[i][1], 3ULL);
		KUNIT_EXPECT_EQ(test, rec->fields[i][2],
				(u64)mk_virt_plan[i].reason);
		KUNIT_EXPECT_EQ(test, rec->fields[i][3],
				mk_virt_plan[i].guest_rip);
	}

	/* Disarmed: the tracepoint fires into nothing. */
	virt_example_run(&vcpu, 1, mk_virt_plan, ARRAY_SIZE(mk_virt_plan));
	KUNIT_EXPECT_EQ(test, rec->nr, (unsigned int)ARRAY_SIZE(mk_virt_plan));
}

/* Each marker arms its own tracepoint, and only that one. */
static void marker_bridge_each_marker_its_tracepoint(struct kunit *test)
{
	struct virt_vcpu vcpu = { .vcpu_id = 1, .vm_id = 7 };
	struct mk_recorder *load = mk_recorder_new(test);
	struct mk_recorder *put = mk_recorder_new(test);

	KUNIT_ASSERT_EQ(test, marker_probe_register("virt_vcpu_load", NULL,
						    mk_record_probe, load), 0);
	KUNIT_EXPECT_EQ(test,
			compat_tp_callbacks(&__tracepoint_virt_vcpu_load), 1U);
	KUNIT_EXPECT_EQ(test, mk_virt_callbacks(), 1U);
	KUNIT_ASSERT_EQ(test, marker_probe_register("virt_vcpu_put", NULL,
						    mk_record_probe, put), 0);
	KUNIT_EXPECT_EQ(test,
			compat_tp_callbacks(&__tracepoint_virt_vcpu_put), 1U);
	KUNIT_EXPECT_EQ(test, mk_virt_callbacks(), 2U);

	virt_example_run(&vcpu, 2, mk_virt_plan, ARRAY_SIZE(mk_virt_plan));

	KUNIT_EXPECT_EQ(test, marker_probe_unregister("virt_vcpu_load",
						      mk_record_probe, load),
			0);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister("virt_vcpu_put",
						      mk_record_probe, put),
			0);
	marker_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, mk_virt_callbacks(), 0U);

	KUNIT_ASSERT_EQ(test, load->nr, 1U);
	KUNIT_EXPECT_EQ(test, load->fields[0][0], 7ULL);
	KUNIT_EXPECT_EQ(test, load->fields[0][1], 1ULL);
	KUNIT_EXPECT_EQ(test, load->fields[0][2], 2ULL);
	KUNIT_ASSERT_EQ(test, put->nr, 1U);
	KUNIT_EXPECT_EQ(test, put->fields[0][2],
			(u64)ARRAY_SIZE(mk_virt_plan));
}

/*
 * Two markers on one callback, and two probes on one marker: the
 * callback is registered once, and stays until the last of them goes.
 */
static void marker_bridge_refcounts_shared_callback(struct kunit *test)
{
	struct tracepoint *tp = marker_bulk_tps[7];
	struct mk_recorder *a = mk_recorder_new(test);
	struct mk_recorder *b = mk_recorder_new(test);

	KUNIT_ASSERT_EQ(test, marker_probe_register("marker_bulk_7_3", NULL,
						    mk_record_probe, a), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 1U);
	KUNIT_ASSERT_EQ(test, marker_probe_register("marker_bulk_7_3", NULL,
						    mk_record_probe, b), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 1U);
	KUNIT_ASSERT_EQ(test, marker_probe_register("marker_bulk_7_4", NULL,
						    mk_record_probe, a), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 1U);
	KUNIT_EXPECT_EQ(test, mk_bulk_callbacks(), 1U);

	marker_bulk_fire(7, 99);
	KUNIT_EXPECT_EQ(test, a->nr, 2U);	/* 7_3 and 7_4 */
	KUNIT_EXPECT_EQ(test, b->nr, 1U);	/* 7_3 */
	KUNIT_EXPECT_EQ(test, b->fields[0][0], 7ULL);
	KUNIT_EXPECT_EQ(test, b->fields[0][1], 3ULL);
	KUNIT_EXPECT_EQ(test, b->fields[0][2], 99ULL);

	KUNIT_EXPECT_EQ(test, marker_probe_unregister("marker_bulk_7_3",
						      mk_record_probe, a), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 1U);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister("marker_bulk_7_3",
						      mk_record_probe, b), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 1U);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister("marker_bulk_7_4",
						      mk_record_probe, a), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 0U);
	marker_synchronize_unregister();

	marker_bulk_fire(7, 100);
	KUNIT_EXPECT_EQ(test, a->nr, 2U);
	KUNIT_EXPECT_EQ(test, b->nr, 1U);
}

/*
 * A tap (a debugfs hit counter) on a bridged site registers the callback
 * as a probe does, and the two share it: it comes off with the last.
 */
static void marker_bridge_tap_shares_callback(struct kunit *test)
{
	struct tracepoint *tp = marker_bulk_tps[7];
	struct mk_recorder *a = mk_recorder_new(test);
	struct mk_recorder *b = mk_recorder_new(test);

	/* mk_recorder_new() cleans up probes only: the tap, by name. */
	KUNIT_ASSERT_EQ(test, mk_unregister_at_end(test, "marker_bulk_7_3",
						   mk_record_probe, a), 0);
	KUNIT_ASSERT_EQ(test, marker_tap_register("marker_bulk_7_3",
						  mk_record_probe, a), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 1U);
	KUNIT_ASSERT_EQ(test, marker_probe_register("marker_bulk_7_3", NULL,
						    mk_record_probe, b), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 1U);
	KUNIT_EXPECT_EQ(test, mk_bulk_callbacks(), 1U);

	marker_bulk_fire(7, 5);
	KUNIT_EXPECT_EQ(test, a->nr, 1U);
	KUNIT_EXPECT_EQ(test, b->nr, 1U);

	KUNIT_EXPECT_EQ(test, marker_tap_unregister("marker_bulk_7_3",
						    mk_record_probe, a), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 1U);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister("marker_bulk_7_3",
						      mk_record_probe, b), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 0U);
	marker_synchronize_unregister();

	/* And the other way round. */
	KUNIT_ASSERT_EQ(test, marker_probe_register("marker_bulk_7_3", NULL,
						    mk_record_probe, b), 0);
	KUNIT_ASSERT_EQ(test, marker_tap_register("marker_bulk_7_3",
						  mk_record_probe, a), 0);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister("marker_bulk_7_3",
						      mk_record_probe, b), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 1U);
	marker_bulk_fire(7, 6);
	KUNIT_EXPECT_EQ(test, a->nr, 2U);
	KUNIT_EXPECT_EQ(test, a->fields[1][2], 6ULL);
	KUNIT_EXPECT_EQ(test, marker_tap_unregister("marker_bulk_7_3",
						    mk_record_probe, a), 0);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(tp), 0U);
	marker_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, b->nr, 1U);
}

/* 1,000 markers over 100 tracepoints: arming one registers exactly one. */
static void marker_bridge_per_marker_not_bulk(struct kunit *test)
{
	struct mk_recorder *rec = mk_recorder_new(test);
	unsigned int i;

	KUNIT_EXPECT_EQ(test, mk_bulk_callbacks(), 0U);
	KUNIT_ASSERT_EQ(test, marker_probe_register("marker_bulk_42_9",
						    "tp %d marker %d v %d",
						    mk_record_probe, rec), 0);
	KUNIT_EXPECT_EQ(test, mk_bulk_callbacks(), 1U);
	KUNIT_EXPECT_EQ(test, compat_tp_callbacks(marker_bulk_tps[42]), 1U);

	for (i = 0; i < MARKER_BULK_NR_TP; i++)
		marker_bulk_fire(i, i);
	KUNIT_EXPECT_EQ(test, rec->nr, 1U);
	KUNIT_EXPECT_EQ(test, rec->fields[0][0], 42ULL);
	KUNIT_EXPECT_EQ(test, rec->fields[0][1], 9ULL);

	KUNIT_EXPECT_EQ(test, marker_probe_unregister("marker_bulk_42_9",
						      mk_record_probe, rec), 0);
	marker_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, mk_bulk_callbacks(), 0U);
}

/*
 * A format the bridged site does not have arms nothing: the registration
 * succeeds (the historic first-registration rule), the site is reported
 * and stays disarmed, so no callback is registered.
 */
static void marker_bridge_format_mismatch_registers_nothing(struct kunit *test)
{
	struct mk_recorder *rec = mk_recorder_new(test);

	KUNIT_EXPECT_EQ(test, marker_probe_register("virt_exit", "vcpu %p",
						    mk_record_probe, rec),
			0);
	KUNIT_EXPECT_EQ(test, mk_virt_callbacks(), 0U);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister("virt_exit",
						      mk_record_probe, rec), 0);
	marker_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, mk_virt_callbacks(), 0U);
}

/*
 * A tracepoint this kernel does not have (yet): declared here so the
 * callbacks type-check, defined nowhere, as a tracepoint of a module not
 * loaded.
 */
COMPAT_DECLARE_TRACE(marker_kunit_absent,
		     TP_PROTO(int v),
		     TP_ARGS(v));

static void __used marker_kunit_absent_cb(void *data, int v)
{
	trace_mark_tp(marker_kunit_absent, marker_kunit_absent,
		      marker_kunit_absent_cb, "v %d", v);
}

/* marker_kunit_mixed: a plain site, and a bridged one on the absent tp. */
static void __used marker_kunit_mixed_cb(void *data, int v)
{
	trace_mark_tp(marker_kunit_mixed, marker_kunit_absent,
		      marker_kunit_mixed_cb, "v %d", v);
}

static noinline void mk_fire_mixed_plain(int v)
{
	trace_mark(marker_kunit_mixed, "v %d", v);
}

/*
 * Registering before the tracepoint's module is loaded is registering
 * before the site's module is: it succeeds, and the site is armed and
 * waits for its tracepoint.
 */
static void marker_bridge_unknown_tracepoint(struct kunit *test)
{
	struct mk_recorder *rec = mk_recorder_new(test);
	struct marker *site;
	struct mk_sites s;

	mk_find_sites("marker_kunit_absent", &s);
	KUNIT_ASSERT_EQ(test, s.nr, 1U);
	site = s.site[0];
	KUNIT_EXPECT_EQ(test, marker_probe_register("marker_kunit_absent",
						    NULL, mk_record_probe, rec),
			0);
	KUNIT_EXPECT_PTR_EQ(test, marker_get_private_data("marker_kunit_absent",
							  mk_record_probe, 0),
			    (void *)rec);
	KUNIT_EXPECT_EQ(test, marker_site_probes(site), 1U);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister("marker_kunit_absent",
						      mk_record_probe, rec),
			0);
	marker_synchronize_unregister();
	KUNIT_EXPECT_EQ(test, marker_site_probes(site), 0U);
	KUNIT_EXPECT_FALSE(test, static_key_enabled(&site->tp.key));
}

/* A bridged site waiting for its tracepoint does not hold back the others. */
static void marker_bridge_absent_with_plain_site(struct kunit *test)
{
	struct mk_recorder *rec = mk_recorder_new(test);
	struct mk_sites s;
	unsigned int i;

	mk_find_sites("marker_kunit_mixed", &s);
	KUNIT_ASSERT_EQ(test, s.nr, 2U);
	KUNIT_ASSERT_EQ(test, marker_probe_register("marker_kunit_mixed",
						    "v %d", mk_record_probe,
						    rec), 0);
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, marker_site_probes(s.site[i]), 1U);
	mk_fire_mixed_plain(7);
	KUNIT_EXPECT_EQ(test, rec->nr, 1U);
	KUNIT_EXPECT_EQ(test, rec->fields[0][0], 7ULL);
	KUNIT_EXPECT_EQ(test, marker_probe_unregister("marker_kunit_mixed",
						      mk_record_probe, rec), 0);
	marker_synchronize_unregister();
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, marker_site_probes(s.site[i]), 0U);
}

/*
 * marker_kunit_busy: a plain site, and a bridged one whose callback
 * someone else registered on its tracepoint first, so arming fails.
 */
COMPAT_DECLARE_TRACE(marker_kunit_busy_tp,
		     TP_PROTO(int v),
		     TP_ARGS(v));
COMPAT_DEFINE_TRACE(marker_kunit_busy_tp,
		    TP_PROTO(int v),
		    TP_ARGS(v));

static void __used marker_kunit_busy_cb(void *data, int v)
{
	trace_mark_tp(marker_kunit_busy, marker_kunit_busy_tp,
		      marker_kunit_busy_cb, "v %d", v);
}

static noinline void mk_fire_busy_plain(int v)
{
	trace_mark(marker_kunit_busy, "v %d", v);
}

/*
 * A registration that fails has armed and disarmed the sites before the
 * one that failed; the caller frees its private data on the error, so a
 * grace period must have passed when it returns.
 */
static void marker_bridge_failed_registration_waits(struct kunit *test)
{
	struct mk_recorder *rec = mk_recorder_new(test);
	unsigned long cookie;
	struct mk_sites s;
	unsigned int i;
	int ret;

	mk_find_sites("marker_kunit_busy", &s);
	KUNIT_ASSERT_EQ(test, s.nr, 2U);
	ret = register_trace_marker_kunit_busy_tp(marker_kunit_busy_cb, NULL);
	KUNIT_ASSERT_EQ(test, ret, 0);

	cookie = get_state_synchronize_rcu();
	KUNIT_EXPECT_EQ(test, marker_probe_register("marker_kunit_busy", "v %d",
						    mk_record_probe, rec),
			-EBUSY);
	KUNIT_EXPECT_TRUE_MSG(test, poll_state_synchronize_rcu(cookie),
			      "returned before a grace period");
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, marker_site_probes(s.site[i]), 0U);
	mk_fire_busy_plain(1);
	KUNIT_EXPECT_EQ(test, rec->nr, 0U);

	unregister_trace_marker_kunit_busy_tp(marker_kunit_busy_cb, NULL);
	tracepoint_synchronize_unregister();
}

/*
 * Legacy bridge code: callbacks as LTTng 0.x probes wrote them, one
 * static and one global, neither declared __used.  The site keeps its
 * callback (compat/marker.h): both compile and both fire once armed.
 */
COMPAT_DECLARE_TRACE(marker_kunit_legacy_tp,
		     TP_PROTO(int v),
		     TP_ARGS(v));
COMPAT_DEFINE_TRACE(marker_kunit_legacy_tp,
		    TP_PROTO(int v),
		    TP_ARGS(v));

static void marker_kunit_static_cb(void *data, int v)
{
	trace_mark_tp(marker_kunit_static, marker_kunit_legacy_tp,
		      marker_kunit_static_cb, "v %d", v);
}

void marker_kunit_global_cb(void *data, int v);
void marker_kunit_global_cb(void *data, int v)
{
	trace_mark_tp(marker_kunit_global, marker_kunit_legacy_tp,
		      marker_kunit_global_cb, "v %d", v);
}

static void marker_bridge_legacy_callbacks(struct kunit *test)
{
	static const char * const names[] = { "marker_kunit_static",
					      "marker_kunit_global" };
	struct mk_recorder *rec = mk_recorder_new(test);
	struct mk_sites s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		mk_find_sites(names[i], &s);
		KUNIT_EXPECT_EQ_MSG(test, s.nr, 1U, "%s", names[i]);
		KUNIT_ASSERT_EQ(test, marker_probe_register(names[i], "v %d",
							    mk_record_probe,
							    rec), 0);
		trace_marker_kunit_legacy_tp(40 + i);
		KUNIT_EXPECT_EQ(test, marker_probe_unregister(names[i],
							      mk_record_probe,
							      rec), 0);
		marker_synchronize_unregister();
		KUNIT_ASSERT_EQ_MSG(test, rec->nr, i + 1, "%s", names[i]);
		KUNIT_EXPECT_EQ(test, rec->fields[i][0], 40ULL + i);
	}
	trace_marker_kunit_legacy_tp(50);
	KUNIT_EXPECT_EQ(test, rec->nr, 2U);
}

/* Bridging onto one of the running kernel's own tracepoints. */
struct mk_sched_rec {
	atomic_t events;
	atomic_t bad_pid;
	atomic_t saw_current;
	pid_t pid;
};

static void __used marker_kunit_sched_switch(void *data, bool preempt,
					     struct task_struct *prev,
					     struct task_struct *next,
					     unsigned int prev_state)
{
	trace_mark_tp(marker_kunit_sched_switch, sched_switch,
		      marker_kunit_sched_switch,
		      "prev_pid %d next_pid %d prev_state %u",
		      prev->pid, next->pid, prev_state);
}

static void mk_sched_probe(void *probe_private, void *call_private,
			   const char *fmt, va_list *args)
{
	struct mk_sched_rec *rec = probe_private;
	int prev_pid = va_arg(*args, int);
	int next_pid = va_arg(*args, int);

	atomic_inc(&rec->events);
	if (prev_pid < 0 || next_pid < 0 || prev_pid > PID_MAX_LIMIT ||
	    next_pid > PID_MAX_LIMIT)
		atomic_inc(&rec->bad_pid);
	if (prev_pid == rec->pid || next_pid == rec->pid)
		atomic_inc(&rec->saw_current);
}

static void marker_bridge_kernel_tracepoint(struct kunit *test)
{
	struct mk_sched_rec *rec;
	int events, ret;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rec);
	rec->pid = current->pid;
	KUNIT_ASSERT_EQ(test, marker_probe_register("marker_kunit_sched_switch",
						    NULL, mk_sched_probe, rec),
			0);
	msleep(20);
	msleep(20);
	ret = marker_probe_unregister("marker_kunit_sched_switch",
				      mk_sched_probe, rec);
	KUNIT_EXPECT_EQ(test, ret, 0);
	marker_synchronize_unregister();

	events = atomic_read(&rec->events);
	KUNIT_EXPECT_GT(test, events, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->bad_pid), 0);
	/* Sleeping switched this task out at least twice. */
	KUNIT_EXPECT_GE(test, atomic_read(&rec->saw_current), 2);

	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&rec->events), events);
}

static struct kunit_case marker_bridge_cases[] = {
	KUNIT_CASE(marker_bridge_idle_registers_nothing),
	KUNIT_CASE(marker_bridge_values_end_to_end),
	KUNIT_CASE(marker_bridge_each_marker_its_tracepoint),
	KUNIT_CASE(marker_bridge_refcounts_shared_callback),
	KUNIT_CASE(marker_bridge_tap_shares_callback),
	KUNIT_CASE(marker_bridge_per_marker_not_bulk),
	KUNIT_CASE(marker_bridge_format_mismatch_registers_nothing),
	KUNIT_CASE(marker_bridge_unknown_tracepoint),
	KUNIT_CASE(marker_bridge_absent_with_plain_site),
	KUNIT_CASE(marker_bridge_failed_registration_waits),
	KUNIT_CASE(marker_bridge_legacy_callbacks),
	KUNIT_CASE(marker_bridge_kernel_tracepoint),
	{}
};

static struct kunit_suite marker_bridge_suite = {
	.name = "marker_bridge",
	.test_cases = marker_bridge_cases,
};

kunit_test_suite(marker_bridge_suite);
