#!/usr/bin/env bash
# The README's test command: install what is missing, build, and run the whole suite headless.
# Usage: packaging/test.sh [PRESET]   (release by default; `asan` for AddressSanitizer+UBSan)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${1:-release}
"$root/packaging/build.sh" "$preset"
cd "$root"
export QT_QPA_PLATFORM=offscreen
ctest --preset "$preset" -j2
