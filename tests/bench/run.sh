#!/usr/bin/env bash
# Builds the release preset and runs the benchmarks. Each prints its anchor (git log, kubectl, ...)
# measured on the same data in the same run, and the ratio. Add a line below for a new benchmark.
# Usage: tests/bench/run.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
cmake --preset release >/dev/null
cmake --build build/release -j2
bench="$root/build/release/tests"

run() {
  local name=$1; shift
  if [[ -x "$bench/$name" ]]; then
    echo "== $name"
    "$bench/$name" "$@"
  else
    echo "== $name: not built, skipped"
  fi
}

run bench_history
run bench_drift
run bench_changes
run bench_resource_filter
run bench_environments
run bench_compare_envs
run bench_env_precision
