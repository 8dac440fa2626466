// SPDX-License-Identifier: GPL-2.0
/* A token-pasted name cannot be converted mechanically: reported. */
#define KVMTRACE_1D(evt, vcpu, d1, name) \
	trace_mark(kvm_trace_##name, "%u %p %u", KVM_TRC_##evt, vcpu, d1)
