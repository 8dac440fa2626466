/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The printf grammar of marker formats, parsed in one place.
 *
 * Registration refuses a format with %n (probes.c) and event creation
 * compiles a format into fields (event_format.c): both walk the format
 * with marker_format_next_spec(), so they cannot read a conversion
 * differently.  This file is built whether or not events are.
 */
#ifndef _MARKERS_FORMAT_H
#define _MARKERS_FORMAT_H

#include <linux/types.h>

/**
 * struct marker_spec - one conversion of a format, as parsed
 * @start: the '%'
 * @len: bytes from @start up to and with the conversion character and
 *	a %p extension with its modifiers
 * @pre: bytes of '%', flags, width and precision
 * @conv: the conversion character; '\0' if the format ends first
 * @length: the length modifier, normalised to what it means for the
 *	argument's type: "hh", "h", "l", "ll", "z" or ""
 * @plen: the length modifier as today's vsnprintf() spells it
 * @ext: the %p extension, normalised ("S" for %pF), or ""
 * @mods: the extension's own modifiers (the "R" of %pSR)
 * @nr_mods: bytes of @mods
 * @refused: why the argument cannot be recorded, or NULL
 */
struct marker_spec {
	const char *start;
	size_t len;
	size_t pre;
	char conv;
	char length[3];
	char plen[3];
	char ext[2];
	const char *mods;
	size_t nr_mods;
	const char *refused;
};

bool marker_format_next_spec(const char **pos, struct marker_spec *s);
bool marker_format_writes(const char *format);

#endif /* _MARKERS_FORMAT_H */
