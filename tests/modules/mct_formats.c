// SPDX-License-Identifier: GPL-2.0
/*
 * Marker sites whose formats the trace core's printing used to trip on,
 * for the guest tests of marker events (markers:<name>):
 *
 *   mct_z       "len %Zu": the old size_t spelling, printed as %zu
 *               (vsnprintf() WARNs on %Z and stops the line there);
 *   mct_kw      "default %d": a field named by a C keyword (default_val);
 *   mct_pct     "%d%%s": a literal "%s" after a conversion (6.1's
 *               trace_check_vprintf() took it for a %s);
 *   mct_efault  "s %s" with an ERR_PTR(): recorded as "(efault)".
 *
 * Parameter:
 *   fire   (write N) run every site N times
 */
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include <compat/marker.h>

#include "mct_fire.h"

/*
 * checkpatch flags %Z in a string literal (PRINTF_Z); here it is the
 * spelling under test, so it is spelled through this.
 */
#define MCT_OLD_Z	"Z"

static noinline void mct_fire_z(void)
{
	/*
	 * trace_mark() checks its format like printf (__printf).  %Z was
	 * never ISO C, only an old glibc spelling of %z: gcc 12 accepts it
	 * under W=1, but stricter format checking flags it.  It is what
	 * the legacy code this shim serves wrote for size_t, and what this
	 * site tests, so format warnings are off for this one call.
	 */
	__diag_push();
	__diag_ignore_all("-Wformat", "legacy %Z spelling under test");
	trace_mark(mct_z, "len %" MCT_OLD_Z "u", (size_t)5);
	__diag_pop();
}

static noinline void mct_fire_kw(void)
{
	trace_mark(mct_kw, "default %d", 1);
}

static noinline void mct_fire_pct(void)
{
	trace_mark(mct_pct, "%d%%s", 7);
}

static noinline void mct_fire_efault(void)
{
	trace_mark(mct_efault, "s %s", (char *)ERR_PTR(-EINVAL));
}

static void mct_fire_all(unsigned int seq)
{
	mct_fire_z();
	mct_fire_kw();
	mct_fire_pct();
	mct_fire_efault();
}

MCT_FIRE_PARAM(mct_fire_all, "Write N: run every site N times");

MODULE_DESCRIPTION("Marker sites with formats the event printer must handle");
MODULE_LICENSE("GPL");
