/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small subsystem instrumented with kernel markers in the 2.6.2x way,
 * the input of the coccinelle differential test.
 */
#ifndef _LEGACY_SUBSYS_H
#define _LEGACY_SUBSYS_H

#include <linux/types.h>

#define LEGACY_REQ_TRACED	0x1UL

struct legacy_req {
	u32 id;
	int status;
	const char *name;
	unsigned long flags;
};

void legacy_irq(int irq, unsigned long ip);
void legacy_irq_nested(int irq, unsigned long ip);
void legacy_account(unsigned long call_site, const void *ptr, size_t bytes,
		    unsigned int gfp_flags);
void legacy_tick(void);
void legacy_submit(struct legacy_req *req);
long long legacy_sum(const int *v, int n);
void legacy_complete(struct legacy_req *req);
unsigned int legacy_retire(struct legacy_req *req);
unsigned int legacy_name_len_calls(void);
void legacy_pair(int a, int b);
unsigned int legacy_bump(void);

#endif /* _LEGACY_SUBSYS_H */
