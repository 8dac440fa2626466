// SPDX-License-Identifier: GPL-2.0
/*
 * Declared event, module B: mct_decl with another format than the one
 * declared (see mct_decl.h).
 */
#define MCT_DECL_FORMAT		"seq %d"
#define MCT_DECL_ARGS(seq)	((int)(seq))
#include "mct_decl.h"

MODULE_DESCRIPTION("Declared marker event test site (module B)");
