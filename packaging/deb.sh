#!/usr/bin/env bash
# Builds Shiplog's Debian package from the release preset with CPack's DEB generator:
#   shiplog_<version>_<arch>.deb         the application, its man page, completion, desktop files
#                                        (and KSyntaxHighlighting for Qt 6, privately, on Debian 12)
#   shiplog-dbgsym_<version>_<arch>.ddeb its debug information (found by build id or debug link)
# into OUTPUT_DIR (default: the current folder). Install with: sudo apt install ./shiplog_*.deb
# Usage: packaging/deb.sh [OUTPUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(cd "${1:-.}" && pwd)
# What the package holds, not the tests; progress on stderr, stdout names the packages.
"$root/packaging/build.sh" release shiplog shiplog_man shiplog_icons >&2
cd "$root/build/release"
rm -rf packages
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! cpack -G DEB --config CPackConfig.cmake >"$log" 2>&1; then
  cat "$log" >&2
  printf 'deb: error: CPack failed (above)\n' >&2
  exit 1
fi
for f in packages/*.deb packages/*.ddeb; do
  [ -e "$f" ] || continue
  cp "$f" "$out/"
  printf '%s\n' "$out/$(basename "$f")"
done
