#!/usr/bin/env bash
# The README's first command: install what is missing, build, and launch Shiplog.
# With no argument it opens the built-in demo environment; any arguments go to shiplog.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/packaging/build.sh" release
if [ $# -eq 0 ]; then set -- --demo; fi
exec "$root/build/release/app/shiplog" "$@"
