/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Announcing a struct tracepoint from inside a function.
 *
 * The kernel finds tracepoints through the __tracepoints_ptrs section:
 * for_each_kernel_tracepoint() walks vmlinux's, and the module loader
 * hands each module's to the tracepoint module notifiers.  Architectures
 * with CONFIG_HAVE_ARCH_PREL32_RELOCATIONS (x86_64, arm64, ...) store a
 * 32-bit self-relative offset per entry; the others store a pointer.
 * tracepoint_ptr_deref() decodes both.
 *
 * A marker site is a function-scope static object, so the offset form
 * cannot name it from a file-scope asm() as DEFINE_TRACE() does; an asm
 * statement inside the function takes its address as an "i" operand, as
 * the jump label code does.  If the compiler duplicates the site (inlined
 * twice), the entry is duplicated too; the marker core ignores repeats.
 */
#ifndef _COMPAT_TRACEPOINT_ENTRY_H
#define _COMPAT_TRACEPOINT_ENTRY_H

#include <linux/compiler.h>
#include <linux/tracepoint-defs.h>

#ifdef CONFIG_HAVE_ARCH_PREL32_RELOCATIONS
/* Always inlined, so @tp is a link-time constant at each call site. */
static __always_inline void compat_tracepoint_entry(struct tracepoint *tp)
{
	asm volatile(".pushsection \"__tracepoints_ptrs\", \"a\"\n\t"
		     ".balign 4\n\t"
		     ".long %c0 - .\n\t"
		     ".popsection" : : "i" (tp));
}
#else
/* A declaration: one pointer object per site, in the site's block. */
#define compat_tracepoint_entry(tp)					\
	static tracepoint_ptr_t __compat_tp_ptr				\
	__used __section("__tracepoints_ptrs") = (tp)
#endif

#endif /* _COMPAT_TRACEPOINT_ENTRY_H */
