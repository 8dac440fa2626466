/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compiler attributes the marker dispatch uses that a kernel's
 * <linux/compiler_attributes.h> may not define yet.
 *
 * - __no_stack_protector: no canary in one function.  The kernel defines
 *   it where the compiler has the attribute (GCC 11, clang 7), empty
 *   otherwise; a kernel without the macro gets it empty here: a canary,
 *   as before.
 * - __uninitialized: a local that CONFIG_INIT_STACK_ALL_ZERO must not
 *   zero, because it is always written before it is read.  Empty here
 *   where the kernel lacks it: zeroed, as before.
 *
 * Debian's 6.1, 6.12 and 7.3 trees define both, so neither fallback is
 * used there.  Detected by the macros themselves, as a backport brings
 * them.
 */
#ifndef _COMPAT_COMPILER_ATTRIBUTES_H
#define _COMPAT_COMPILER_ATTRIBUTES_H

#include <linux/compiler.h>

#ifndef __no_stack_protector
#define __no_stack_protector
#endif

#ifndef __uninitialized
#define __uninitialized
#endif

#endif /* _COMPAT_COMPILER_ATTRIBUTES_H */
