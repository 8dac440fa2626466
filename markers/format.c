// SPDX-License-Identifier: GPL-2.0
/*
 * The printf grammar of marker formats: one parser for the core and the
 * events.
 *
 * Formats are the printf subset marker sites used: %d %i %u %o %x %X %c %s
 * %p, the length modifiers hh h l ll z t (and the old L q j Z), flags,
 * widths and precisions, and %%.  Every conversion is parsed in full, even
 * one that cannot be recorded, so that a walk over a format sees each
 * conversion where vsnprintf() sees it: a %n after a '*' width is still
 * found.  Anything whose argument cannot be recorded faithfully gets a
 * reason: %n, a '*' width or precision (an extra argument), floating
 * point, and %p extensions that dereference the pointer (%pM, %pI4, ...).
 * The symbol extensions %pS %ps %pF %pf %pB only look the value up, so
 * they are kept.
 */
#include <linux/ctype.h>
#include <linux/string.h>

#include "format.h"

/* Flags, width and precision from @q on; a '*' in them sets *@star. */
static const char *marker_skip_pre(const char *q, bool *star)
{
	q += strspn(q, "-+ #0");
	if (*q == '*') {
		*star = true;
		q++;
	}
	while (isdigit(*q))
		q++;
	if (*q != '.')
		return q;
	q++;
	if (*q == '*') {
		*star = true;
		q++;
	}
	while (isdigit(*q))
		q++;
	return q;
}

/*
 * The length modifier at @q into @s->length (what the argument is) and
 * @s->plen (how it prints).  vsnprintf() knows hh h l ll z t and WARNs on
 * (and stops at) the old spellings: %Z prints as %z, %L %q %j as %ll.
 * %t reads a long (ptrdiff_t is long on every kernel ABI) and prints as
 * %t.  Returns what follows it.
 */
static const char *marker_parse_length(const char *q, struct marker_spec *s)
{
	memset(s->length, 0, sizeof(s->length));
	memset(s->plen, 0, sizeof(s->plen));
	if ((q[0] == 'h' && q[1] == 'h') || (q[0] == 'l' && q[1] == 'l')) {
		memcpy(s->length, q, 2);
		q++;
	} else if (*q == 'L' || *q == 'q' || *q == 'j') {
		strscpy(s->length, "ll", sizeof(s->length));
	} else if (*q == 'Z') {
		s->length[0] = 'z';
	} else if (*q == 't') {
		s->length[0] = 'l';
		s->plen[0] = 't';
		return q + 1;
	} else if (*q == 'h' || *q == 'l' || *q == 'z') {
		s->length[0] = *q;
	} else {
		return q;
	}
	memcpy(s->plen, s->length, sizeof(s->plen));
	return q + 1;
}

/*
 * Why the argument of @s cannot be recorded, or NULL.  %n comes first:
 * it is the one reason that also refuses registration.
 */
static const char *marker_spec_refused(const struct marker_spec *s, bool star)
{
	if (s->conv == 'n')
		return "%n writes through its argument";
	if (star)
		return "'*' width or precision (takes an extra argument)";
	switch (s->conv) {
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
		return NULL;
	case 'c': case 's': case 'p':
		return s->length[0] ? "length modifier on %c, %s or %p" : NULL;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
	case 'a': case 'A':
		return "floating point conversion";
	case '\0':
		return "incomplete conversion at the end";
	default:
		return "unknown conversion";
	}
}

/*
 * The %p extension at @q, if @s is a %p.  A kept one is normalised (%pF
 * and %pf are gone from vsnprintf(): %pS and %ps now) with its own
 * modifiers (%pSR); any other is refused and, as vsnprintf() does, its
 * letters and digits are taken as part of it.  Returns what follows it.
 */
static const char *marker_parse_ext(const char *q, struct marker_spec *s)
{
	memset(s->ext, 0, sizeof(s->ext));
	s->mods = "";
	s->nr_mods = 0;
	if (s->conv != 'p' || !isalnum(*q))
		return q;
	if (!strchr("SsFfB", *q)) {
		s->refused = s->refused ?:
			     "%p extension that dereferences its pointer";
		while (isalnum(*q))
			q++;
		return q;
	}
	s->ext[0] = *q == 'F' ? 'S' : *q == 'f' ? 's' : *q;
	s->mods = ++q;
	while (*q == 'R' || *q == 'b')
		q++;
	s->nr_mods = q - s->mods;
	/* vsnprintf() swallows what letters and digits follow, unread */
	while (isalnum(*q))
		q++;
	return q;
}

/**
 * marker_format_next_spec - parse the next conversion of a format
 * @pos: where to start; moved past the conversion
 * @s: the conversion, parsed
 *
 * "%%" is text, not a conversion.  A conversion whose argument cannot be
 * recorded is returned all the same, with @s->refused saying why; a '%'
 * at the very end is one with @s->conv '\0'.  The text before the
 * conversion is from the old *@pos up to @s->start.
 *
 * Return: false, with @s untouched, when the format has no conversion
 * left.
 */
bool marker_format_next_spec(const char **pos, struct marker_spec *s)
{
	const char *p, *q;
	bool star = false;

	for (p = strchr(*pos, '%'); p && p[1] == '%'; p = strchr(p + 2, '%'))
		;
	if (!p)
		return false;
	s->start = p;
	q = marker_skip_pre(p + 1, &star);
	s->pre = q - p;
	q = marker_parse_length(q, s);
	s->conv = *q;
	s->refused = marker_spec_refused(s, star);
	if (*q)
		q++;
	q = marker_parse_ext(q, s);
	s->len = q - p;
	*pos = q;
	return true;
}

/*
 * Could a lenient printf reader take @s for a %n?  vsnprintf() stops at
 * the first byte it does not know ("%hln" at the second length letter,
 * "%5.3.2n" at the second '.'), but a legacy probe may parse the format
 * with its own reader that skips any run of flags, digits, '.', '*' and
 * length letters: after the '%', such a run ending in 'n' is refused too.
 */
static bool marker_spec_may_write(const struct marker_spec *s)
{
	const char *q = s->start + 1;

	return s->conv == 'n' || q[strspn(q, "-+ #0123456789.*hlLqjzZt")] == 'n';
}

/**
 * marker_format_writes - does a format have a %n conversion?
 * @format: the format
 *
 * %n writes through its argument: no probe may be handed such a format
 * (the kernel's own vsnprintf() refuses %n too), and no event records
 * one.  Registration and event creation both ask this.  A conversion that
 * vsnprintf() would stop at before its 'n' counts as a %n as well, for
 * the probes that read formats with a reader of their own.
 *
 * Return: true if one of @format's conversions is, or may be read as, a %n.
 */
bool marker_format_writes(const char *format)
{
	struct marker_spec s;

	while (marker_format_next_spec(&format, &s))
		if (marker_spec_may_write(&s))
			return true;
	return false;
}
