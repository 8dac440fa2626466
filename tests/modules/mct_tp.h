/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A central tracepoint owned by a module (mct_tp_owner) and bridged by
 * another (mct_tp_bridge).  The bridge module only type-checks against
 * this declaration and finds the tracepoint by name when armed, so it has
 * no symbol dependency on the owner: the owner can be unloaded while the
 * bridged marker is armed.
 */
#ifndef _MCT_TP_H
#define _MCT_TP_H

#include <compat/tracepoint.h>

COMPAT_DECLARE_TRACE(mct_owned_tp,
		     TP_PROTO(int v),
		     TP_ARGS(v));

#endif /* _MCT_TP_H */
