// SPDX-License-Identifier: GPL-2.0
/*
 * Marker event lifetime, module B: mct_ev with another format than
 * module A's (see mct_events.h).
 */
#define MCT_EV_FORMAT		"seq %u tag %s"
#define MCT_EV_ARGS(seq)	(seq), "b"
#include "mct_events.h"

MODULE_DESCRIPTION("Marker event lifetime test sites (module B)");
