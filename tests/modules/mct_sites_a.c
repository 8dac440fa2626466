// SPDX-License-Identifier: GPL-2.0
/*
 * First module with an "mct_shared" marker site.
 */
#define MCT_SRC		MCT_SRC_A
#include "mct_sites.h"

MODULE_DESCRIPTION("Marker test sites (module A)");
