#!/bin/sh
# Runs a test inside its own D-Bus session with an unlocked GNOME Keyring (a real Secret Service),
# keyrings kept in a temporary folder, so keychain tests never touch the user's keyring and work on
# headless CI. Without dbus-run-session or gnome-keyring-daemon the test runs without a keychain
# (SHIPLOG_TEST_KEYCHAIN unset) and checks the "no keychain available" path only.
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with_keychain.sh: no dbus-run-session/gnome-keyring-daemon: testing without a keychain" >&2
  exec "$@"
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" XDG_CONFIG_HOME="$home/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- sh -c '
  printf "shiplog-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  SHIPLOG_TEST_KEYCHAIN=1 "$@"' sh "$@"
