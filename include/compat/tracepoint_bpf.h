/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BPF raw tracepoint entry of a central tracepoint, emitted by
 * COMPAT_DEFINE_TRACE() beside its DEFINE_TRACE().
 *
 * The kernel gives a tracepoint a BPF raw tracepoint (what
 * BPF_RAW_TRACEPOINT_OPEN and "bpftrace -e 'rawtracepoint:NAME'" attach
 * to) by putting a struct bpf_raw_event_map in the "__bpf_raw_tp_map"
 * section of the object that defines it: vmlinux's linker script
 * gathers the section, and the module loader reads it from a module
 * (mod->bpf_raw_events), for bpf_get_raw_tracepoint() to find by the
 * tracepoint's name.  include/trace/bpf_probe.h writes that entry, but
 * only for a trace header read through <trace/define_trace.h>, and from
 * 6.16 only under the "_tp"-suffixed names of DECLARE_TRACE(): a
 * DECLARE_TRACE_EVENT() read there gets no entry at all.  So the entry is
 * written here the way bpf_probe.h's __BPF_DECLARE_TRACE() and
 * __DEFINE_EVENT() write it, under the tracepoint's own name, from what
 * every supported kernel's headers provide: struct bpf_raw_event_map
 * (<linux/tracepoint-defs.h>), the section, and the exported
 * bpf_trace_run1() ... bpf_trace_run12(), whose first parameter is a
 * struct bpf_prog * on 6.1 and a struct bpf_raw_tp_link * on 6.12 and
 * 7.3: the probe passes its data pointer on untyped, as bpf_probe.h
 * does on the later ones.
 * The names follow bpf_probe.h's (__bpf_trace_tp_map_<name>, the
 * btf_trace_<name> typedef that BTF-typed raw tracepoints look up).
 */
#ifndef _COMPAT_TRACEPOINT_BPF_H
#define _COMPAT_TRACEPOINT_BPF_H

#include <linux/tracepoint.h>

/*
 * As <trace/define_trace.h> reads bpf_probe.h: only where DEFINE_TRACE()
 * defines the tracepoint (not under sparse, for one).
 */
#if defined(CONFIG_BPF_EVENTS) && defined(TRACEPOINTS_ENABLED)

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/trace_events.h>
/* COUNT_ARGS() and CONCATENATE(): kernel.h on 6.1, args.h on 6.12 on. */
#ifndef COUNT_ARGS
#include <linux/args.h>
#endif

/*
 * An integer, pointer or small struct as the u64 a BPF program reads:
 * bpf_probe.h's CAST_TO_U64(), under names of the shim's own, since a file
 * may also read a trace header through <trace/define_trace.h>.
 */
#define __COMPAT_BPF_UINT(size)						\
	__typeof__(__builtin_choose_expr(size == 1, (u8)1,		\
		   __builtin_choose_expr(size == 2, (u16)2,		\
		   __builtin_choose_expr(size == 4, (u32)3,		\
		   __builtin_choose_expr(size == 8, (u64)4,		\
					 (void)5)))))
#define __COMPAT_BPF_U64(x) ({						\
	typeof(x) __src = (x);						\
	__COMPAT_BPF_UINT(sizeof(x)) __dst;				\
	memcpy(&__dst, &__src, sizeof(__dst));				\
	(u64)__dst; })

#define __COMPAT_BPF_U64_1(a, ...) __COMPAT_BPF_U64(a)
#define __COMPAT_BPF_U64_2(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_1(__VA_ARGS__)
#define __COMPAT_BPF_U64_3(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_2(__VA_ARGS__)
#define __COMPAT_BPF_U64_4(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_3(__VA_ARGS__)
#define __COMPAT_BPF_U64_5(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_4(__VA_ARGS__)
#define __COMPAT_BPF_U64_6(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_5(__VA_ARGS__)
#define __COMPAT_BPF_U64_7(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_6(__VA_ARGS__)
#define __COMPAT_BPF_U64_8(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_7(__VA_ARGS__)
#define __COMPAT_BPF_U64_9(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_8(__VA_ARGS__)
#define __COMPAT_BPF_U64_10(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_9(__VA_ARGS__)
#define __COMPAT_BPF_U64_11(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_10(__VA_ARGS__)
#define __COMPAT_BPF_U64_12(a, ...) __COMPAT_BPF_U64(a), __COMPAT_BPF_U64_11(__VA_ARGS__)
/* As in the kernel, a tracepoint of more than 12 arguments has no entry. */
#define __COMPAT_BPF_ARGS(...)						\
	CONCATENATE(__COMPAT_BPF_U64_, COUNT_ARGS(__VA_ARGS__))(__VA_ARGS__)

/**
 * COMPAT_BPF_RAW_TRACE() - the BPF raw tracepoint entry of a tracepoint
 * @name: the tracepoint, defined in this file by DEFINE_TRACE()
 * @proto: its TP_PROTO()
 * @args: its TP_ARGS()
 *
 * The probe BPF programs attached by name are run from, and its
 * struct bpf_raw_event_map in the "__bpf_raw_tp_map" section.  The
 * check_trace_callback_type_<name>() call, compiled out, refuses a
 * @proto other than the tracepoint's.  Nothing without CONFIG_BPF_EVENTS.
 */
#define COMPAT_BPF_RAW_TRACE(name, proto, args)				\
	static notrace void __compat_bpf_trace_##name(void *__data, proto)	\
	{								\
		CONCATENATE(bpf_trace_run, COUNT_ARGS(args))		\
			(__data, __COMPAT_BPF_ARGS(args));		\
	}								\
	static inline void __compat_bpf_test_probe_##name(void)	\
	{								\
		check_trace_callback_type_##name(__compat_bpf_trace_##name); \
	}								\
	typedef void (*btf_trace_##name)(void *__data, proto);		\
	static union {							\
		struct bpf_raw_event_map event;				\
		btf_trace_##name handler;				\
	} __bpf_trace_tp_map_##name __used				\
	__section("__bpf_raw_tp_map") = {				\
		.event = {						\
			.tp		= &__tracepoint_##name,		\
			.bpf_func	= __compat_bpf_trace_##name,	\
			.num_args	= COUNT_ARGS(args),		\
		},							\
	}

#else

/* Takes the caller's semicolon, as the entry does. */
#define COMPAT_BPF_RAW_TRACE(name, proto, args)				\
	static_assert(1, "no BPF raw tracepoint entries here")

#endif

#endif /* _COMPAT_TRACEPOINT_BPF_H */
