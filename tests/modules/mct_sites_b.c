// SPDX-License-Identifier: GPL-2.0
/*
 * Second module with an "mct_shared" marker site, and an "mct_fmt" site
 * whose format differs from the one its probe registers.
 */
#define MCT_SRC		MCT_SRC_B
#define MCT_FMT_SITE
#include "mct_sites.h"

MODULE_DESCRIPTION("Marker test sites (module B)");
