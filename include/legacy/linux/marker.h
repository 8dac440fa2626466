/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <linux/marker.h>, the name 2.6.24 to 2.6.31 gave the marker API, for
 * code written against it: with -I<this shim>/include/legacy on its
 * command line (the one line Documentation/marker-compat.rst gives), a
 * legacy source compiles with its include line unchanged.  The kernel has
 * had no header of this name since 2.6.32; should one return, the
 * kernel's own include directories come first and it would win.
 *
 * The shim's API, in full: compat/marker.h is found from here by its
 * path, and finds its own headers the same way, so this directory alone
 * is enough.
 */
#ifndef _LEGACY_LINUX_MARKER_H
#define _LEGACY_LINUX_MARKER_H

#include "../../compat/marker.h"

#endif /* _LEGACY_LINUX_MARKER_H */
