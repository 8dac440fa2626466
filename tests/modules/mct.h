/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names and formats shared by the marker test modules.
 */
#ifndef _MCT_H
#define _MCT_H

/* Site present in both site modules, with the same format. */
#define MCT_SHARED_FORMAT	"src %d seq %u"
#define MCT_SRC_A		1
#define MCT_SRC_B		2

/*
 * Site "mct_fmt" exists only in mct_sites_b, with MCT_FMT_SITE_FORMAT;
 * mct_probe registers it with MCT_FMT_PROBE_FORMAT, so the site must be
 * left disarmed when the module comes.
 */
#define MCT_FMT_SITE_FORMAT	"other %d"
#define MCT_FMT_PROBE_FORMAT	"value %u"

/*
 * Most hits one write to a "fire" parameter asks for: more is refused
 * with -EINVAL, so that a huge count (guest test hostile-input) cannot
 * keep the writer in the kernel for minutes.
 */
#define MCT_MAX_FIRE		1000000

#endif /* _MCT_H */
