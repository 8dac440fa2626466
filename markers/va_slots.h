/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A va_list over an array of 64-bit slots, for the probes of a site that
 * passed its arguments as slots (MARKER_HIT_SLOTS in compat/marker.h).
 *
 * A probe reads its arguments with va_arg(), of the types the format
 * says.  Both ABIs this is built for read the arguments that did not fit
 * in registers from memory, one 8-byte slot each, a smaller type from
 * the slot's least significant bytes (its start on little-endian, its
 * end on big-endian arm64), which is where a u64 keeps them: an int, a
 * long, a pointer alike.  So a va_list that says "every register is used
 * up" and points its memory area at the slots reads them as the
 * arguments of a variadic call:
 *
 * - x86_64 (SysV psABI 3.5.7): gp_offset 48 and fp_offset 176 say the
 *   six general and eight vector registers are used; va_arg() then reads
 *   overflow_arg_area and steps it by 8.
 * - arm64 (AAPCS64 appendix B): __gr_offs and __vr_offs >= 0 say the
 *   same; va_arg() reads __stack and steps it by 8.
 *
 * A slot holds the argument converted to u64 (__mark_slot()), so its low
 * bytes are the promoted argument, which is what va_arg() reads for a
 * type of 4 bytes.  KUnit (marker_slots: marker_slots_va_list) reads every
 * conversion's type through such a list, on UML, x86_64 and arm64
 * (little-endian: CI builds no big-endian arm64).
 */
#ifndef _MARKERS_VA_SLOTS_H
#define _MARKERS_VA_SLOTS_H

#include <linux/build_bug.h>
#include <linux/stdarg.h>
#include <linux/types.h>
#include <compat/marker.h>

#ifdef MARKER_HIT_SLOTS
#if defined(CONFIG_X86_64)
struct marker_va_slots {
	unsigned int gp_offset;
	unsigned int fp_offset;
	const u64 *overflow_arg_area;
	void *reg_save_area;
};

static __always_inline void marker_va_slots_init(va_list *ap,
						 const u64 *slots)
{
	struct marker_va_slots *v = (struct marker_va_slots *)ap;

	v->gp_offset = 6 * 8;
	v->fp_offset = 6 * 8 + 8 * 16;
	v->overflow_arg_area = slots;
	v->reg_save_area = NULL;
}
#elif defined(CONFIG_ARM64)
struct marker_va_slots {
	const u64 *stack;
	void *gr_top;
	void *vr_top;
	int gr_offs;
	int vr_offs;
};

static __always_inline void marker_va_slots_init(va_list *ap,
						 const u64 *slots)
{
	struct marker_va_slots *v = (struct marker_va_slots *)ap;

	v->stack = slots;
	v->gr_top = NULL;
	v->vr_top = NULL;
	v->gr_offs = 0;
	v->vr_offs = 0;
}
#endif
/* sparse does not know the ABI's va_list */
#ifndef __CHECKER__
static_assert(sizeof(va_list) == sizeof(struct marker_va_slots));
#endif
#endif /* MARKER_HIT_SLOTS */

#endif /* _MARKERS_VA_SLOTS_H */
