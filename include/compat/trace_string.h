/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __assign_str() in TRACE_EVENT()'s TP_fast_assign().
 *
 * Up to 6.9 it takes the destination field and the source string; from
 * 6.10 on only the field, the source being the one __string() named.
 * The change came without a macro to test for, so this header goes by
 * version: compat_assign_str(field, src) works on both.
 */
#ifndef _COMPAT_TRACE_STRING_H
#define _COMPAT_TRACE_STRING_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define compat_assign_str(field, src)	__assign_str(field)
#else
#define compat_assign_str(field, src)	__assign_str(field, src)
#endif

#endif /* _COMPAT_TRACE_STRING_H */
