// SPDX-License-Identifier: GPL-2.0
/* LTTng type hints in the format: reported. */
void hint(long ip, unsigned int a)
{
	trace_mark(hint_ip, "ip #p%ld", ip);
	trace_mark(hint_size, "a #2u%u", a);
}
