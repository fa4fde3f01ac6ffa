#!/usr/bin/env bash
# Installs Hearth's .deb, starts the installed app in this X display, checks that its window
# shows, that a second launch hands over to it (with a session D-Bus), that the window's size
# and place come back after a restart, then removes the package and checks that nothing is left
# behind. Usage (as root, inside Xvfb and dbus-run-session): tests/installer/deb.sh hearth.deb
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
start() {
  HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" "$bin" >>"$home/app.log" 2>&1 &
  app=$!
}
# The window's line in the X tree: `"Hearth CRM": ("hearth" "Hearth")  1280x800+0+0 ...`.
windows() { xwininfo -root -tree 2>/dev/null | grep '"Hearth CRM"' || true; }
wait_window() {
  window=""
  for _ in $(seq 1 120); do
    window="$(windows | head -1)"
    [ -n "$window" ] && return 0
    kill -0 "$app" 2>/dev/null || { cat "$home/app.log" >&2; fail "the installed app exited"; }
    sleep 0.5
  done
  cat "$home/app.log" >&2
  fail "no window titled \"Hearth CRM\" within 60 s"
}
stop() {
  kill -TERM "$app"
  for _ in $(seq 1 60); do kill -0 "$app" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$app" 2>/dev/null && fail "the app did not close on SIGTERM"
  wait "$app" 2>/dev/null || true
}

start
wait_window
echo "installer test: window shown:$window"
ls "$home/.local/share/"*/ >/dev/null 2>&1 || fail "the app made no data folder under its own home"

# One instance at a time (found on the session D-Bus): a second launch hands over and exits.
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  first=$app
  start
  second=$app
  for _ in $(seq 1 40); do kill -0 "$second" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$second" 2>/dev/null && fail "a second launch is still running (it should hand over to the first and exit)"
  wait "$second" || fail "the second launch exited with an error"
  [ "$(windows | wc -l)" -eq 1 ] || fail "two Hearth windows after a second launch"
  kill -0 "$first" 2>/dev/null || fail "the first instance is gone"
  app=$first
  echo "installer test: a second launch handed over to the first and exited"
else
  echo "installer test: no session D-Bus, single-instance check skipped" >&2
fi

# The window's size and place are kept when it closes and put back when it opens again.
stop
state="$(find "$home/.config" -name '.window-state.json' | head -1)"
[ -n "$state" ] || fail "no window state saved on close"
grep -q '"main"' "$state" || fail "the saved window state has no main window: $(cat "$state")"
python3 - "$state" <<'PY'
import json, sys
p = sys.argv[1]
s = json.load(open(p))
s["main"].update(width=1000, height=700, x=40, y=30, prev_x=40, prev_y=30, maximized=False, fullscreen=False)
json.dump(s, open(p, "w"))
PY
start
wait_window
grep -q ' 1000x700+40+30 ' <<<"$window" || fail "the window did not open at its saved size and place (1000x700+40+30):$window"
echo "installer test: the window reopened at its saved size and place"
stop

dpkg -r "$pkg" >/dev/null || fail "dpkg -r failed"
trap - EXIT
[ ! -e "$bin" ] || fail "$bin is still there after removal"
[ ! -e "$desktop" ] || fail "$desktop is still there after removal"
dpkg -s "$pkg" >/dev/null 2>&1 && fail "dpkg still lists $pkg as installed"
rm -rf "$home"
echo "installer test: installed, started, removed cleanly"
