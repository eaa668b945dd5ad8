#!/usr/bin/env bash
# Builds the manifest parser's libFuzzer target with clang (ASan+UBSan+libFuzzer) through CMake and runs it.
# Usage: tests/fuzz/run.sh [SECONDS]   (default 60; CI runs it briefly)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-60}
out=${SHIPLOG_FUZZ_DIR:-$root/build/fuzz}
mkdir -p "$out/corpus"
cxx=${CXX_FUZZ:-clang++}
# The target and the parser library it links come from CMake (one source list), built with clang,
# ASan+UBSan and libFuzzer's coverage (SHIPLOG_FUZZ); clang's own warnings are not made errors.
if [[ ! -f "$out/build/build.ninja" ]]; then
  cmake -S "$root" -B "$out/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS="-g -O1" \
    -DSHIPLOG_FUZZ=ON -DSHIPLOG_BUILD_TESTS=OFF -DSHIPLOG_WERROR=OFF -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON >/dev/null
fi
cmake --build "$out/build" --target fuzz_manifest >/dev/null
cp "$out/build/tests/fuzz/fuzz_manifest" "$out/fuzz_manifest"
# Seed the corpus with the repository's own YAML and a few hostile shapes.
if [[ -z "$(ls -A "$out/corpus")" ]]; then
  i=0
  while IFS= read -r f; do cp "$f" "$out/corpus/seed$((i++)).yaml"; done < <(find "$root" -path "$root/build" -prune -o \( -name '*.yaml' -o -name '*.yml' \) -size -64k -print | head -50)
  printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {a: aGVsbG8=}\nstringData: {b: x}\n' > "$out/corpus/secret.yaml"
  printf 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: {x: yes, y: 0755, z: "on"}\n' > "$out/corpus/list.yaml"
  printf 'a: &a [x,x]\nb: &b [*a,*a]\nc: {<<: {k: 1}, j: ~}\n---\n- !!str 1\n- 0x1F\n- .inf\n' > "$out/corpus/alias.yaml"
fi
ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_manifest" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$out/corpus" 2>&1 | tail -25
