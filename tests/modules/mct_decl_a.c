// SPDX-License-Identifier: GPL-2.0
/*
 * Declared event, module A: mct_decl with the declared format (see
 * mct_decl.h).
 */
#define MCT_DECL_FORMAT		"seq %u tag %s"
#define MCT_DECL_ARGS(seq)	(seq), "init_a"
#include "mct_decl.h"

MODULE_DESCRIPTION("Declared marker event test site (module A)");
