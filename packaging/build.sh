#!/usr/bin/env bash
# Installs what is missing, configures and builds one preset (debug, release or asan).
# Usage: packaging/build.sh [PRESET]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${1:-release}
"$root/packaging/bootstrap.sh" >/dev/null
cd "$root"
# Let ccache reuse objects across checkouts in different folders (CI builds a fresh clone).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
