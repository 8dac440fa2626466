#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# x86-guest.sh VERSION [TEST.sh...]: run the guest tests, tests/guest/*.sh,
# in the x86_64 test kernel of kunit-x86.sh under QEMU (TCG), booted with
# the host's own root file system read-only over virtio-9p: the tests use
# the machine's trace-cmd, perf, bpftrace, insmod and shell.
#
# Every executable tests/guest/*.sh is a test (tests/guest/lib/ holds what
# they share); with TEST arguments, only those run.  A test may ask for
# its guest in a comment line of its own:
#   # guest: cpus=N       N vCPUs (default 2); tests are grouped into one
#                         boot per vCPU count
# Inside, tests/guest/lib/init.sh runs them and prints one KTAP document,
# each test a subtest; the host parses it with the kernel tree's kunit.py.
# Any WARNING, BUG, Oops, lockdep or KASAN report, or kmemleak finding on
# a console fails the step, whatever the KTAP says.
#
# The boot is x86-lib.sh's x86_guest: the vCPUs run on one TCG thread;
# the guest's kernel still sees, schedules and preempts across N CPUs.
#
# MARKER_GUEST_TIMEOUT (seconds per test, default 900: the debug kernel
# under TCG is slow).  Logs:
# $MARKER_CACHE/logs/guest-VERSION-cpusN.log.
set -uo pipefail
[ $# -eq 0 ] || { export MARKER_X86_KVER=$1; shift; }
. "$(dirname "$0")/x86-lib.sh"

logdir=$MARKER_CACHE/logs
mkdir -p "$logdir"
rc=0

fail() {
	echo "x86-guest: FAILED: $*" >&2
	exit 1
}

cd "$MARKER_REPO" || fail "no repository"
if [ $# -gt 0 ]; then
	tests=("$@")
else
	mapfile -t tests < <(find tests/guest -maxdepth 1 -name '*.sh' \
			     -perm -u+x -printf '%f\n' | sort)
fi
[ ${#tests[@]} -gt 0 ] || fail "no test in tests/guest"

x86_ready x86-guest
mods=$X86_BUILD-guest-modules
x86_ext_build tests/modules > "$logdir/x86-guest-modules.log" 2>&1 ||
	{ tail -n 30 "$logdir/x86-guest-modules.log"; fail "building tests/modules"; }
rm -rf "$mods"
mkdir -p "$mods"
cp "$X86_BUILD"/drivers/marker-compat/samples/*.ko "$X86_EXT"/tests/modules/*.ko \
	"$mods"/ || fail "no modules to copy"

# One boot per vCPU count.
declare -A groups
for t in "${tests[@]}"; do
	cpus=$(sed -n 's/^# guest: .*cpus=\([0-9]*\).*/\1/p' "tests/guest/$t" | head -n 1)
	cpus=${cpus:-2}
	groups[$cpus]+=${groups[$cpus]:+,}$t
done

# The boots run side by side: each is one QEMU thread (above), so on a
# machine with two CPUs or more two boots take the time of the longer.
# Each boot's report is printed whole once every boot is over.
pids=()
for cpus in "${!groups[@]}"; do
	echo "x86-guest: $X86_KVER, $cpus vCPUs: ${groups[$cpus]//,/ }"
	x86_guest x86-guest "$logdir/guest-$X86_KVER-cpus$cpus.log" "$cpus" \
		tests/guest "$mods" "${groups[$cpus]}" \
		> "$logdir/guest-$X86_KVER-cpus$cpus.report" 2>&1 &
	pids+=("$!")
done
for pid in "${pids[@]}"; do
	wait "$pid" || rc=1
done
for cpus in "${!groups[@]}"; do
	cat "$logdir/guest-$X86_KVER-cpus$cpus.report"
done
exit "$rc"
