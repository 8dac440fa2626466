# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Sourced by kunit-x86.sh, x86-guest.sh, x86-modular.sh and bench.sh: the x86_64 kernel (built
# with kunit.py, run under QEMU TCG), external modules built against it,
# and a busybox initramfs to boot them with.
#
# MARKER_X86_KVER  kernel version (default 6.1)
# MARKER_X86_JOBS  make jobs (default: number of CPUs)
# MARKER_X86_TIMEOUT  seconds before a QEMU boot is killed (default 600)
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
X86_TIMEOUT=${MARKER_X86_TIMEOUT:-600}
X86_BZIMAGE=$X86_BUILD/arch/x86/boot/bzImage
X86_LOCK=$X86_BUILD.lock

# On top of kunit/.kunitconfig: real jump labels, loadable modules, an
# initramfs, the samples built in tree as modules, and debugfs for the
# control interface.
X86_KCONFIG_ADD=(
	CONFIG_JUMP_LABEL=y
	CONFIG_MODULES=y
	CONFIG_MODULE_UNLOAD=y
	CONFIG_BLK_DEV_INITRD=y
	CONFIG_MARKER_COMPAT_SAMPLES=m
	CONFIG_DEBUG_FS=y
)
# The guest of x86-guest.sh: the host's root over virtio-9p, several CPUs,
# and what the machine's tracing tools need (perf events, BPF, hist
# triggers).  The same build serves the KUnit run, so each kernel version
# is built once for every x86_64 test.
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
	CONFIG_SMP=y
	CONFIG_NR_CPUS=8
	CONFIG_PERF_EVENTS=y
	CONFIG_BPF_SYSCALL=y
	CONFIG_BPF_JIT=y
	CONFIG_BPF_EVENTS=y
	CONFIG_HIST_TRIGGERS=y
)
if [ "$X86_FLAVOUR" != bench ]; then
	X86_KCONFIG_ADD+=("${X86_GUEST_KCONFIG[@]}")
fi
# The test kernel can preempt (so "probes run with preemption disabled" is
# a real check) and is the debug kernel every x86_64 test runs on: lockdep
# and RCU proving (a lock-order problem between the marker core, the trace
# core and the tracepoint module notifier is a lockdep WARNING), sleeping
# in atomic context, KASAN, RCU-head and list debugging, and kmemleak.
# Any report fails the console check; kmemleak is read by a guest test.
if [ "$X86_FLAVOUR" != bench ]; then
	X86_KCONFIG_ADD+=(
		CONFIG_PREEMPT=y
		CONFIG_DEBUG_KERNEL=y
		CONFIG_DEBUG_ATOMIC_SLEEP=y
		CONFIG_PROVE_LOCKING=y
	)
fi
if [ "$X86_FLAVOUR" != bench ]; then
	X86_KCONFIG_ADD+=(
		CONFIG_PROVE_RCU=y
		CONFIG_KASAN=y
		CONFIG_KASAN_GENERIC=y
		CONFIG_DEBUG_OBJECTS=y
		CONFIG_DEBUG_OBJECTS_RCU_HEAD=y
		CONFIG_DEBUG_LIST=y
		CONFIG_DEBUG_KMEMLEAK=y
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
# (samples, tests/modules, tools/bench) against the kernel, from a copy.
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

# x86_initramfs OUT INIT FILE...: busybox, INIT as /init, FILEs in /mod.
x86_initramfs() {
	local out=$1 init=$2 root bb

	shift 2
	bb=$(command -v busybox || true)
	if [ -z "$bb" ] || readelf -d "$bb" 2>/dev/null | grep -q NEEDED; then
		echo "need a static busybox (apt-get install busybox-static)" >&2
		return 1
	fi
	root=$(mktemp -d)
	mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/mod"
	cp "$bb" "$root/bin/busybox"
	install -m 755 "$init" "$root/init"
	[ $# -eq 0 ] || cp "$@" "$root/mod/"
	mknod "$root/dev/console" c 5 1 2>/dev/null || true
	(cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 > "$out"
	rm -rf "$root"
}

# x86_boot INITRD LOG [KERNEL_ARGS...]: boot under QEMU TCG, console to LOG.
# The built-in KUnit suites are filtered out: kunit-x86.sh runs them with
# kunit.py.
X86_CMDLINE="console=ttyS0 rdinit=/init panic=-1 kunit.filter_glob=marker_compat_no_suite"
x86_boot() {
	local initrd=$1 log=$2 bios=() rc=0

	shift 2
	[ -f /usr/share/qemu/qboot.rom ] && bios=(-bios qboot.rom)
	timeout "$X86_TIMEOUT" qemu-system-x86_64 -nographic -no-reboot \
		-m 512 "${bios[@]}" -kernel "$X86_BZIMAGE" -initrd "$initrd" \
		-append "$X86_CMDLINE $*" \
		< /dev/null > "$log.raw" 2>&1 || rc=$?
	tr -d '\r' < "$log.raw" > "$log"
	rm -f "$log.raw"
	return $rc
}

# x86_log_clean LOG: no kernel warning, bug or oops on the console.
x86_log_clean() {
	! grep -nE 'WARNING:|BUG:|Oops|Kernel panic|Call Trace:|general protection' "$1"
}
