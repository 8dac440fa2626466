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
# The vCPUs run on one TCG thread: with one thread per vCPU, a CPU was seen
# to execute a stale int3 of the kernel's live code patching (jump labels
# switched while other CPUs ran the site) and die; the guest's kernel
# still sees, schedules and preempts across N CPUs.
#
# MARKER_GUEST_TIMEOUT (seconds per test, default 900: the debug kernel
# under TCG is slow).  Logs:
# $MARKER_CACHE/logs/guest-VERSION-cpusN.log.
set -uo pipefail
[ $# -eq 0 ] || { export MARKER_X86_KVER=$1; shift; }
. "$(dirname "$0")/x86-lib.sh"

logdir=$MARKER_CACHE/logs
mkdir -p "$logdir"
test_timeout=${MARKER_GUEST_TIMEOUT:-900}
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

# Lines a healthy kernel never prints.
bad='WARNING:|BUG:|Oops|Kernel panic|Call Trace:|general protection|'
bad+='possible circular locking|inconsistent lock state|suspicious RCU usage|'
bad+='KASAN:|unreferenced object|detected stall'

for cpus in "${!groups[@]}"; do
	log=$logdir/guest-$X86_KVER-cpus$cpus.log
	echo "x86-guest: $X86_KVER, $cpus vCPUs: ${groups[$cpus]//,/ }"
	t0=$SECONDS
	cmdline=(console=ttyS0 root=host0 rootfstype=9p
		 rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose
		 ro "init=$MARKER_REPO/tests/guest/lib/init.sh" panic=-1 pci=noacpi
		 kunit.filter_glob=marker_compat_no_suite
		 "marker_repo=$MARKER_REPO" "marker_tests=${groups[$cpus]}"
		 "marker_modules=$mods" "marker_kver=$X86_KVER"
		 "marker_timeout=$test_timeout")
	n=$(tr , '\n' <<< "${groups[$cpus]}" | wc -l)
	timeout $((test_timeout * n + 120)) \
		qemu-system-x86_64 -nographic -no-reboot -m 2048 -smp "$cpus" \
		-accel tcg,thread=single -cpu max -kernel "$X86_BZIMAGE" \
		-virtfs local,path=/,mount_tag=host0,security_model=none,readonly=on,multidevs=remap \
		-append "${cmdline[*]}" < /dev/null 2>&1 | tr -d '\r' > "$log"
	echo "x86-guest: QEMU done after $((SECONDS - t0)) s; console: $log"

	# The tests' KTAP document, without the kernel's own (KUnit's, at boot).
	sed -n '/^# guest: tests begin/,/^# guest: end of tests/p' "$log" |
		python3 "$X86_TREE/tools/testing/kunit/kunit.py" parse ||
		rc=1
	if grep -nE "$bad" "$log"; then
		echo "x86-guest: the kernel complained on the console (above): failing"
		rc=1
	fi
	grep -q '^# guest: end of kernel log' "$log" ||
		{ echo "x86-guest: the guest did not finish (see $log)"; rc=1; }
done
exit "$rc"
