// SPDX-License-Identifier: GPL-2.0
/* _trace_mark has the same arguments as trace_mark. */
void __init early_setup(int stage)
{
	_trace_mark(early_setup, "stage %d", stage);
}
