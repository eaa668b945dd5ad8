#!/usr/bin/env bash
# CI: Shiplog installed as a user installs it. Run after packaging/test.sh (which built
# build/release), as root or with sudo:
#  1. the developer commands are quick when nothing changed: a second bootstrap prints nothing and
#     takes < 2 s; a second build configures nothing and ninja finds no work;
#  2. the desktop entry and AppStream metainfo pass desktop-file-validate / appstreamcli;
#  3. packaging/deb.sh builds the .deb; `apt-get install ./shiplog_*.deb` installs it with its
#     dependencies; with the bootstrap's cache folder moved away and a fresh HOME: --version,
#     `log --json` on a fixture clone, the GUI (--demo) under Xvfb with a non-blank screenshot, the
#     man page, ldd (nothing under a home folder), bash completion (commands, options, refs,
#     contexts), zsh completion syntax;
#  4. `apt-get remove --purge` leaves none of the package's files behind.
# Usage: packaging/test-deb.sh   (SHIPLOG_TEST_DEB_KEEP=1 keeps the work folder for a look)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
start=$(date +%s)

step() { printf '\033[1mtest-deb:\033[0m %s\n' "$*" >&2; }
fail() { printf 'test-deb: FAIL: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

work=$(mktemp -d /tmp/shiplog-test-deb.XXXXXX)
deps_root=${SHIPLOG_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/shiplog-deps}
deps_aside="$deps_root.aside-$$"
cleanup() {
  local rc=$?
  # Whatever happened: the bootstrap's cache back in place, the package gone, no Xvfb left.
  if [ -d "$deps_aside" ]; then
    rm -rf "$deps_root"
    mv "$deps_aside" "$deps_root"
  fi
  if dpkg-query -W -f='${Status}' shiplog 2>/dev/null | grep -q "install ok installed"; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq shiplog >/dev/null 2>&1 || true
  fi
  if [ -n "${SHIPLOG_TEST_DEB_KEEP:-}" ]; then step "kept $work"; else rm -rf "$work"; fi
  exit $rc
}
trap cleanup EXIT

# --- 1. The developer commands stay quick and offline-safe --------------------------------------
"$root/packaging/bootstrap.sh" --package-test >/dev/null
step "bootstrap twice: the second run is silent and quick"
"$root/packaging/bootstrap.sh" >/dev/null 2>&1
t0=$(date +%s%N)
second=$("$root/packaging/bootstrap.sh" 2>&1)
ms=$((($(date +%s%N) - t0) / 1000000))
[ -z "$second" ] || fail "the second bootstrap printed: $second"
[ "$ms" -lt 2000 ] || fail "the second bootstrap took $ms ms (limit 2000)"
step "  second bootstrap: no output, $ms ms"
build=$("$root/packaging/build.sh" release 2>&1)
grep -q "ninja: no work to do" <<<"$build" || fail "a second build.sh release did work: $build"
grep -q "Configuring" <<<"$build" && fail "a second build.sh release configured again: $build"

# --- 2. Desktop metadata -------------------------------------------------------------------------
step "validating the desktop entry and the AppStream metainfo"
desktop-file-validate "$root/packaging/io.shiplog.Shiplog.desktop"
appstreamcli validate --no-net "$root/packaging/io.shiplog.Shiplog.metainfo.xml" >"$work/appstream.log" 2>&1 ||
  { cat "$work/appstream.log" >&2; fail "appstreamcli validate"; }

# --- 3. Build, inspect and install the package ---------------------------------------------------
step "building the package (packaging/deb.sh)"
mkdir "$work/out"
"$root/packaging/deb.sh" "$work/out" >"$work/deb.list" 2>"$work/deb.log" || { tail -40 "$work/deb.log" >&2; fail "deb.sh"; }
deb=$(grep '\.deb$' "$work/deb.list" | head -n1)
[ -f "$deb" ] || fail "deb.sh made no .deb ($(cat "$work/deb.list"))"
ls "$work"/out/shiplog-dbgsym_*.ddeb >/dev/null 2>&1 || fail "no -dbgsym package beside $deb"
version=$(sed -n 's/^project(Shiplog VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version $(dpkg-deb -f "$deb" Version), project $version"
depends=$(dpkg-deb -f "$deb" Depends)
step "  Depends: $depends"
for lib in libqt6widgets6 libgit2 libyaml-cpp libqt6keychain libjemalloc2 libc6; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
grep -qi "syntaxhighlighting" <<<"$depends" && fail "Depends names KSyntaxHighlighting, which Debian 12 has not for Qt 6"
dpkg-deb -x "$deb" "$work/unpacked"
file "$work/unpacked/usr/bin/shiplog" | grep -q ", stripped" || fail "/usr/bin/shiplog is not stripped"
readelf -S "$work/unpacked/usr/bin/shiplog" | grep -q gnu_debuglink || fail "/usr/bin/shiplog has no debug link"

if dpkg-query -W -f='${Status}' shiplog 2>/dev/null | grep -q "install ok installed"; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq shiplog >/dev/null
fi
step "apt-get install $deb"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get install"; }
dpkg -L shiplog | sort >"$work/files"

# A machine that never built Shiplog: the bootstrap's cache folder moved away (CI's own machine),
# a fresh HOME, no build tree on PATH. Where the folder cannot be moved (a shared machine where
# others build with it: there it is made immutable), the cache variables point at empty folders
# and LD_DEBUG below proves that nothing is loaded from it.
if [ -d "$deps_root" ]; then
  if mv "$deps_root" "$deps_aside" 2>/dev/null; then
    step "moved $deps_root aside (back at exit)"
  else
    step "cannot move $deps_root (in use here): fresh HOME, XDG_CACHE_HOME, SHIPLOG_DEPS_DIR and an LD_DEBUG check instead"
  fi
fi
export HOME="$work/home"
mkdir -p "$HOME"
unset XDG_CONFIG_HOME XDG_DATA_HOME KUBECONFIG
export XDG_CACHE_HOME="$HOME/.cache" SHIPLOG_DEPS_DIR="$work/no-deps"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
cd "$work"

step "ldd /usr/bin/shiplog"
ldd /usr/bin/shiplog >"$work/ldd" 2>&1 || { cat "$work/ldd" >&2; fail "ldd"; }
grep -q "not found" "$work/ldd" && { cat "$work/ldd" >&2; fail "a library is not found"; }
grep -E "=> /(root|home)/" "$work/ldd" && fail "a library comes from a home folder"
grep -q "/lib/[^/]*/shiplog/libKF5SyntaxHighlighting\|libKF6SyntaxHighlighting" "$work/ldd" ||
  fail "KSyntaxHighlighting is not the package's: $(grep -i syntax "$work/ldd")"

step "LD_DEBUG: what the loader tries and loads"
LD_DEBUG=libs shiplog --version >/dev/null 2>"$work/ld.log" || fail "shiplog --version under LD_DEBUG"
grep -E "trying file=|calling init:" "$work/ld.log" | grep -E "$deps_root|=/(root|home)/|: /(root|home)/" &&
  fail "the loader looks into the build cache or a home folder (above)"
grep -q "calling init: .*/shiplog/libKF5SyntaxHighlighting\|calling init: .*libKF6SyntaxHighlighting" "$work/ld.log" ||
  fail "KSyntaxHighlighting was not loaded from the package"

step "shiplog --version"
[ "$(shiplog --version)" = "shiplog $version" ] || fail "shiplog --version says '$(shiplog --version)'"

step "shiplog log --json on a fixture clone"
fixture="$root/../shared/fixtures/argocd-example-apps.bundle"
[ -f "$fixture" ] || fixture=/work/shared/fixtures/argocd-example-apps.bundle
git clone -q "$fixture" "$work/repo"
shiplog log --json -n 5 --repo "$work/repo" >"$work/log.json"
python3 - "$work/log.json" "$(git -C "$work/repo" rev-parse HEAD)" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 5, f"{len(lines)} lines, not 5"
commits = [json.loads(line) for line in lines]
assert commits[0]["id"] == sys.argv[2], "the first commit is not HEAD"
assert all({"id", "parents", "author", "committer", "subject", "body"} <= c.keys() for c in commits)
PY

step "man -l /usr/share/man/man1/shiplog.1.gz"
[ -f /usr/share/man/man1/shiplog.1.gz ] || fail "no man page installed"
MANWIDTH=100 man --warnings -l /usr/share/man/man1/shiplog.1.gz >"$work/man.txt" 2>"$work/man.err" ||
  fail "man -l failed: $(cat "$work/man.err")"
[ ! -s "$work/man.err" ] || fail "man reports: $(cat "$work/man.err")"
for word in changes demo-cluster drift log revert timeline "EXIT STATUS" ENVIRONMENT FILES .shiplog.yaml --kubeconfig; do
  grep -qF -- "$word" "$work/man.txt" || fail "the man page lacks '$word'"
done

step "bash completion"
completion=/usr/share/bash-completion/completions/shiplog
[ -f "$completion" ] || fail "no bash completion installed"
git -C "$work/repo" branch -q release-2026
kubectl config --kubeconfig "$work/kubeconfig" set-context staging-eu --cluster=x >/dev/null
kubectl config --kubeconfig "$work/kubeconfig" set-context prod-eu --cluster=x >/dev/null
complete_words() {  # complete_words WORD… : what bash completes for the last word
  bash -c 'source "$0"; complete -p shiplog >/dev/null || exit 3
           COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
           _shiplog; printf "%s\n" "${COMPREPLY[@]}"' "$completion" "$@"
}
commands=$(complete_words shiplog "")
for c in changes demo-cluster drift log revert timeline; do grep -qx "$c" <<<"$commands" || fail "bash: no command $c ($commands)"; done
grep -qx -- "--no-bots" <<<"$(complete_words shiplog log --)" || fail "bash: log's options"
[ "$(complete_words shiplog log --repo "$work/repo" --rev rel)" = "release-2026" ] || fail "bash: refs for --rev"
[ "$(complete_words shiplog drift --kubeconfig "$work/kubeconfig" --context staging)" = "staging-eu" ] || fail "bash: contexts"
step "zsh completion"
zsh_completion=$(grep '/_shiplog$' "$work/files") || fail "no zsh completion installed"
zsh -n "$zsh_completion" || fail "zsh: $zsh_completion does not parse"

step "installed desktop files and icons"
desktop-file-validate /usr/share/applications/io.shiplog.Shiplog.desktop
appstreamcli validate --no-net /usr/share/metainfo/io.shiplog.Shiplog.metainfo.xml >/dev/null
for size in 16 32 48 64 128 256; do
  [ -f "/usr/share/icons/hicolor/${size}x${size}/apps/io.shiplog.Shiplog.png" ] || fail "no ${size}x${size} icon"
done
[ -f /usr/share/icons/hicolor/scalable/apps/io.shiplog.Shiplog.svg ] || fail "no scalable icon"

step "shiplog --demo under Xvfb"
shot="$root/build/release/packages/installed-demo.png"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  shiplog --demo >"$1/gui.log" 2>&1 &
  app=$!
  for _ in $(seq 1 40); do   # the window and the demo repository: up to 20 s
    sleep 0.5
    kill -0 $app 2>/dev/null || { echo "shiplog exited early" >&2; exit 1; }
    if xwininfo -root -tree 2>/dev/null | grep -q "Shiplog"; then break; fi
  done
  for _ in $(seq 1 60); do   # the demo repository and its cluster (its kubeconfig): up to 30 s
    [ -f "$HOME/.cache/Shiplog/shiplog/demo/kubeconfig" ] && break
    sleep 0.5
  done
  sleep 3                    # the history and the changes of the first commit on screen
  import -window root "$2"
  kill $app; wait $app 2>/dev/null || true' _ "$work" "$shot" || { cat "$work/gui.log" >&2; fail "the GUI did not start"; }
colors=$(convert "$shot" -format '%k' info:)
deviation=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation*100]' info:)
step "  screenshot $shot: $colors colours, deviation $deviation%"
[ "$colors" -gt 64 ] || fail "the screenshot is blank ($colors colours)"

# --- 4. Removal leaves nothing -------------------------------------------------------------------
step "apt-get remove --purge shiplog"
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq shiplog >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt-get remove"; }
left=0
while read -r path; do
  [ -e "$path" ] || [ -L "$path" ] || continue
  # A folder other packages own too (/usr/share/man/man1, …) stays; nothing else may.
  if [ -d "$path" ] && [ ! -L "$path" ] && dpkg-query -S "$path" >/dev/null 2>&1; then continue; fi
  printf 'left behind: %s\n' "$path" >&2
  left=1
done <"$work/files"
[ "$left" = 0 ] || fail "files of the package are left after apt-get remove --purge"

step "passed in $(($(date +%s) - start)) s ($(wc -l <"$work/files") paths in the package)"
