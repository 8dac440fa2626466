#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# differential-test.sh [VERSION...]: the coccinelle differential test.
#
# 1. Copy coccinelle/sample (old trace_mark() sites + a KUnit suite of
#    old-style marker probes) twice under $MARKER_CACHE/cocci-diff/.
# 2. Run coccinelle/convert on the second copy; compare its report with
#    sample/expected-report; run it again and check nothing changes;
#    checkpatch --strict the converted sources.
# 3. For each kernel VERSION (default $MARKER_KVERS): link the copy in as
#    drivers/marker-cocci-sample next to the drivers/marker-compat drop-in
#    and run the KUnit suite in UML, first on the original copy (marker
#    core), then on the converted one (typed tracepoints + the generated
#    bridges); then sparse (C=2) on the converted directory.
#
# Build directories: $MARKER_CACHE/build/um-VERSION, the UML kernel of
# scripts/mct.py kunit-uml with the sample added (each copy is touched before
# its build, so only the sample is rebuilt; vmlinux must hold bridges
# after, and only after, the conversion).  Logs: $MARKER_CACHE/logs/cocci-*.
# Output is KTAP (scripts/lib/ktap.sh: plan, "ok N name" / "not ok N name
# # reason", "# " diagnostics, the "# Totals:" line), then the line "N
# passed, N failed"; exit status 0 when all passed.  Not called by
# run-tests.sh (it builds kernels): run it on its own.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scripts/env.sh"
. "$here/../scripts/lib/ktap.sh"

vers=${*:-$MARKER_KVERS}
stage=$MARKER_CACHE/cocci-diff
logdir=$MARKER_CACHE/logs
link=marker-cocci-sample

# drivers/Kconfig sources drivers/$link/Kconfig unconditionally (kconfig
# has no optional source any more), so the link must always point at a
# directory: at the repository's sample whenever the test is not running.
park() {
	local v t
	for v in $MARKER_KVERS $vers; do
		t=$MARKER_CACHE/linux-source-$v
		[ -L "$t/drivers/$link" ] && ln -sfn "$here/sample" "$t/drivers/$link"
	done
	return 0
}
park
trap park EXIT

mkdir -p "$stage" "$logdir" "$MARKER_CACHE/build"
nvers=$(echo $vers | wc -w)
ktap_plan $((4 + 3 * nvers))
rm -rf "$stage/orig" "$stage/conv"
cp -r "$here/sample" "$stage/orig"
cp -r "$here/sample" "$stage/conv"
rm -f "$stage/orig/expected-report" "$stage/conv/expected-report"

# --- conversion ---------------------------------------------------------------
(cd "$stage" && "$here/convert" --header conv/legacy_trace.h \
	--source conv/legacy_trace.c conv) > "$stage/report" 2>&1
rc=$?
if [ $rc -eq 0 ] && diff -u <(grep -v "^#" "$here/sample/expected-report") \
	"$stage/report" > "$stage/report.diff"; then
	ktap_ok convert_report
else
	ktap_diag_file "$stage/report.diff"
	ktap_not_ok convert_report "report differs from sample/expected-report (rc $rc)"
fi
if grep -q 'trace_legacy_irq_entry(irq, ip);' "$stage/conv/legacy_subsys.c"; then
	ktap_ok convert_rewrote_sample
else
	ktap_not_ok convert_rewrote_sample "no trace_legacy_irq_entry() call in the copy"
fi
cp -r "$stage/conv" "$stage/conv.again"
(cd "$stage" && "$here/convert" --header conv.again/legacy_trace.h \
	--source conv.again/legacy_trace.c conv.again) > /dev/null 2>&1
if diff -r "$stage/conv" "$stage/conv.again" > /dev/null; then
	ktap_ok convert_idempotent
else
	ktap_not_ok convert_idempotent "a second run changed the sample"
fi
rm -rf "$stage/conv.again"
tree612=$MARKER_CACHE/linux-source-6.12
if [ -x "$tree612/scripts/checkpatch.pl" ]; then
	if "$tree612/scripts/checkpatch.pl" --strict --no-tree -q -f \
		"$stage"/conv/*.c "$stage"/conv/*.h > "$stage/checkpatch.log" 2>&1; then
		ktap_ok checkpatch_converted
	else
		ktap_diag_file "$stage/checkpatch.log"
		ktap_not_ok checkpatch_converted "checkpatch --strict on the converted sources"
	fi
else
	ktap_skip checkpatch_converted "no checkpatch.pl in $tree612"
fi

# --- kernels ------------------------------------------------------------------
# The UML kernel of scripts/mct.py kunit-uml with the sample added: only the
# sample's objects differ, so no kernel of its own is built; only the
# sample's suite runs.
kunit() { # VERSION TREE COPY
	local ver=$1 tree=$2 copy=$3 build=$MARKER_CACHE/build/um-$1
	local log=$logdir/cocci-$copy-$ver.log
	# same paths for both copies: make them newer than the other's objects
	find "$stage/$copy" -type f -exec touch {} +
	ln -sfn "$stage/$copy" "$tree/drivers/$link"
	mkdir -p "$build"
	(cd "$tree" && python3 tools/testing/kunit/kunit.py run \
		--kunitconfig="$tree/drivers/marker-compat/kunit" \
		--kconfig_add CONFIG_MARKER_COCCI_SAMPLE=y \
		--build_dir="$build" --jobs="$(nproc)" 'marker_cocci*') \
		> "$log" 2>&1
	local rc=$?
	grep -E '^\[..:..:..\] (=+|.*(PASSED|FAILED|passed|failed|Testing complete))' "$log" |
		tail -4 | ktap_diag_file
	# the suite must have run, not only built
	# and on the copy it was given (the converted one has the bridges)
	local bridges
	bridges=$(nm "$build/vmlinux" 2>/dev/null | grep -c '_marker_bridge$')
	if [ "$copy" = conv ]; then
		[ "$bridges" -gt 0 ] || { ktap_diag "no bridges in vmlinux"; rc=1; }
	else
		[ "$bridges" -eq 0 ] || { ktap_diag "bridges in vmlinux"; rc=1; }
	fi
	if [ $rc -eq 0 ] && grep -q 'marker_cocci_legacy' "$log"; then
		ktap_ok "kunit_${ver}_$copy"
	else
		ktap_not_ok "kunit_${ver}_$copy" "log $log"
	fi
}

for ver in $vers; do
	if ! tree=$("$MARKER_REPO/scripts/prepare-tree.sh" "$ver"); then
		for t in "kunit_${ver}_orig" "kunit_${ver}_conv" "sparse_$ver"; do
			ktap_not_ok "$t" "scripts/prepare-tree.sh $ver failed"
		done
		continue
	fi
	grep -q "$link/" "$tree/drivers/Makefile" ||
		echo "obj-\$(CONFIG_MARKER_COCCI_SAMPLE)	+= $link/" >> "$tree/drivers/Makefile"
	grep -q "drivers/$link/Kconfig" "$tree/drivers/Kconfig" ||
		{ ln -sfn "$here/sample" "$tree/drivers/$link" &&
		  sed -i "\$ i source \"drivers/$link/Kconfig\"" "$tree/drivers/Kconfig"; }
	exec 9>"$MARKER_CACHE/build/um-$ver.lock"
	flock 9
	kunit "$ver" "$tree" orig
	kunit "$ver" "$tree" conv
	log=$logdir/cocci-sparse-$ver.log
	: > "$log.hits"
	if (cd "$tree" && make ARCH=um O="$MARKER_CACHE/build/um-$ver" \
		C=2 "drivers/$link/") > "$log" 2>&1 &&
		! grep -E "drivers/$link/.*(warning|error):" "$log" > "$log.hits"; then
		if marker_sparse_refused "$log"; then
			ktap_skip "sparse_$ver" "the tree refuses sparse $(sparse --version 2>&1)"
		else
			ktap_ok "sparse_$ver"
		fi
	else
		ktap_diag_file "$log.hits"
		ktap_not_ok "sparse_$ver" "sparse C=2 (log $log)"
	fi
	exec 9>&-
done

ktap_finished --summary
