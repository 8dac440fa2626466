#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Central typed tracepoints as BPF raw tracepoints: a BPF program attached
# by name to one defined in the kernel image (the example subsystem's
# virt_exit) and to one defined in a module (mct_tp_owner's mct_owned_tp)
# records the arguments of each firing, which must be the ones fired; the
# entry's argument count is the prototype's; once the owning module is
# gone, so is its raw tracepoint.  lib/raw_tp.py attaches as bpftrace's
# "rawtracepoint:" probe does (BPF_RAW_TRACEPOINT_OPEN by name), which
# Debian 12's bpftrace 0.17 lacks; the bpftrace one-liner itself runs
# where the guest's bpftrace has that probe.
. "$(dirname "$0")/lib/ktap.sh"

M=$MARKER_MODULES
P=/sys/module
RAW_TP="python3 $(dirname "$0")/lib/raw_tp.py"

ktap_plan 5

# virt-tracer's run=N fires virt_exit(vcpu, exit_reason, guest_rip) N
# times, the k-th with exit reason k at 0xffffffff81000000 + 0x10 * k.
insmod "$M/virt-tracer.ko"
RUN="echo 2 > $P/virt_tracer/parameters/run"
$RAW_TP virt_exit 3 sh -c "$RUN" > /tmp/tracepoints-bpf-exit 2>&1
ktap_diag_file < /tmp/tracepoints-bpf-exit
# The vCPU pointer is the module's: only its being set is known here.
ktap_check_eq "raw tracepoint of a built-in central tracepoint gets its arguments" \
	"vcpu 0x1 0xffffffff81000010
vcpu 0x2 0xffffffff81000020" \
	"$(awk '$1 ~ /^0xffff/ { print "vcpu", $2, $3 }' /tmp/tracepoints-bpf-exit)"

# bpf_probe_register() refuses a program reading past the entry's
# num_args with EINVAL; no entry at all would be ENOENT.
$RAW_TP virt_exit 4 true 2> /tmp/tracepoints-bpf-nargs
ktap_diag_file < /tmp/tracepoints-bpf-nargs
ktap_check_msg "its entry has the prototype's 3 arguments" \
	"a program reading a 4th argument of virt_exit was not refused with EINVAL" \
	grep -q 'virt_exit: \[Errno 22\]' /tmp/tracepoints-bpf-nargs

if bpftrace -l 'rawtracepoint:*' > /dev/null 2>&1; then
	bpftrace -e 'rawtracepoint:virt_exit { printf("exit %u 0x%lx\n", arg1, arg2); }' \
		-c "/bin/sh -c '$RUN'" > /tmp/tracepoints-bpf-bt 2>&1
	ktap_diag_file < /tmp/tracepoints-bpf-bt
	ktap_check_eq "bpftrace rawtracepoint:virt_exit one-liner" \
		"exit 1 0xffffffff81000010
exit 2 0xffffffff81000020" \
		"$(grep '^exit ' /tmp/tracepoints-bpf-bt)"
else
	ktap_skip "bpftrace rawtracepoint:virt_exit one-liner" \
		"$(bpftrace --version) has no rawtracepoint probe"
fi
rmmod virt_tracer

# mct_tp_owner's fire=N fires mct_owned_tp(int v) with 1 ... N.
insmod "$M/mct_tp_owner.ko"
$RAW_TP mct_owned_tp 1 sh -c "echo 3 > $P/mct_tp_owner/parameters/fire" \
	> /tmp/tracepoints-bpf-owned 2>&1
ktap_diag_file < /tmp/tracepoints-bpf-owned
ktap_check_eq "raw tracepoint of a module's central tracepoint gets its argument" \
	"0x1
0x2
0x3" \
	"$(grep '^0x' /tmp/tracepoints-bpf-owned)"
rmmod mct_tp_owner

$RAW_TP mct_owned_tp 1 true 2> /tmp/tracepoints-bpf-gone
ktap_diag_file < /tmp/tracepoints-bpf-gone
ktap_check_msg "a module's raw tracepoint is gone with the module" \
	"mct_owned_tp was not refused with ENOENT after rmmod mct_tp_owner" \
	grep -q 'mct_owned_tp: \[Errno 2\]' /tmp/tracepoints-bpf-gone
ktap_finished
