#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# oot-build.sh: build marker_compat.ko out of tree against Debian's installed
# kernel headers, with sparse (C=2) and W=1, then the sample modules in
# samples/ against the Module.symvers of that build, which lists the exports
# of marker_compat.ko and of the example subsystem, marker_compat_virt.ko
# (virt-tracer.ko calls virt_example_run()).
#
# The build runs in a copy of the repository under $MARKER_CACHE/oot, so no
# build products land in the checkout.  Fails if make fails, or if any
# compiler, sparse or modpost warning mentions a project file.
#
# KDIR overrides the headers directory (default: the newest
# /usr/src/linux-headers-*-amd64).  It may also be a kernel source tree
# with its build directory in KBUILD_OUTPUT, which kbuild reads as it
# reads O= (make -C KDIR O=BUILD M=...): scripts/mct.py modular builds
# against its x86_64 kernel so.  Logs: $MARKER_CACHE/logs/oot-*.log, or
# oot-VERSION-* for such a tree (VERSION from its linux-source-VERSION).
#
# sparse must run: a tree whose scripts/checker-valid.sh refuses the
# machine's sparse fails the build, unless SPARSE_OPTIONAL=1 (then the
# refusal is reported, and only the compiler's W=1 warnings are checked).
set -euo pipefail
. "$(dirname "$0")/env.sh"

if [ -z "${KDIR:-}" ]; then
	KDIR=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
	[ -n "$KDIR" ] || { echo "oot-build: no /usr/src/linux-headers-*-amd64 (apt-get install linux-headers-amd64)" >&2; exit 1; }
fi
[ -f "$KDIR/Makefile" ] || { echo "oot-build: $KDIR is not a kernel build directory" >&2; exit 1; }

oot=$MARKER_CACHE/oot
copy=$oot/src
logdir=$MARKER_CACHE/logs
logtag=oot
case $KDIR in */linux-source-*) logtag=oot-${KDIR##*/linux-source-} ;; esac
mkdir -p "$oot" "$logdir"

exec 9>"$oot.lock"
flock 9

# A fresh copy each time: every file is compiled and checked again.  Build
# products a developer left in the checkout are not copied (.gitignore).
rsync -a --delete --delete-excluded --exclude=/.git --filter=':- .gitignore' \
	"$MARKER_REPO/" "$copy/"

# check_log NAME LOG: fail on warnings or errors about project files.
# Paths of project files are $copy/... (M= builds use absolute paths up
# to 6.12) or relative to the module directory (some tools; from 6.13 on,
# M= builds, which may prefix ./, the module directory itself, or ../).
check_log()
{
	local name=$1 log=$2 bad other
	# grep on a missing log finds no warning: the log must be there.
	if [ ! -s "$log" ]; then
		echo "oot-build: $name: no build log $log" >&2
		return 1
	fi
	bad=$(grep -E "^($copy/|\./|(\.\./)?(markers|kunit|include/compat|samples|tracepoints)/)[^:]*:[0-9]+(:[0-9]+)?: (warning|error):" "$log" || true)
	bad+=$(grep -E '^(WARNING|ERROR): modpost:' "$log" | sed 's/^/\n/' || true)
	other=$(grep -cE ': (warning|error):' "$log" || true)
	if marker_sparse_refused "$log"; then
		if [ "${SPARSE_OPTIONAL:-0}" != 1 ]; then
			echo "oot-build: $name: sparse did not run: $KDIR's checker-valid.sh refuses $(sparse --version 2>&1)" >&2
			return 1
		fi
		echo "oot-build: $name: sparse not run ($KDIR's checker-valid.sh refuses sparse $(sparse --version 2>&1)): W=1 only"
	fi
	if [ -n "$bad" ]; then
		echo "oot-build: $name: warnings in project files:" >&2
		printf '%s\n' "$bad" | sed '/^$/d' >&2
		return 1
	fi
	echo "oot-build: $name: no warnings in project files ($other warning lines in total)"
}

# make_step NAME LOG make-args...
make_step()
{
	local name=$1 log=$2 rc=0
	shift 2
	echo "oot-build: $name: make $*"
	make "$@" 2>&1 | tee "$log" || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "oot-build: $name: make FAILED (status $rc), log: $log" >&2
		return 1
	fi
	check_log "$name" "$log"
}

echo "oot-build: headers: $KDIR${KBUILD_OUTPUT:+ (build directory $KBUILD_OUTPUT)}"
echo "oot-build: sources: $copy (copy of $MARKER_REPO)"

core_log=$logdir/$logtag-core.log
if ! make_step core "$core_log" -C "$KDIR" M="$copy" C=2 W=1 modules; then
	echo "oot-build: FAILED: marker_compat.ko" >&2
	exit 1
fi
[ -f "$copy/marker_compat.ko" ] || { echo "oot-build: marker_compat.ko was not built" >&2; exit 1; }
echo "oot-build: built $copy/marker_compat.ko"

# samples/Kbuild is part of the project: without it the samples would go
# unbuilt and unchecked, which is a failure, not a skip.
if [ ! -f "$copy/samples/Kbuild" ] && [ ! -f "$copy/samples/Makefile" ]; then
	echo "oot-build: FAILED: samples/ has no Kbuild" >&2
	exit 1
fi

# Marker events come with the module where the kernel has event tracing
# and dynamic events (Debian's has both: Kbuild); the trace core finds
# the module's control event in its _ftrace_events section
# (markers/event_control.c).  The record path runs on every hit of an
# enabled event, so the function tracer must not trace it (Debian's
# kernel has it: any other object here calls __fentry__).  Naming fields
# runs only when an event is created, so format_names.o may be traced;
# filtering ahead of the record (event_filter.o) is for a built-in core.
record_objs=(markers/event.o markers/event_format.o)
events_objs=("${record_objs[@]}" markers/event_control.o markers/format_names.o)
for o in "${events_objs[@]}"; do
	[ -f "$copy/$o" ] || { echo "oot-build: $o was not built: no marker events in the module" >&2; exit 1; }
done
sections=$(objdump -h "$copy/marker_compat.ko") || exit 1
grep -q ' _ftrace_events ' <<< "$sections" ||
	{ echo "oot-build: marker_compat.ko has no _ftrace_events section: no control event" >&2; exit 1; }
# calls_fentry OBJ: does OBJ call the function tracer's entry hook?
calls_fentry()
{
	local relocs

	relocs=$(objdump -r "$1") || return 2
	grep -q __fentry__ <<< "$relocs"
}
calls_fentry "$copy/markers/registry.o" ||
	{ echo "oot-build: $KDIR builds without __fentry__: cannot check notrace" >&2; exit 1; }
for o in "${record_objs[@]}"; do
	if calls_fentry "$copy/$o"; then
		echo "oot-build: $o calls __fentry__: the function tracer can trace the record path" >&2
		exit 1
	fi
done
echo "oot-build: marker events built in the module, the record path not traceable by the function tracer"

samples_log=$logdir/$logtag-samples.log
if ! make_step samples "$samples_log" -C "$KDIR" M="$copy/samples" C=2 W=1 \
		KBUILD_EXTRA_SYMBOLS="$copy/Module.symvers" \
		CONFIG_MARKER_COMPAT_SAMPLES=m modules; then
	echo "oot-build: FAILED: sample modules" >&2
	exit 1
fi
built=$(cd "$copy/samples" && ls ./*.ko 2>/dev/null | sed 's|^\./||' | tr '\n' ' ')
[ -n "$built" ] || { echo "oot-build: no sample module was built" >&2; exit 1; }
echo "oot-build: built samples: $built"
echo "oot-build: OK"
