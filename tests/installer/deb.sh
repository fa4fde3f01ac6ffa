#!/usr/bin/env bash
# Installs Hearth's .deb, starts the installed app in this X display, checks that its window
# shows, then removes the package and checks that nothing is left behind.
# Usage (as root, inside Xvfb): tests/installer/deb.sh path/to/hearth.deb
# `cargo xtask test` runs it through `xvfb-run` after the end-to-end tests.
set -euo pipefail
deb="$1"
pkg="$(dpkg-deb --field "$deb" Package)"
fail() { echo "installer test: $*" >&2; exit 1; }

echo "installer test: package $pkg $(dpkg-deb --field "$deb" Version), $(du -h "$deb" | cut -f1)"
for field in Description Section Depends; do
  [ -n "$(dpkg-deb --field "$deb" "$field")" ] || fail "the package has no $field"
done

dpkg -i "$deb" >/dev/null || { apt-get install -f -y -qq >/dev/null; dpkg -i "$deb" >/dev/null; } || fail "dpkg -i failed"
trap 'dpkg -r "$pkg" >/dev/null 2>&1 || true' EXIT
files="$(dpkg -L "$pkg")"
bin="$(grep -m1 '^/usr/bin/' <<<"$files")" || fail "no program in /usr/bin"
desktop="$(grep -m1 '\.desktop$' <<<"$files")" || fail "no .desktop entry"
grep -q '^Categories=.*Office' "$desktop" || fail "the .desktop entry has no Office category: $(cat "$desktop")"
grep -q "^Exec=$(basename "$bin")" "$desktop" || fail "the .desktop entry does not start $bin"
for size in 32x32 128x128 256x256@2; do
  grep -q "/icons/hicolor/$size/apps/" <<<"$files" || fail "no $size icon"
done

# Start the installed app with a home of its own (a first start: the welcome screen).
home="$(mktemp -d)"
HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" "$bin" >"$home/app.log" 2>&1 &
app=$!
window=""
for _ in $(seq 1 120); do
  window="$(xwininfo -root -tree 2>/dev/null | grep '"Hearth CRM"' | head -1 || true)"
  [ -n "$window" ] && break
  kill -0 "$app" 2>/dev/null || { cat "$home/app.log" >&2; fail "the installed app exited"; }
  sleep 0.5
done
[ -n "$window" ] || { cat "$home/app.log" >&2; fail "no window titled \"Hearth CRM\" within 60 s"; }
echo "installer test: window shown:$window"
ls "$home/.local/share/"*/ >/dev/null 2>&1 || fail "the app made no data folder under its own home"
kill "$app"; wait "$app" 2>/dev/null || true

dpkg -r "$pkg" >/dev/null || fail "dpkg -r failed"
trap - EXIT
[ ! -e "$bin" ] || fail "$bin is still there after removal"
[ ! -e "$desktop" ] || fail "$desktop is still there after removal"
dpkg -s "$pkg" >/dev/null 2>&1 && fail "dpkg still lists $pkg as installed"
rm -rf "$home"
echo "installer test: installed, started, removed cleanly"
