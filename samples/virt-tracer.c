// SPDX-License-Identifier: GPL-2.0
/*
 * virt-tracer.c - an old-style marker consumer on typed central tracepoints
 *
 * Connects format-string marker probes to the markers of the example
 * virtualisation subsystem (tracepoints/virt_markers.c), which
 * trace_mark_tp() bridges onto the typed tracepoints of
 * <virt/tracepoints.h>, and prints every event it receives.
 * Parameters, in /sys/module/virt_tracer/parameters/:
 *
 *   arm_exit (0/1)        connect (1) or disconnect (0) the virt_exit probe
 *   arm_vcpu_load (0/1)   the same for virt_vcpu_load
 *   run (write N)         run the example vCPU through N planned exits:
 *                         exit k (1 ... N) has reason k and guest RIP
 *                         0xffffffff81000000 + 0x10 * k
 *   callbacks (read)      callbacks registered on the virt_exit tracepoint,
 *                         read from the kernel tracepoint core's own array
 *
 * Loading the module registers nothing.  Arming virt_exit registers
 * exactly one callback, the bridge of virt_exit, on exactly one
 * tracepoint; disarming it removes it again.
 */
#define pr_fmt(fmt) "virt-tracer: " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/smp.h>

#include <compat/marker.h>
#include <compat/tracepoint_read.h>
#include <virt/example.h>
#include <virt/tracepoints.h>

#define VT_VM_ID	1
#define VT_VCPU_ID	2
#define VT_RIP_BASE	0xffffffff81000000ULL
#define VT_MAX_EXITS	16

/**
 * struct vt_marker - a marker this module can connect a probe to
 * @name: marker name
 * @format: the marker's format, as declared by its trace_mark_tp() site
 * @probe: the probe, reading the arguments in the order of @format
 * @armed: the probe is connected (or, before module init, requested)
 */
struct vt_marker {
	const char *name;
	const char *format;
	marker_probe_func *probe;
	bool armed;
};

/* Serialises arming, disarming and runs; @vt_live says init has run. */
static DEFINE_MUTEX(vt_lock);
static bool vt_live;

static struct virt_vcpu vt_vcpu = {
	.vm_id = VT_VM_ID,
	.vcpu_id = VT_VCPU_ID,
};

static void vt_probe_exit(void *probe_private, void *call_private,
			  const char *fmt, va_list *args)
{
	unsigned int vm_id = va_arg(*args, unsigned int);
	unsigned int vcpu_id = va_arg(*args, unsigned int);
	unsigned int reason = va_arg(*args, unsigned int);
	unsigned long long rip = va_arg(*args, unsigned long long);

	pr_info("virt_exit: " VIRT_MARK_EXIT_FORMAT "\n",
		vm_id, vcpu_id, reason, rip);
}

static void vt_probe_vcpu_load(void *probe_private, void *call_private,
			       const char *fmt, va_list *args)
{
	unsigned int vm_id = va_arg(*args, unsigned int);
	unsigned int vcpu_id = va_arg(*args, unsigned int);
	int cpu = va_arg(*args, int);

	pr_info("virt_vcpu_load: " VIRT_MARK_VCPU_LOAD_FORMAT "\n",
		vm_id, vcpu_id, cpu);
}

/* The formats are the stable contract of tracepoints/virt_markers.c. */
static struct vt_marker vt_markers[] = {
	{
		.name = "virt_exit",
		.format = VIRT_MARK_EXIT_FORMAT,
		.probe = vt_probe_exit,
	},
	{
		.name = "virt_vcpu_load",
		.format = VIRT_MARK_VCPU_LOAD_FORMAT,
		.probe = vt_probe_vcpu_load,
	},
};

/* Connect or disconnect @m's probe; called with vt_lock held. */
static int vt_arm(struct vt_marker *m, bool arm)
{
	int ret;

	lockdep_assert_held(&vt_lock);
	if (arm == m->armed)
		return 0;
	if (arm) {
		ret = marker_probe_register(m->name, m->format, m->probe, m);
		if (ret) {
			pr_err("cannot connect a probe to %s: %d\n", m->name,
			       ret);
			return ret;
		}
	} else {
		ret = marker_probe_unregister(m->name, m->probe, m);
		if (ret)
			pr_err("cannot disconnect the probe of %s: %d\n",
			       m->name, ret);
		marker_synchronize_unregister();
	}
	m->armed = arm;
	pr_info("%s %s\n", arm ? "connected to" : "disconnected from",
		m->name);
	return 0;
}

static int vt_arm_set(const char *val, const struct kernel_param *kp)
{
	struct vt_marker *m = kp->arg;
	bool arm;
	int ret;

	ret = kstrtobool(val, &arm);
	if (ret)
		return ret;
	mutex_lock(&vt_lock);
	/* An insmod argument, parsed before init: init connects it. */
	if (!vt_live)
		m->armed = arm;
	else
		ret = vt_arm(m, arm);
	mutex_unlock(&vt_lock);
	return ret;
}

static int vt_arm_get(char *buffer, const struct kernel_param *kp)
{
	const struct vt_marker *m = kp->arg;

	return sysfs_emit(buffer, "%d\n", READ_ONCE(m->armed));
}

static const struct kernel_param_ops vt_arm_ops = {
	.set = vt_arm_set,
	.get = vt_arm_get,
};

module_param_cb(arm_exit, &vt_arm_ops, &vt_markers[0], 0644);
MODULE_PARM_DESC(arm_exit, "Connect (1) or disconnect (0) the virt_exit probe");
module_param_cb(arm_vcpu_load, &vt_arm_ops, &vt_markers[1], 0644);
MODULE_PARM_DESC(arm_vcpu_load,
		 "Connect (1) or disconnect (0) the virt_vcpu_load probe");

static int vt_run_set(const char *val, const struct kernel_param *kp)
{
	struct virt_exit_plan *plan;
	unsigned int nr, k;
	int cpu, ret;

	ret = kstrtouint(val, 0, &nr);
	if (ret)
		return ret;
	if (!nr || nr > VT_MAX_EXITS)
		return -EINVAL;
	plan = kcalloc(nr, sizeof(*plan), GFP_KERNEL);
	if (!plan)
		return -ENOMEM;
	for (k = 1; k <= nr; k++) {
		plan[k - 1].reason = k;
		plan[k - 1].guest_rip = VT_RIP_BASE + 0x10 * k;
	}

	mutex_lock(&vt_lock);
	cpu = get_cpu();
	virt_example_run(&vt_vcpu, cpu, plan, nr);
	put_cpu();
	mutex_unlock(&vt_lock);

	kfree(plan);
	return 0;
}

static const struct kernel_param_ops vt_run_ops = {
	.set = vt_run_set,
};

module_param_cb(run, &vt_run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "Run the example vCPU through this many planned exits");

static int vt_callbacks_get(char *buffer, const struct kernel_param *kp)
{
	return sysfs_emit(buffer, "%u\n",
			  compat_tp_callbacks(&__tracepoint_virt_exit));
}

static const struct kernel_param_ops vt_callbacks_ops = {
	.get = vt_callbacks_get,
};

module_param_cb(callbacks, &vt_callbacks_ops, NULL, 0444);
MODULE_PARM_DESC(callbacks,
		 "Callbacks the tracepoint core has registered on virt_exit");

static void vt_disarm_all(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vt_markers); i++)
		vt_arm(&vt_markers[i], false);
}

static int __init vt_init(void)
{
	bool want;
	int i, ret = 0;

	mutex_lock(&vt_lock);
	for (i = 0; i < ARRAY_SIZE(vt_markers); i++) {
		want = vt_markers[i].armed;
		vt_markers[i].armed = false;
		if (want) {
			ret = vt_arm(&vt_markers[i], true);
			if (ret)
				break;
		}
	}
	if (ret) {
		/* Forget the requests not yet applied, then undo the rest. */
		while (++i < ARRAY_SIZE(vt_markers))
			vt_markers[i].armed = false;
		vt_disarm_all();
	} else {
		vt_live = true;
	}
	mutex_unlock(&vt_lock);
	return ret;
}

static void __exit vt_exit(void)
{
	mutex_lock(&vt_lock);
	vt_live = false;
	vt_disarm_all();
	mutex_unlock(&vt_lock);
}

module_init(vt_init);
module_exit(vt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Marker consumer of the example subsystem's central tracepoints");
