/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Marker sites for the KUnit suites of the marker core.
 *
 * The sites live in two compilation units, marker_sites_a.c and
 * marker_sites_b.c, standing in for two modules: some names appear in
 * both.  Each function below hits one site (or one site per call).
 */
#ifndef _MARKER_KUNIT_SITES_H
#define _MARKER_KUNIT_SITES_H

/* Names of the sites, as the probes are registered on them. */
#define MARKER_KUNIT_SHARED		"marker_kunit_shared"
#define MARKER_KUNIT_SIDE_EFFECT	"marker_kunit_side_effect"
#define MARKER_KUNIT_NOARGS		"marker_kunit_noargs"
#define MARKER_KUNIT_GENERIC		"marker_kunit_generic"
#define MARKER_KUNIT_CALL_PRIVATE	"marker_kunit_call_private"
#define MARKER_KUNIT_CALL_PRIVATE_GEN	"marker_kunit_call_private_generic"
#define MARKER_KUNIT_MISMATCH		"marker_kunit_mismatch"
#define MARKER_KUNIT_SYNC		"marker_kunit_sync"

/* Formats of the sites. */
#define MARKER_KUNIT_FMT_INT		"v %d"
#define MARKER_KUNIT_FMT_STR		"s %s"
#define MARKER_KUNIT_FMT_MIXED		"v %d s %s ll %llu p %p"

/* marker_sites_a.c */
void marker_kunit_fire_a(int v);
void marker_kunit_fire_side_effect(int *counter);
void marker_kunit_fire_noargs(void);
void marker_kunit_fire_generic(int v);
void marker_kunit_fire_mismatch_int(int v);
void marker_kunit_fire_sync(int v);

/* marker_sites_b.c */
void marker_kunit_fire_b(int v);
void marker_kunit_fire_call_private(void *call_private, int v, const char *s,
				    unsigned long long ll, const void *p);
void marker_kunit_fire_call_private_generic(void *call_private, int v);
void marker_kunit_fire_mismatch_str(const char *s);

#endif /* _MARKER_KUNIT_SITES_H */
