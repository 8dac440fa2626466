# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by kunit-x86.sh, x86-guest.sh, x86-modular.sh and bench.sh: the
# x86_64 kernel (built with kunit.py, run under QEMU TCG), external modules
# built against it, and the guest that boots it with the host's own root
# file system (x86_guest).
#
# MARKER_X86_KVER  kernel version (default 6.1)
# MARKER_X86_JOBS  make jobs (default: number of CPUs)
# MARKER_X86_FLAVOUR  "test" (default): the debug kernel every x86_64 test
#                     runs on; "modular": the same kernel with the shim
#                     built in tree as modules (core, example, KUnit
#                     suites); "bench": without the debug options, since
#                     they weigh on what the benchmark measures.  "test"
#                     and "modular" share a build directory: they differ
#                     in the shim's own options only, so switching between
#                     them rebuilds the shim and relinks, where a build
#                     directory of its own would cost a whole debug kernel.

. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

X86_KVER=${MARKER_X86_KVER:-6.1}
X86_FLAVOUR=${MARKER_X86_FLAVOUR:-test}
case $X86_FLAVOUR in
test|modular) X86_BUILD=$MARKER_CACHE/build/x86_64-$X86_KVER ;;
bench)	X86_BUILD=$MARKER_CACHE/build/x86_64-$X86_KVER-bench ;;
*)	echo "MARKER_X86_FLAVOUR must be test, modular or bench" >&2; exit 1 ;;
esac
# External modules are built from a copy: M= builds write next to the source.
X86_EXT=$X86_BUILD-ext
X86_JOBS=${MARKER_X86_JOBS:-$(nproc)}
X86_BZIMAGE=$X86_BUILD/arch/x86/boot/bzImage
X86_LOCK=$X86_BUILD.lock

# On top of kunit/.kunitconfig: real jump labels, loadable modules, the
# samples built in tree as modules, and debugfs for the control interface.
X86_KCONFIG_ADD=(
	CONFIG_JUMP_LABEL=y
	CONFIG_MODULES=y
	CONFIG_MODULE_UNLOAD=y
	CONFIG_MARKER_COMPAT_SAMPLES=m
	CONFIG_DEBUG_FS=y
)
# Every flavour boots as the guest of x86_guest: the host's root over
# virtio-9p (6.1's 9P_FS depends on INET), tmpfs and devtmpfs, a script as
# init.
X86_GUEST_KCONFIG=(
	CONFIG_PCI=y
	CONFIG_VIRTIO_MENU=y
	CONFIG_VIRTIO_PCI=y
	CONFIG_NET=y
	CONFIG_INET=y
	CONFIG_UNIX=y
	CONFIG_NET_9P=y
	CONFIG_NET_9P_VIRTIO=y
	CONFIG_NETWORK_FILESYSTEMS=y
	CONFIG_9P_FS=y
	CONFIG_TMPFS=y
	CONFIG_DEVTMPFS=y
	CONFIG_BINFMT_SCRIPT=y
)
X86_KCONFIG_ADD+=("${X86_GUEST_KCONFIG[@]}")
# The debug kernel's guest tests also get several CPUs and what the
# machine's tracing tools need (perf events, BPF, hist triggers).  The
# same build serves the KUnit run and the modular run, so each kernel
# version is built once for every x86_64 test.  The bench kernel is
# uniprocessor: its guest runs on one vCPU.
if [ "$X86_FLAVOUR" != bench ]; then
	X86_KCONFIG_ADD+=(
		CONFIG_SMP=y
		CONFIG_NR_CPUS=8
		CONFIG_PERF_EVENTS=y
		CONFIG_BPF_SYSCALL=y
		CONFIG_BPF_JIT=y
		CONFIG_BPF_EVENTS=y
		CONFIG_HIST_TRIGGERS=y
	)
fi
# The test kernel can preempt (so "probes run with preemption disabled" is
# a real check) and is the debug kernel every x86_64 test runs on: lockdep
# and RCU proving (a lock-order problem between the marker core, the trace
# core and the tracepoint module notifier is a lockdep WARNING), sleeping
# in atomic context, KASAN, RCU-head and list debugging, and kmemleak.
# Any report fails the console check; kmemleak is read by a guest test.
# Fault injection (failslab, driven per task through fail-nth) lets a
# guest test fail each allocation of a path in turn.
if [ "$X86_FLAVOUR" != bench ]; then
	X86_KCONFIG_ADD+=(
		CONFIG_PREEMPT=y
		CONFIG_DEBUG_KERNEL=y
		CONFIG_DEBUG_ATOMIC_SLEEP=y
		CONFIG_PROVE_LOCKING=y
		CONFIG_PROVE_RCU=y
		CONFIG_KASAN=y
		CONFIG_KASAN_GENERIC=y
		CONFIG_DEBUG_OBJECTS=y
		CONFIG_DEBUG_OBJECTS_RCU_HEAD=y
		CONFIG_DEBUG_LIST=y
		CONFIG_DEBUG_KMEMLEAK=y
		CONFIG_FAULT_INJECTION=y
		CONFIG_FAILSLAB=y
		CONFIG_FAULT_INJECTION_DEBUG_FS=y
	)
fi
if [ "$X86_FLAVOUR" = modular ]; then
	X86_KCONFIG_ADD+=(
		CONFIG_MARKER_COMPAT=m
		CONFIG_MARKER_COMPAT_VIRT_EXAMPLE=m
		CONFIG_MARKER_COMPAT_KUNIT_TEST=m
	)
fi

x86_say() {
	printf '%s\n' "== $*" >&2
}

# Unpack/prepare the kernel tree: sets X86_TREE.
x86_tree() {
	X86_TREE=$("$MARKER_REPO/scripts/prepare-tree.sh" "$X86_KVER" | tail -n 1)
	mkdir -p "$MARKER_CACHE/build"
}

# x86_kunit SUBCOMMAND ARGS...: kunit.py for x86_64 with the shim's
# kunitconfig; one build at a time per build directory.
x86_kunit() {
	local sub=$1 c
	local args=(--arch=x86_64
		    "--kunitconfig=$X86_TREE/drivers/marker-compat/kunit"
		    "--build_dir=$X86_BUILD" "--jobs=$X86_JOBS")

	shift
	for c in "${X86_KCONFIG_ADD[@]}"; do
		args+=(--kconfig_add "$c")
	done
	(cd "$X86_TREE" &&
	 flock "$X86_LOCK" python3 tools/testing/kunit/kunit.py "$sub" \
		"${args[@]}" "$@")
}

# Build the kernel unless it was built, in this flavour, after the last
# change to the repository (kunit.py build is incremental, but even a
# no-op build walks the whole tree).
X86_STAMP=$X86_BUILD/.marker-compat-built

# Around a kernel build: the stamp gets the time the build started and
# names the flavour built.
x86_stamp_begin() {
	mkdir -p "$X86_BUILD"
	rm -f "$X86_STAMP"
	echo "$X86_FLAVOUR" > "$X86_STAMP.new"
}

x86_stamp_end() {
	mv -f "$X86_STAMP.new" "$X86_STAMP"
}

x86_kernel() {
	if [ -f "$X86_BZIMAGE" ] && [ -f "$X86_STAMP" ] &&
	   [ "$(cat "$X86_STAMP")" = "$X86_FLAVOUR" ] &&
	   [ -z "$(find "$MARKER_REPO" -name .git -prune -o -type f \
		-newer "$X86_STAMP" -print -quit 2>/dev/null)" ]; then
		return 0
	fi
	x86_say "building the x86_64 $X86_KVER kernel in $X86_BUILD"
	x86_stamp_begin
	x86_kunit build && x86_stamp_end
}

# x86_ready WHO: prepare the tree and build the kernel if needed, logging to
# $MARKER_CACHE/logs/WHO-build.log; on failure say so as WHO and exit.
x86_ready() {
	local who=$1 log=$MARKER_CACHE/logs/$1-build.log

	mkdir -p "$MARKER_CACHE/logs"
	if ! x86_tree; then
		echo "$who: FAILED: cannot prepare the $X86_KVER tree" >&2
		exit 1
	fi
	if ! x86_kernel > "$log" 2>&1; then
		tail -n 30 "$log"
		echo "$who: FAILED: kernel build (see $log)" >&2
		exit 1
	fi
}

# x86_ext_build DIR...: build the repository's external module directories
# (tests/modules, tools/bench) against the kernel, from a copy.
x86_ext_build() {
	local d

	mkdir -p "$X86_EXT"
	ln -sfn "$MARKER_REPO/include" "$X86_EXT/include"
	for d in "$@"; do
		rm -rf "${X86_EXT:?}/$d"
		mkdir -p "$X86_EXT/$(dirname "$d")"
		cp -r "$MARKER_REPO/$d" "$X86_EXT/$d"
		x86_say "building $d against $X86_BUILD"
		flock "$X86_LOCK" make -s -C "$X86_TREE" O="$X86_BUILD" \
			M="$X86_EXT/$d" -j"$X86_JOBS" modules || return 1
	done
}

# x86_guest WHO LOG CPUS TESTDIR MODULES TESTS [KERNEL_ARG...]: boot the
# kernel under QEMU TCG with the host's root file system read-only over
# virtio-9p and tests/guest/lib/init.sh as init, which runs TESTS
# (comma-separated script names in TESTDIR, a directory of the repository)
# with $MARKER_MODULES=MODULES and prints their KTAP; console to LOG.
# The built-in KUnit suites are filtered out (kunit-x86.sh runs them with
# kunit.py); a KERNEL_ARG kunit.filter_glob=... overrides that.  Then the
# KTAP is parsed with the tree's kunit.py, and the console must be clean
# and show the guest's end.  Returns non-zero if anything failed; WHO
# prefixes the messages.
#
# The vCPUs run on one TCG thread: with one thread per vCPU, a CPU was seen
# to execute a stale int3 of the kernel's live code patching (jump labels
# switched while other CPUs ran the site) and die.  pci=noacpi: under TCG
# with KASAN and a busy host, ACPI's evaluation of the PCI interrupt
# routing hit the interpreter's loop timeout, leaving virtio-pci without
# an interrupt and the root unmountable.  la57=off: with 5-level paging,
# an interrupt taken while identify_cpu() rebuilds the boot CPU's
# features (LA57 momentarily clear) made KASAN report a wild access at
# boot, on 6.1 and 6.12, when the host was busy.
#
# MARKER_GUEST_TIMEOUT: seconds one test may take (default 900: the debug
# kernel under TCG is slow).
X86_GUEST_TIMEOUT=${MARKER_GUEST_TIMEOUT:-900}
# Lines a healthy kernel never prints.
X86_GUEST_BAD='WARNING:|BUG:|Oops|Kernel panic|Call Trace:|general protection|'
X86_GUEST_BAD+='possible circular locking|inconsistent lock state|suspicious RCU usage|'
X86_GUEST_BAD+='KASAN:|unreferenced object|detected stall'
x86_guest() {
	local who=$1 log=$2 cpus=$3 dir=$4 mods=$5 tests=$6 n rc=0 t0=$SECONDS
	local cmdline

	shift 6
	cmdline=(console=ttyS0 root=host0 rootfstype=9p
		 rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose
		 ro "init=$MARKER_REPO/tests/guest/lib/init.sh" panic=-1 pci=noacpi
		 kunit.filter_glob=marker_compat_no_suite "marker_repo=$MARKER_REPO" "marker_testdir=$dir"
		 "marker_tests=$tests" "marker_modules=$mods"
		 "marker_kver=$X86_KVER" "marker_timeout=$X86_GUEST_TIMEOUT" "$@")
	n=$(tr , '\n' <<< "$tests" | wc -l)
	timeout $((X86_GUEST_TIMEOUT * n + 120)) \
		qemu-system-x86_64 -nographic -no-reboot -m 2048 -smp "$cpus" \
		-accel tcg,thread=single -cpu max,la57=off -kernel "$X86_BZIMAGE" \
		-virtfs local,path=/,mount_tag=host0,security_model=none,readonly=on,multidevs=remap \
		-append "${cmdline[*]}" < /dev/null 2>&1 | tr -d '\r' > "$log"
	echo "$who: QEMU done after $((SECONDS - t0)) s; console: $log"

	# The tests' KTAP document, without the kernel's own (KUnit's, at boot).
	x86_guest_ktap "$log" |
		python3 "$X86_TREE/tools/testing/kunit/kunit.py" parse || rc=1
	if x86_console_faults "$log"; then
		echo "$who: the kernel complained on the console (above): failing"
		rc=1
	fi
	grep -q '^# guest: end of kernel log' "$log" ||
		{ echo "$who: the guest did not finish (see $log)"; rc=1; }
	return $rc
}

# x86_console_faults LOG: print (numbered) the lines of LOG a healthy
# kernel never prints; succeed if there is one.  A report of a failed
# allocation (warn_alloc(): its first line to the end of its stack dump)
# is let through between the lines a test prints around allocation
# failures it injects on purpose (tests/guest/lib/alloc_sweep.py).
x86_console_faults() {
	awk '
		{ l = $0; gsub(/\033\[[0-9;]*m/, "", l) }	# the console colours
		l ~ /marker_compat_test: injected allocation failures begin/ { inj = 1 }
		l ~ /marker_compat_test: injected allocation failures end/ { inj = 0 }
		inj && l ~ /(vmalloc error: size|page allocation failure:)/ { skip = 1 }
		!skip { printf "%d:%s\n", NR, $0 }
		skip && l ~ /<\/TASK>/ { skip = 0 }
	' "$1" | grep -E "$X86_GUEST_BAD"
}

# x86_guest_ktap LOG: the tests' KTAP document on a guest console.
x86_guest_ktap() {
	sed -n '/^# guest: tests begin/,/^# guest: end of tests/p' "$1"
}

# x86_log_clean LOG: no kernel warning, bug or oops on the console.
x86_log_clean() {
	! grep -nE 'WARNING:|BUG:|Oops|Kernel panic|Call Trace:|general protection' "$1"
}
