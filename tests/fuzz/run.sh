#!/usr/bin/env bash
# Builds the manifest parser's libFuzzer target with clang (ASan+UBSan+libFuzzer) and runs it.
# Usage: tests/fuzz/run.sh [SECONDS]   (default 60; CI runs it briefly)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-60}
out=${SHIPLOG_FUZZ_DIR:-$root/build/fuzz}
mkdir -p "$out/corpus"
cxx=${CXX_FUZZ:-clang++}
sources=(
  "$root/tests/fuzz/fuzz_manifest.cpp"
  "$root/core/manifest/resource.cpp"
  "$root/core/manifest/yaml_scalar.cpp"
  "$root/core/manifest/yaml_reader.cpp"
  "$root/core/manifest/yaml_writer.cpp"
  "$root/core/manifest/manifest_parser.cpp"
  "$root/core/manifest/document_cache.cpp"
  "$root/core/manifest/secrets.cpp"
)
if [[ ! -x "$out/fuzz_manifest" || -n "$(find "${sources[@]}" "$root/core/manifest" -newer "$out/fuzz_manifest" -print -quit)" ]]; then
  # shellcheck disable=SC2046
  "$cxx" -std=c++2b -g -O1 -fPIC -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$root" $(pkg-config --cflags Qt6Core yaml-cpp) "${sources[@]}" \
    $(pkg-config --libs Qt6Core yaml-cpp) -o "$out/fuzz_manifest"
fi
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
