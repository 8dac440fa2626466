/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the KUnit suites of the marker core (core, bridge,
 * events): the one walk over the sites of a name, and the cleanup that
 * runs whether a test passed or failed.  Every helper of the suites,
 * shared or not, is named mk_*.
 */
#ifndef _MARKER_KUNIT_H
#define _MARKER_KUNIT_H

#include <compat/marker.h>

struct kunit;
struct module;

/* Sites of a name kept by mk_find_sites(); no name of the suites has more. */
#define MK_MAX_SITES		4
/* Bound on a walk over every site, in case the iterator never ends. */
#define MK_MAX_WALK		100000

/**
 * struct mk_sites - the sites of one name, in the order of a marker_iter walk
 * @nr: how many sites the name has, even beyond %MK_MAX_SITES
 * @site: the first %MK_MAX_SITES of them
 * @mod: the module of each, NULL for a built-in site
 */
struct mk_sites {
	unsigned int nr;
	struct marker *site[MK_MAX_SITES];
	struct module *mod[MK_MAX_SITES];
};

unsigned int mk_walk_sites(const char *name,
			   void (*fn)(struct marker *site,
				      struct module *mod, void *data),
			   void *data);
void mk_find_sites(const char *name, struct mk_sites *found);

int mk_at_end(struct kunit *test, void (*fn)(void *data), void *data);
int mk_unregister_at_end(struct kunit *test, const char *name,
			 marker_probe_func *probe, void *priv);

#endif /* _MARKER_KUNIT_H */
