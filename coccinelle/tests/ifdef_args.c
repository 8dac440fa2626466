// SPDX-License-Identifier: GPL-2.0
/* A preprocessor conditional inside the argument list: reported. */
void cond(int a, int b)
{
	trace_mark(cond_args, "a %d b %d", a,
#ifdef CONFIG_FOO
		   b
#else
		   0
#endif
		   );
}
