/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmarks time each variant from several placements of their
 * timing loop.  Under QEMU's TCG the time of a path of a few nanoseconds
 * depends on where its code lies, not only on what it runs: the emulator
 * finds the translation of every jump target by its address, and some
 * placements are slow.  (Marking the one timing loop hot, which moved
 * it, once changed two rows of marker_bench by a factor of two.)  So each
 * module keeps BENCH_LOOPS copies of its loop at different addresses,
 * times every variant from each, interleaved, and reports the copy whose
 * median is lowest, with the worst copy's median beside it.
 */
#ifndef _BENCH_PLACEMENTS_H
#define _BENCH_PLACEMENTS_H

#include <linux/compiler.h>
#include <linux/minmax.h>
#include <linux/sort.h>
#include <linux/types.h>

#define BENCH_LOOPS	4

/*
 * The copies: @loops[], BENCH_LOOPS functions that each call @batch(fn,
 * copy) for their own constant copy, @batch being the module's
 * __always_inline timing loop over a @fn_type.  Kept out of line
 * (noinline), so that each copy lies at an address of its own.
 */
#define BENCH_DEFINE_LOOPS(loops, fn_type, batch)			\
	static noinline u64 loops##_0(fn_type *fn) { return batch(fn, 0); } \
	static noinline u64 loops##_1(fn_type *fn) { return batch(fn, 1); } \
	static noinline u64 loops##_2(fn_type *fn) { return batch(fn, 2); } \
	static noinline u64 loops##_3(fn_type *fn) { return batch(fn, 3); } \
	static u64 (* const loops[BENCH_LOOPS])(fn_type *fn) = {	\
		loops##_0, loops##_1, loops##_2, loops##_3,		\
	}

static inline int bench_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sort each placement's @rounds batches (@ps[copy]); return the
 * placement whose median is lowest.
 */
static inline unsigned int bench_best_loop(u64 *const ps[BENCH_LOOPS],
					   unsigned int rounds)
{
	unsigned int c, best = 0;

	for (c = 0; c < BENCH_LOOPS; c++) {
		sort(ps[c], rounds, sizeof(u64), bench_cmp_u64, NULL);
		if (ps[c][rounds / 2] < ps[best][rounds / 2])
			best = c;
	}
	return best;
}

/* The highest median of the placements, sorted by bench_best_loop(). */
static inline u64 bench_worst_median(u64 *const ps[BENCH_LOOPS],
				     unsigned int rounds)
{
	unsigned int c;
	u64 worst = 0;

	for (c = 0; c < BENCH_LOOPS; c++)
		worst = max(worst, ps[c][rounds / 2]);
	return worst;
}

#endif /* _BENCH_PLACEMENTS_H */
