# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034
#
# The lines the guest writes that the host looks for, defined here only:
# init.sh sources this file and exports them to the tests (alloc_sweep.py
# reads them from its environment), and scripts/mct/results.py reads it.
# One NAME='line' a line: nothing else but comments and blank lines.

# init.sh's: the tests' KTAP begins, ends (the kernel log follows), and
# the guest is done.
MARKER_GUEST_BEGIN='# guest: tests begin'
MARKER_GUEST_END='# guest: end of tests; kernel log follows'
MARKER_GUEST_DONE='# guest: end of kernel log'

# Logged to the kernel log around failures a test injects on purpose
# (alloc_sweep.py): in between, the kernel's report of a failed allocation
# is expected, not a fault.
MARKER_INJECT_BEGIN='marker_compat_test: injected allocation failures begin'
MARKER_INJECT_END='marker_compat_test: injected allocation failures end'
