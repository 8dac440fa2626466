// SPDX-License-Identifier: GPL-2.0
/* Formats that are not string literals: reported. */
#define MY_FMT "a %d"

void nonlit(const char *fmtvar, int a)
{
	trace_mark(nonlit_macro, MY_FMT, a);
	trace_mark(nonlit_var, fmtvar, a);
	trace_mark(nonlit_mixed, "a " MY_PART, a);
}
