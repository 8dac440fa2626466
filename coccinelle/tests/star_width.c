// SPDX-License-Identifier: GPL-2.0
/* Conversions that take two arguments are reported. */
void show(const char *s, int len, int v)
{
	trace_mark(show_str, "name %.*s", len, s);
	trace_mark(show_int, "value %*d", len, v);
}
