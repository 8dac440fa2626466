// SPDX-License-Identifier: GPL-2.0
/*
 * Marker event lifetime, module A: mct_ev with one integer, the 32
 * mct_many_* names and the held RCU reader (see mct_events.h).
 */
#define MCT_EV_FORMAT		"seq %u"
#define MCT_EV_ARGS(seq)	(seq)
#define MCT_MANY
#include "mct_events.h"

MODULE_DESCRIPTION("Marker event lifetime test sites (module A)");
