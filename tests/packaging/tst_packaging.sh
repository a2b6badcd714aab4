#!/usr/bin/env bash
# cpack builds a .deb and a .tar.gz; each, unpacked into an empty prefix, holds a working kirchhoff
# and kirchhoff-cli that find their presets, a valid desktop entry and the icon, and the .deb
# declares the Qt runtime plugins the GUI loads at run time (shlibdeps cannot see them).
# Usage: tst_packaging.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G "DEB;TGZ" -B "$tmp/out" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack"; }
deb=$(ls "$tmp"/out/*.deb) || fail "no .deb"
tgz=$(ls "$tmp"/out/*.tar.gz) || fail "no .tar.gz"
echo "built $(basename "$deb") and $(basename "$tgz")"

depends=$(dpkg-deb -f "$deb" Depends)
for d in qt6-qpa-plugins libqt6svg6 libqt6charts6 libsqlite3; do
  [[ "$depends" == *"$d"* ]] || fail ".deb Depends lacks $d: $depends"
done

check_tree() {   # $1: installed prefix (…/usr)
  local p=$1
  [ -x "$p/bin/kirchhoff" ] || fail "$p/bin/kirchhoff missing"
  [ -x "$p/bin/kirchhoff-cli" ] || fail "$p/bin/kirchhoff-cli missing"
  [ -f "$p/share/icons/hicolor/scalable/apps/kirchhoff.svg" ] || fail "icon missing"
  desktop-file-validate "$p/share/applications/io.github.kirchhoff.Kirchhoff.desktop" || fail "desktop entry invalid"
  grep -q '^Exec=kirchhoff' "$p/share/applications/io.github.kirchhoff.Kirchhoff.desktop" || fail "desktop Exec"
  [ -f "$p/share/kirchhoff/presets/sweeps/demo.json" ] || fail "presets missing"
  # The installed CLI resolves presets from <prefix>/share/kirchhoff/presets.
  (cd "$tmp" && "$p/bin/kirchhoff-cli" ppa --network vgg8 --config neurosim_vgg8_rram22 >"$tmp/ppa.txt") || fail "installed kirchhoff-cli ppa"
  grep -q "TOPS/W" "$tmp/ppa.txt" || fail "ppa output"
  QT_QPA_PLATFORM=offscreen "$p/bin/kirchhoff" --version | grep -q "Kirchhoff" || fail "installed kirchhoff --version"
  # The installed GUI opens its window and renders the first estimate.
  QT_QPA_PLATFORM=offscreen timeout 120 "$p/bin/kirchhoff" --screenshot "$tmp/shot.png" >/dev/null 2>&1 || fail "installed kirchhoff --screenshot"
  [ -s "$tmp/shot.png" ] || fail "no screenshot"
}

mkdir -p "$tmp/deb" "$tmp/tgz"
dpkg-deb -x "$deb" "$tmp/deb"
check_tree "$tmp/deb/usr"
echo "deb payload ok"
tar -xzf "$tgz" -C "$tmp/tgz"
root=$(find "$tmp/tgz" -mindepth 1 -maxdepth 1 -type d | head -1)
[ -d "$root/bin" ] || root="$root/usr"
check_tree "$root"
echo "tar.gz payload ok"
