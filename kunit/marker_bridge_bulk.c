// SPDX-License-Identifier: GPL-2.0
/*
 * A thousand bridged markers over a hundred tracepoints, for the test that
 * activation is per marker: loading them registers no tracepoint callback,
 * arming one marker registers exactly one.
 */
#include <linux/kernel.h>
#include <compat/marker.h>
#include <compat/tracepoint.h>

#include "marker_bridge_bulk.h"

#define MARKER_BULK_LIST(X)						\
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9)	\
	X(10) X(11) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19)	\
	X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29)	\
	X(30) X(31) X(32) X(33) X(34) X(35) X(36) X(37) X(38) X(39)	\
	X(40) X(41) X(42) X(43) X(44) X(45) X(46) X(47) X(48) X(49)	\
	X(50) X(51) X(52) X(53) X(54) X(55) X(56) X(57) X(58) X(59)	\
	X(60) X(61) X(62) X(63) X(64) X(65) X(66) X(67) X(68) X(69)	\
	X(70) X(71) X(72) X(73) X(74) X(75) X(76) X(77) X(78) X(79)	\
	X(80) X(81) X(82) X(83) X(84) X(85) X(86) X(87) X(88) X(89)	\
	X(90) X(91) X(92) X(93) X(94) X(95) X(96) X(97) X(98) X(99)

#define MARKER_BULK_DECLARE(n)						\
	COMPAT_DECLARE_TRACE(marker_bulk_tp_##n,			\
		TP_PROTO(int v), TP_ARGS(v));				\
	COMPAT_DEFINE_TRACE(marker_bulk_tp_##n,				\
		TP_PROTO(int v), TP_ARGS(v));
MARKER_BULK_LIST(MARKER_BULK_DECLARE)

#define MARKER_BULK_SITE(n, m)						\
	trace_mark_tp(marker_bulk_##n##_##m, marker_bulk_tp_##n,	\
		      marker_bulk_cb_##n, "tp %d marker %d v %d", n, m, v)

#define MARKER_BULK_CALLBACK(n)						\
	static void __used marker_bulk_cb_##n(void *data, int v)	\
	{								\
		MARKER_BULK_SITE(n, 0);					\
		MARKER_BULK_SITE(n, 1);					\
		MARKER_BULK_SITE(n, 2);					\
		MARKER_BULK_SITE(n, 3);					\
		MARKER_BULK_SITE(n, 4);					\
		MARKER_BULK_SITE(n, 5);					\
		MARKER_BULK_SITE(n, 6);					\
		MARKER_BULK_SITE(n, 7);					\
		MARKER_BULK_SITE(n, 8);					\
		MARKER_BULK_SITE(n, 9);					\
	}
MARKER_BULK_LIST(MARKER_BULK_CALLBACK)

#define MARKER_BULK_TP(n)	&__tracepoint_marker_bulk_tp_##n,
struct tracepoint * const marker_bulk_tps[MARKER_BULK_NR_TP] = {
	MARKER_BULK_LIST(MARKER_BULK_TP)
};

#define MARKER_BULK_FIRE(n)						\
	case n:								\
		trace_marker_bulk_tp_##n(v);				\
		break;

void marker_bulk_fire(unsigned int tp, int v)
{
	switch (tp) {
	MARKER_BULK_LIST(MARKER_BULK_FIRE)
	}
}
