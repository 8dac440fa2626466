/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Importing a symbol namespace, one spelling for every supported kernel.
 *
 *	COMPAT_MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
 *
 * Up to 6.12 MODULE_IMPORT_NS() takes a bare identifier and stringifies
 * it; from 6.13 on ("module: Convert symbol namespace to string literal")
 * it takes a string literal, and the bare identifier no longer compiles.
 * Neither macro can tell which form it was given, so no test of the
 * kernel's headers could pick the right one.  What both write is the same
 * .modinfo entry, import_ns=<namespace>, which is what modpost and the
 * module loader read: write that entry directly, the same on every
 * kernel, with the string form the kernel has settled on.
 */
#ifndef _COMPAT_MODULE_NS_H
#define _COMPAT_MODULE_NS_H

#include <linux/module.h>

#define COMPAT_MODULE_IMPORT_NS(ns)	MODULE_INFO(import_ns, ns)

#endif /* _COMPAT_MODULE_NS_H */
