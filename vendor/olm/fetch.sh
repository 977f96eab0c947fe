#!/usr/bin/env bash
# Fetches the pinned libolm source into vendor/olm (this folder), verified by sha256.
#
#   vendor/olm/fetch.sh                      apt-get source, from this machine's own Debian mirror
#   OLM_SOURCE=/path/olm.orig.tar.xz ...     use a local orig tarball (checksum still verified)
#   OLM_SOURCE=/path/to/olm-tree ...         use an unpacked local tree (no checksum possible)
#   OLM_PATCHES=none ...                     unpack the stock code without our patches (to compare
#                                            against it); the next normal run re-applies them
#
# Our fixes, vendor/olm/patches/NNNN-*.patch, are applied in order (each starts with a header
# saying what defect it fixes and why).
# The system's apt configuration is never modified: a temporary deb-src list is built from the
# machine's configured sources and handed to apt with -o options. Idempotent: a tree already
# fetched for this pin and
# this patch set (the stamp records a hash of the patch files, or "none") is left alone; a change
# to either re-fetches and re-applies.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pin() { node -p "require('$here/pin.json').$1"; }
pkg=$(pin package); debver=$(pin debianVersion); version=$(pin version)
tarball=$(pin origTarball); want=$(pin sha256)
stamp="$here/.fetched"
die() { echo "vendor/olm/fetch.sh: $*" >&2; exit 1; }

case "${OLM_PATCHES:-all}" in
  all) patches=("$here"/patches/*.patch); [ -f "${patches[0]}" ] || patches=() ;;
  none) patches=() ;;
  *) die "OLM_PATCHES must be unset or none, got $OLM_PATCHES" ;;
esac
if [ ${#patches[@]} -eq 0 ]; then
  patchset="patches none"
else
  patchset="patches $(cat "${patches[@]}" | sha256sum | cut -d' ' -f1)"
fi

applied="$here/include/olm/universal-patches.h"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$debver $want $patchset" ] && [ -f "$here/include/olm/olm.h" ] && [ -f "$applied" ]; then
  echo "libolm $debver already in vendor/olm ($patchset)"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/olm-fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT
src=""

if [ -n "${OLM_SOURCE:-}" ]; then
  if [ -d "$OLM_SOURCE" ]; then
    [ -f "$OLM_SOURCE/include/olm/olm.h" ] || die "OLM_SOURCE=$OLM_SOURCE is not a libolm tree (no include/olm/olm.h)"
    echo "using local libolm tree $OLM_SOURCE (not checksummed: a directory has no tarball to verify)"
    src="$OLM_SOURCE"
  elif [ -f "$OLM_SOURCE" ]; then
    cp "$OLM_SOURCE" "$work/$tarball"
  else
    die "OLM_SOURCE=$OLM_SOURCE is neither a directory nor a file"
  fi
else
  command -v apt-get >/dev/null || die "apt-get not found. On a machine without apt, download $tarball
  (Debian source package $pkg $debver) by other means and run: OLM_SOURCE=/path/to/$tarball $0"
  # deb-src twins of every enabled deb entry, in both apt source formats.
  mkdir -p "$work/parts" "$work/lists/partial" "$work/cache/archives/partial"
  : > "$work/sources.list"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && sed -nE 's/^[[:space:]]*deb([[:space:]])/deb-src\1/p' "$f" >> "$work/sources.list"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && sed -E 's/^Types:.*$/Types: deb-src/' "$f" > "$work/parts/$(basename "$f")"
  done
  [ -s "$work/sources.list" ] || ls "$work/parts"/*.sources >/dev/null 2>&1 ||
    die "no Debian apt source configured on this machine; use OLM_SOURCE (see the top of this script)"
  apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/parts"
            -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "Debug::NoLocking=1"
            -o "APT::Sandbox::User=root")
  echo "fetching Debian source package $pkg $debver with apt-get source"
  # A third-party repository without deb-src fails its own update; the Debian ones are what count.
  apt-get "${apt_opts[@]}" -qq update >"$work/update.log" 2>&1 || true
  (cd "$work" && apt-get "${apt_opts[@]}" -qq source --download-only "$pkg=$debver") >"$work/source.log" 2>&1 || {
    cat "$work/update.log" "$work/source.log" >&2
    die "apt-get source $pkg=$debver failed (above). Without a reachable Debian source mirror, use OLM_SOURCE."
  }
fi

if [ -z "$src" ]; then
  got=$(sha256sum "$work/$tarball" | cut -d' ' -f1)
  [ "$got" = "$want" ] || die "checksum mismatch for $tarball: got $got, pinned $want. Refusing to build from it."
  echo "verified $tarball sha256 $got"
  mkdir "$work/tree"
  tar -xf "$work/$tarball" -C "$work/tree" --strip-components=1
  src="$work/tree"
fi

# Replace what a previous fetch unpacked, keep our tracked files.
rm -f "$stamp"
find "$here" -mindepth 1 -maxdepth 1 ! -name fetch.sh ! -name pin.json ! -name patches ! -name README.vendor.md -exec rm -rf {} +
(cd "$src" && tar -cf - --exclude=./.git .) | tar -xf - -C "$here"
for p in "${patches[@]}"; do
  echo "applying $(basename "$p")"
  patch -d "$here" -p1 --forward --silent < "$p" || die "patch $(basename "$p") does not apply"
done
[ ${#patches[@]} -gt 0 ] || echo "OLM_PATCHES=none: stock libolm, no patches applied"
# Which patches this tree has, for the builds to report (native/crypto/hardening.c): one macro
# per applied patch, named by its number.
{
  echo "/* Written by vendor/olm/fetch.sh: the patches from vendor/olm/patches applied to this tree. */"
  for p in "${patches[@]}"; do
    n=$(basename "$p"); echo "#define OLM_UNIVERSAL_PATCH_${n%%-*} 1 /* ${n%.patch} */"
  done
} > "$applied"
grep -q "VERSION $version" "$here/CMakeLists.txt" || die "unpacked tree does not say libolm $version"
echo "$debver $want $patchset" > "$stamp"
echo "libolm $version unpacked into vendor/olm (${#patches[@]} patches)"
