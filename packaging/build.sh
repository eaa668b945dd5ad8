#!/usr/bin/env bash
# Installs what is missing, configures and builds one preset (debug, release or asan).
# Usage: packaging/build.sh [PRESET]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${1:-release}
"$root/packaging/bootstrap.sh" >/dev/null
cd "$root"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
