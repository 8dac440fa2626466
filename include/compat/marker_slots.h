/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How an enabled trace_mark() site hands its arguments to the marker
 * core: __mark_hit(), used by compat/marker.h.
 *
 * The site's arguments are counted by the preprocessor, up to 32, and
 * each passed as a 64-bit slot, or all of them to the variadic
 * marker_probe_cb(), by the rule below.  What the historic variadic call
 * took and this does not (Documentation/marker-compat.rst): more than
 * 32 arguments (the count is then wrong, and the site mostly does not
 * compile), an argument with a comma outside parentheses (a compound
 * literal's initializers: counted as two), and a struct or union
 * argument (-Wformat warned of it before; the cast to u64 refuses it).
 */
#ifndef _COMPAT_MARKER_SLOTS_H
#define _COMPAT_MARKER_SLOTS_H

#include <linux/compiler.h>
#include <linux/types.h>

struct marker;

/*
 * How an enabled site hands its arguments to its probes.  On x86_64 and
 * arm64 (MARKER_HIT_SLOTS) a site of up to MARKER_HIT_MAX_ARGS arguments
 * passes each as a 64-bit slot, in registers where the ABI has them, to
 * marker_hit3(), marker_hit6() or marker_hit12() (markers/slots.c): no
 * variadic call, a trace event's record written from the slots, and a
 * va_list made over them for the probes (markers/va_slots.h says why
 * that is sound on these two ABIs).  Elsewhere, and with more
 * arguments, the site calls the variadic marker_probe_cb().  Probes see
 * the same arguments either way.
 */
#if defined(CONFIG_X86_64) || defined(CONFIG_ARM64)
#define MARKER_HIT_SLOTS	1
#endif
#define MARKER_HIT_MAX_ARGS	12

void marker_hit3(struct marker *mdata, void *call_private, u64 a0, u64 a1,
		 u64 a2);
void marker_hit6(struct marker *mdata, void *call_private, u64 a0, u64 a1,
		 u64 a2, u64 a3, u64 a4, u64 a5);
void marker_hit12(struct marker *mdata, void *call_private, u64 a0, u64 a1,
		  u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7, u64 a8,
		  u64 a9, u64 a10, u64 a11);

/*
 * An argument as a 64-bit slot: its value converted to u64, as the
 * promoted argument of a variadic call would have it in a register (a
 * pointer as its address, a signed integer sign-extended).  __force:
 * sparse's bitwise types (__be32...) are printed as numbers too.  (W=3's
 * -Wbad-function-cast warns of a call returning a pointer, bool or enum
 * given straight to a site.)
 */
#define __mark_slot(x)		((__force u64)(x))

/* The number of arguments, 0 to 32. */
#define __mark_nargs(args...)						\
	__mark_nargs_(, ## args, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23,	\
		      22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10,	\
		      9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __mark_nargs_(_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11,	\
		      _12, _13, _14, _15, _16, _17, _18, _19, _20, _21,	\
		      _22, _23, _24, _25, _26, _27, _28, _29, _30, _31, _32,	\
		      n, ...) n

#define __mark_hit_va(m, cp, args...)	marker_probe_cb(m, cp, ## args)

#ifdef MARKER_HIT_SLOTS
#define __mark_hit_0(m, cp)	\
	marker_hit3(m, cp, 0, 0, 0)
#define __mark_hit_1(m, cp, a)	\
	marker_hit3(m, cp, __mark_slot(a), 0, 0)
#define __mark_hit_2(m, cp, a, b)	\
	marker_hit3(m, cp, __mark_slot(a), __mark_slot(b), 0)
#define __mark_hit_3(m, cp, a, b, c)	\
	marker_hit3(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c))
#define __mark_hit_4(m, cp, a, b, c, d)	\
	marker_hit6(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c), \
		__mark_slot(d), 0, 0)
#define __mark_hit_5(m, cp, a, b, c, d, e)	\
	marker_hit6(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c), \
		__mark_slot(d), __mark_slot(e), 0)
#define __mark_hit_6(m, cp, a, b, c, d, e, f)	\
	marker_hit6(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c), \
		__mark_slot(d), __mark_slot(e), __mark_slot(f))
#define __mark_hit_7(m, cp, a, b, c, d, e, f, g)	\
	marker_hit12(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c), \
		__mark_slot(d), __mark_slot(e), __mark_slot(f), \
		__mark_slot(g), 0, 0, 0, 0, 0)
#define __mark_hit_8(m, cp, a, b, c, d, e, f, g, h)	\
	marker_hit12(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c), \
		__mark_slot(d), __mark_slot(e), __mark_slot(f), \
		__mark_slot(g), __mark_slot(h), 0, 0, 0, 0)
#define __mark_hit_9(m, cp, a, b, c, d, e, f, g, h, i)	\
	marker_hit12(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c), \
		__mark_slot(d), __mark_slot(e), __mark_slot(f), \
		__mark_slot(g), __mark_slot(h), __mark_slot(i), 0, 0, 0)
#define __mark_hit_10(m, cp, a, b, c, d, e, f, g, h, i, j)	\
	marker_hit12(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c), \
		__mark_slot(d), __mark_slot(e), __mark_slot(f), \
		__mark_slot(g), __mark_slot(h), __mark_slot(i), \
		__mark_slot(j), 0, 0)
#define __mark_hit_11(m, cp, a, b, c, d, e, f, g, h, i, j, k)	\
	marker_hit12(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c), \
		__mark_slot(d), __mark_slot(e), __mark_slot(f), \
		__mark_slot(g), __mark_slot(h), __mark_slot(i), \
		__mark_slot(j), __mark_slot(k), 0)
#define __mark_hit_12(m, cp, a, b, c, d, e, f, g, h, i, j, k, l)	\
	marker_hit12(m, cp, __mark_slot(a), __mark_slot(b), __mark_slot(c), \
		__mark_slot(d), __mark_slot(e), __mark_slot(f), \
		__mark_slot(g), __mark_slot(h), __mark_slot(i), \
		__mark_slot(j), __mark_slot(k), __mark_slot(l))
#else
#define __mark_hit_0	__mark_hit_va
#define __mark_hit_1	__mark_hit_va
#define __mark_hit_2	__mark_hit_va
#define __mark_hit_3	__mark_hit_va
#define __mark_hit_4	__mark_hit_va
#define __mark_hit_5	__mark_hit_va
#define __mark_hit_6	__mark_hit_va
#define __mark_hit_7	__mark_hit_va
#define __mark_hit_8	__mark_hit_va
#define __mark_hit_9	__mark_hit_va
#define __mark_hit_10	__mark_hit_va
#define __mark_hit_11	__mark_hit_va
#define __mark_hit_12	__mark_hit_va
#endif
#define __mark_hit_13	__mark_hit_va
#define __mark_hit_14	__mark_hit_va
#define __mark_hit_15	__mark_hit_va
#define __mark_hit_16	__mark_hit_va
#define __mark_hit_17	__mark_hit_va
#define __mark_hit_18	__mark_hit_va
#define __mark_hit_19	__mark_hit_va
#define __mark_hit_20	__mark_hit_va
#define __mark_hit_21	__mark_hit_va
#define __mark_hit_22	__mark_hit_va
#define __mark_hit_23	__mark_hit_va
#define __mark_hit_24	__mark_hit_va
#define __mark_hit_25	__mark_hit_va
#define __mark_hit_26	__mark_hit_va
#define __mark_hit_27	__mark_hit_va
#define __mark_hit_28	__mark_hit_va
#define __mark_hit_29	__mark_hit_va
#define __mark_hit_30	__mark_hit_va
#define __mark_hit_31	__mark_hit_va
#define __mark_hit_32	__mark_hit_va

/* Call the probes of site @m: __mark_hit_<number of arguments>. */
#define __mark_hit(m, cp, args...)					\
	__mark_hit_n(__mark_nargs(args), m, cp, ## args)
#define __mark_hit_n(n, m, cp, args...)	__mark_hit_n_(n, m, cp, ## args)
/*
 * The arguments reach __mark_hit_<n> through __mark_call(), whose second
 * argument is expanded first: a pasted ", ## args" is not, and a site's
 * arguments may come from a macro (ARGS(x) giving "a, b").
 */
#define __mark_hit_n_(n, m, cp, args...)				\
	__mark_call(__mark_hit_##n, (m, cp, ## args))
#define __mark_call(fn, list)	(fn list)

#endif /* _COMPAT_MARKER_SLOTS_H */
