#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dkms-check.sh: the DKMS package, end to end, against Debian's installed
# kernel headers (the newest /usr/src/linux-headers-*-amd64; KDIR
# overrides), changing nothing outside $MARKER_CACHE/dkms:
#
#  1. marker-compat-dkms_VERSION_all.deb builds (dpkg-buildpackage -b) from
#     a copy of the checkout, and dpkg-deb shows what it must hold: the
#     sources dkms builds under /usr/src/marker-compat-VERSION, dkms.conf,
#     the client headers, a dependency on dkms, dh_dkms's postinst;
#  2. dkms, in a sandbox (--sourcetree: the sources unpacked from that
#     .deb; --dkmstree, --installtree, TMPDIR and the signing key in the
#     cache), adds and builds the module for the headers' kernel: the
#     module is signed with the sandbox's key, and the client's files
#     (Module.symvers, include/compat/) are beside it;
#  3. that marker_compat.ko is the one "make modules" builds: the same
#     symbols and the same exports;
#  4. installed as "apt install" installs it: in a private mount
#     namespace, with overlays over /usr/src, /lib/modules and
#     /var/lib/dkms whose upper layers are in the cache, the .deb's files
#     under /usr/src and its own postinst: the module is installed and
#     depmod finds it; a client (the sample modules, with the Kbuild
#     packaging.rst shows) builds against the headers and Module.symvers
#     at the documented path alone, without a warning, and depends on
#     marker_compat; and dkms's kernel hook, run as for a kernel
#     installed later, builds and installs the module again.
#
# Needs root (mount namespaces; make check runs as root).  Fails when a
# tool is missing (setup.sh installs them).  Logs:
# $MARKER_CACHE/logs/dkms-*.log.
set -euo pipefail
. "$(dirname "$0")/env.sh"

fail() { echo "dkms: FAILED: $*" >&2; exit 1; }

for tool in dkms dpkg-buildpackage dh_dkms dpkg-deb rsync modinfo nm unshare; do
	command -v "$tool" >/dev/null ||
		fail "no $tool (scripts/setup.sh installs dkms, dh-dkms, debhelper, dpkg-dev)"
done

if [ -z "${KDIR:-}" ]; then
	KDIR=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
	[ -n "$KDIR" ] || fail "no /usr/src/linux-headers-*-amd64 (apt-get install linux-headers-amd64)"
fi
# The kernel's release, as uname -r gives it (Debian's kernel.release
# holds the upstream version instead).
kver=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$KDIR/include/generated/utsrelease.h" 2>/dev/null || true)
[ -n "$kver" ] || fail "$KDIR is not a prepared kernel headers directory (no UTS_RELEASE)"
arch=$(uname -m)

# The version, where dkms.conf keeps it (its one place, debian/rules
# reads it the same way).
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$MARKER_REPO/dkms.conf")
[ -n "$ver" ] || fail "no PACKAGE_VERSION=\"...\" line in dkms.conf"

work=$MARKER_CACHE/dkms
logdir=$MARKER_CACHE/logs
root=$work/root
client=$work/client

# is_installed: does dkms say the module is installed for $kver?  (Read
# whole first: grep -q leaving early would fail the pipe.)
is_installed()
{
	local status

	status=$(dkms status -m marker-compat -v "$ver" -k "$kver")
	grep -q ': installed$' <<< "$status"
}

# installed: part 4, run by this script in a private mount namespace,
# where its mounts are seen by nothing else and go with it.
installed()
{
	local d upper deb_postinst=$work/control/postinst
	local inst=/var/lib/dkms/marker-compat/kernel-$kver-$arch

	for d in /usr/src /lib/modules /var/lib/dkms; do
		upper=$work/overlay/upper$d
		mkdir -p "$d" "$upper" "$work/overlay/work$d"
		mount -t overlay overlay -o "lowerdir=$d,upperdir=$upper,workdir=$work/overlay/work$d" "$d" ||
			fail "cannot mount an overlay over $d"
	done
	# What dpkg would unpack (dkms reads nothing else), then the
	# package's own postinst, as "apt install" runs it.
	cp -a "$root/usr/src/marker-compat-$ver" /usr/src/
	"$deb_postinst" configure || fail "the package's postinst"
	is_installed || fail "dkms status: $(dkms status -m marker-compat)"
	[ "$(modinfo -k "$kver" -F filename marker_compat)" = "/lib/modules/$kver/updates/dkms/marker_compat.ko" ] ||
		fail "depmod does not find marker_compat in /lib/modules/$kver/updates/dkms"
	[ -s "$inst/Module.symvers" ] || fail "no $inst/Module.symvers"
	[ "$(modinfo -k "$kver" -F signer marker_compat)" = "DKMS module signing key" ] ||
		fail "the installed marker_compat.ko is not signed by /var/lib/dkms/mok.key"
	echo "dkms: installed: /lib/modules/$kver/updates/dkms/marker_compat.ko (signed), $inst/Module.symvers"

	# A client, as packaging.rst builds one.
	mkdir -p "$client"
	cp "$MARKER_REPO/samples/marker-example.c" "$MARKER_REPO/samples/probe-example.c" "$client/"
	cat > "$client/Kbuild" <<-'EOF'
	obj-m := marker-example.o probe-example.o
	ccflags-y += -I$(MARKER_COMPAT)/include
	EOF
	log=$logdir/dkms-client.log
	echo "dkms: client: make -C $KDIR M=$client MARKER_COMPAT=$inst KBUILD_EXTRA_SYMBOLS=$inst/Module.symvers W=1 modules (log: $log)"
	make -C "$KDIR" M="$client" MARKER_COMPAT="$inst" KBUILD_EXTRA_SYMBOLS="$inst/Module.symvers" \
		W=1 modules > "$log" 2>&1 || { cat "$log" >&2; fail "the client build (log: $log)"; }
	bad=$(grep -E "^($client/|\./)?[^ :]*\.[ch]:[0-9]+(:[0-9]+)?: (warning|error):|^(WARNING|ERROR): modpost:" "$log" || true)
	[ -z "$bad" ] || { printf '%s\n' "$bad" >&2; fail "warnings in the client build (log: $log)"; }
	# The headers came from the installed shim, not from the checkout.
	! grep -qs "$MARKER_REPO/include" "$client"/.*.o.cmd || fail "the client read the checkout's headers"
	grep -qs "$inst/include/compat/marker.h" "$client"/.marker-example.o.cmd ||
		fail "the client did not read $inst/include/compat/marker.h"
	for m in marker-example probe-example; do
		[ -f "$client/$m.ko" ] || fail "no $client/$m.ko"
		[ "$(modinfo -F depends "$client/$m.ko")" = marker_compat ] ||
			fail "$m.ko depends on '$(modinfo -F depends "$client/$m.ko")', not marker_compat"
	done
	echo "dkms: client built: marker-example.ko, probe-example.ko (depend on marker_compat)"

	# A kernel installed later: its package runs dkms's kernel hook,
	# which builds and installs every added AUTOINSTALL module.  The
	# build for $kver undone first (the module stays added) stands for a
	# kernel without one.
	dkms unbuild -m marker-compat -v "$ver" -k "$kver" > /dev/null || fail "dkms unbuild -k $kver"
	[ ! -e "/lib/modules/$kver/updates/dkms/marker_compat.ko" ] || fail "dkms unbuild left the module"
	/etc/kernel/postinst.d/dkms "$kver" || fail "/etc/kernel/postinst.d/dkms $kver"
	is_installed || fail "the kernel hook did not install marker-compat for $kver (AUTOINSTALL)"
	echo "dkms: the kernel hook (/etc/kernel/postinst.d/dkms $kver) built and installed it again"
}
if [ "${1:-}" = --installed ]; then
	# The key the package's users get: /var/lib/dkms/mok.key (in the
	# overlay), not the sandbox's of part 2.
	unset mok_signing_key mok_certificate
	export TMPDIR=$work/tmp
	installed
	exit
fi

mkdir -p "$work" "$logdir"
exec 9>"$work.lock"
flock 9
rm -rf "${work:?}"/*

# The machine's dkms framework configuration may name its own signing
# key; dkms would then create that key if missing, outside the sandbox.
framework=$(grep -lsE '^[[:space:]]*(sign_file|mok_signing_key|mok_certificate)=' \
	/etc/dkms/framework.conf /etc/dkms/framework.conf.d/*.conf || true)
[ -z "$framework" ] || fail "$framework sets dkms's signing key: the sandbox cannot choose its own"

echo "dkms: version $ver, headers $KDIR (kernel $kver), work in $work"

# copy_checkout DIR: the checkout without .git and without what
# .gitignore ignores (build products a developer left there).
copy_checkout()
{
	mkdir -p "$1"
	rsync -a --delete --exclude=/.git --filter=':- .gitignore' "$MARKER_REPO/" "$1/"
}

# --- 1. the .deb -----------------------------------------------------------
pkg=$work/pkg
copy_checkout "$pkg/marker-compat-$ver"
log=$logdir/dkms-deb.log
echo "dkms: dpkg-buildpackage -b -us -uc in $pkg/marker-compat-$ver (log: $log)"
(cd "$pkg/marker-compat-$ver" && dpkg-buildpackage -b -us -uc) > "$log" 2>&1 ||
	{ tail -n 20 "$log" >&2; fail "dpkg-buildpackage (log: $log)"; }
deb=$pkg/marker-compat-dkms_${ver}_all.deb
[ -f "$deb" ] || fail "no $deb; built: $(cd "$pkg" && echo ./*.deb)"

contents=$(dpkg-deb -c "$deb" | awk '{ print $1 " " $NF }')
src=./usr/src/marker-compat-$ver
for f in dkms.conf Kbuild samples/Kbuild scripts/Kbuild.paths markers/main.c markers/internal.h \
		include/compat/marker.h include/compat/marker_slots.h; do
	grep -qx -- "-[-rwx]* $src/$f" <<< "$contents" || fail "$deb has no $src/$f"
done
grep -qx -- "-rwxr-xr-x $src/scripts/dkms-post-build.sh" <<< "$contents" ||
	fail "$deb has no executable $src/scripts/dkms-post-build.sh"
# Every public header and core source of the checkout, nothing missed.
for f in "$MARKER_REPO"/include/compat/*.h "$MARKER_REPO"/markers/*.[ch]; do
	grep -q -- " $src/${f#"$MARKER_REPO"/}\$" <<< "$contents" ||
		fail "$deb has no $src/${f#"$MARKER_REPO"/}"
done
[ "$(dpkg-deb -f "$deb" Architecture)" = all ] || fail "$deb is not Architecture: all"
grep -qE '(^|, )dkms( |,|$)' <<< "$(dpkg-deb -f "$deb" Depends)" ||
	fail "$deb does not depend on dkms: $(dpkg-deb -f "$deb" Depends)"
postinst=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./postinst 2>/dev/null) ||
	fail "$deb has no postinst"
# dh_dkms's postinst: dkms's common.postinst for this name and version.
for line in DKMS_NAME=marker-compat "DKMS_VERSION=$ver"; do
	grep -qx "$line" <<< "$postinst" || fail "$deb's postinst has no $line"
done
grep -q /usr/lib/dkms/common.postinst <<< "$postinst" || fail "$deb's postinst does not run dkms"
echo "dkms: $deb: $(grep -c " $src/" <<< "$contents") entries under /usr/src/marker-compat-$ver, depends: $(dpkg-deb -f "$deb" Depends)"

# --- 2. dkms build, sandboxed -----------------------------------------------
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$work/control"
sandbox=(--sourcetree "$root/usr/src" --dkmstree "$work/tree" --installtree "$work/modules")
mkdir -p "$work/tree" "$work/modules" "$work/tmp"
export TMPDIR=$work/tmp
# dkms takes its signing key from these when the framework sets none: a
# throwaway key, made on first use, instead of /var/lib/dkms/mok.key.
export mok_signing_key=$work/mok.key mok_certificate=$work/mok.pub
log=$logdir/dkms-build.log
echo "dkms: dkms add, build -k $kver (log: $log)"
{
	dkms add -m marker-compat -v "$ver" "${sandbox[@]}" &&
	dkms build -m marker-compat -v "$ver" -k "$kver" --kernelsourcedir "$KDIR" "${sandbox[@]}" &&
	dkms status -m marker-compat "${sandbox[@]}"
} > "$log" 2>&1 || {
	cat "$log" >&2
	make_log=$(ls "$work"/tree/marker-compat/"$ver"/build/make.log 2>/dev/null || true)
	[ -z "$make_log" ] || tail -n 30 "$make_log" >&2
	fail "dkms build (log: $log)"
}
cat "$log"
# dkms reports a failed CLEAN command and goes on.
grep -q 'bad exit status' "$log" && fail "a dkms command failed (log: $log)"
grep -q "^Signing key: $work/mok.key\$" "$log" || fail "dkms did not sign with the sandbox's key"
built=$work/tree/marker-compat/$ver/$kver/$arch
ko=$built/module/marker_compat.ko
[ -f "$ko" ] || fail "dkms built no $ko"
[ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$kver" ] ||
	fail "$ko is not for $kver: $(modinfo -F vermagic "$ko")"
[ "$(modinfo -F signer "$ko")" = "DKMS module signing key" ] ||
	fail "$ko is not signed by dkms's key (signer: $(modinfo -F signer "$ko"))"
[ -s "$built/Module.symvers" ] || fail "no $built/Module.symvers"
[ -f "$built/include/compat/marker.h" ] || fail "no $built/include/compat/marker.h"
grep -q 'installed' "$log" && fail "dkms status says installed: the sandbox leaked"
echo "dkms: built $ko (signed), $built/Module.symvers, $built/include/compat"

# --- 3. the same module as make modules ------------------------------------
mk=$work/make
copy_checkout "$mk"
log=$logdir/dkms-make-modules.log
make -C "$mk" KDIR="$KDIR" modules > "$log" 2>&1 || { tail -n 20 "$log" >&2; fail "make modules (log: $log)"; }
# symbols NAME KO: the names a module defines, sorted.
symbols() { nm --defined-only "$1" | awk '{ print $NF }' | sort; }
# exports SYMVERS: CRC, symbol, kind and namespace of marker_compat's
# exports (the module's path differs between the two builds).
exports() { awk -F'\t' '$3 ~ /(^|\/)marker_compat$/ { print $1, $2, $4, $5 }' "$1" | sort; }
diff <(symbols "$mk/marker_compat.ko") <(symbols "$ko") > "$work/symbols.diff" ||
	{ cat "$work/symbols.diff" >&2; fail "dkms's marker_compat.ko defines other symbols than make modules's"; }
[ -n "$(exports "$mk/Module.symvers")" ] || fail "make modules exports nothing from marker_compat"
diff <(exports "$mk/Module.symvers") <(exports "$built/Module.symvers") > "$work/exports.diff" ||
	{ cat "$work/exports.diff" >&2; fail "dkms's marker_compat exports differ from make modules's"; }
echo "dkms: the same module as make modules: $(symbols "$ko" | wc -l) symbols, $(exports "$built/Module.symvers" | wc -l) exports"

# --- 4. installed, and a client -------------------------------------------
[ "$(id -u)" -eq 0 ] || fail "must run as root (a mount namespace for the install)"
log=$logdir/dkms-install.log
# ours: what of the package the machine itself has.
ours() { find /usr/src /var/lib/dkms /lib/modules/"$kver" -maxdepth 3 -name '*marker[-_]compat*' 2>/dev/null | sort; }
before=$(ours)
echo "dkms: the package's postinst, a client, the kernel hook, in a mount namespace (log: $log)"
unshare -m --propagation private -- "$0" --installed > "$log" 2>&1 || { cat "$log" >&2; fail "installed (log: $log)"; }
cat "$log"
[ "$(ours)" = "$before" ] || fail "the install leaked out of the mount namespace: $(ours)"
echo "dkms: OK"
