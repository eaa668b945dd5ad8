#!/usr/bin/env bash
# Installs what is missing, configures (once) and builds one preset (debug, release or asan).
# A second run with nothing changed touches neither apt nor the build: the bootstrap is silent,
# CMake configures only a build folder that has no cache yet (after that, ninja re-runs CMake by
# itself when a CMakeLists.txt changes), and ninja finds no work.
# Usage: packaging/build.sh [PRESET [TARGET...]]   (every target by default)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${1:-release}
shift || true
"$root/packaging/bootstrap.sh" >/dev/null
cd "$root"
if [ ! -f "build/$preset/CMakeCache.txt" ]; then
  cmake --preset "$preset" >/dev/null
fi
targets=()
if [ $# -gt 0 ]; then targets=(--target "$@"); fi
cmake --build --preset "$preset" "${targets[@]}"
