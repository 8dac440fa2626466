// SPDX-License-Identifier: GPL-2.0
/* Sites as the body of if and for without braces. */
void scan(int *v, int n, int verbose)
{
	int i;

	if (verbose)
		trace_mark(scan_start, "n %d", n);
	else
		n = 0;
	for (i = 0; i < n; i++)
		trace_mark(scan_item, "i %d value %d", i, v[i]);
	while (n--)
		trace_mark(scan_left, "n %d", n);
}
