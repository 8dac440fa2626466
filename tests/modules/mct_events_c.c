// SPDX-License-Identifier: GPL-2.0
/*
 * Marker event lifetime, module C: mct_taken alone, a name no other
 * module has (see mct_events.h).
 */
#include "mct_events.h"

MODULE_DESCRIPTION("Marker event lifetime test sites (module C)");
