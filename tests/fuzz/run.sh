#!/usr/bin/env bash
# Builds Shiplog's libFuzzer targets with clang (ASan+UBSan+libFuzzer) and runs each of them.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]   (SECONDS per target, default 60; CI runs them briefly)
#   FUZZ_RUNS=N runs each target for N inputs instead of SECONDS (e.g. FUZZ_RUNS=2000000);
#   FUZZ_MAX_LEN=N caps an input (default 65536).
# Targets: manifest (manifest parser), identity_scanner (the index's identity scanner against the
# parser), kubeconfig (kubeconfig parser and contexts), kube_json
# (discovery, list pages, Status, managedFields), forge (forge API answers), remote_url (remote URL
# parsing and redaction). Each keeps its corpus in $SHIPLOG_FUZZ_DIR/corpus/<target>.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:-60}
shift || true
out=${SHIPLOG_FUZZ_DIR:-$root/build/fuzz}
cxx=${CXX_FUZZ:-clang++}
mkdir -p "$out"
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(manifest identity_scanner kubeconfig kube_json forge remote_url)

# Each target's sources: the harness and the few files of the areas it exercises.
# The .cpp files of one shiplog_core_library(NAME …) block of an area's CMakeLists.txt.
library_sources() {
  awk -v lib="$2" -v dir="$1" '
    $0 ~ "shiplog_core_library\\(" lib "$" || $0 ~ "shiplog_core_library\\(" lib " " { on = 1; next }
    on && /\)/ { on = 0 }
    on { for (i = 1; i <= NF; i++) if ($i ~ /\.cpp$/) printf "%s/%s ", dir, $i }
  ' "$root/$1/CMakeLists.txt"
}

sources_of() {
  case "$1" in
    # The parser library's own source list (core/manifest/CMakeLists.txt), not a copy of it.
    manifest | identity_scanner) library_sources core/manifest shiplog_manifest ;;
    kubeconfig) echo core/kube/kubeconfig.cpp ;;
    kube_json) echo core/kube/decode.cpp core/drift/managed_fields.cpp core/drift/field_path.cpp ;;
    forge) echo core/forge/forge_client.cpp core/forge/github_client.cpp core/forge/gitlab_client.cpp \
                core/forge/gitea_client.cpp core/forge/bitbucket_client.cpp core/forge/azure_client.cpp \
                core/forge/http_session.cpp core/forge/remote_url.cpp core/forge/redact.cpp ;;
    remote_url) echo core/forge/remote_url.cpp core/forge/redact.cpp ;;
    *) echo "run.sh: unknown target $1" >&2; exit 2 ;;
  esac
}

build() {
  local target=$1 binary="$out/fuzz_$1" sources=()
  read -r -a sources <<<"$(sources_of "$target")"
  sources=("$root/tests/fuzz/fuzz_$target.cpp" "${sources[@]/#/$root/}")
  # Rebuilt when any C++ source or header it may include is newer (run.sh itself does not count).
  if [[ -x "$binary" && -z "$(find "${sources[@]}" "$root/core" "$root/tests/fuzz" -newer "$binary" \( -name '*.cpp' -o -name '*.h' -o -name expected \) -print -quit)" ]]; then
    return
  fi
  # tests/fuzz/compat supplies std::expected where clang's C++ library lacks it (clang 14).
  # shellcheck disable=SC2046
  "$cxx" -std=c++2b -g -O1 -fPIC -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DSHIPLOG_VERSION='"fuzz"' -I"$root/tests/fuzz/compat" -I"$root" \
    $(pkg-config --cflags Qt6Core Qt6Network yaml-cpp) "${sources[@]}" \
    $(pkg-config --libs Qt6Core Qt6Network yaml-cpp) -o "$binary"
}

seed() {
  local target=$1 dir="$out/corpus/$1"
  mkdir -p "$dir"
  [[ -z "$(ls -A "$dir")" ]] || return 0
  case "$target" in
    manifest)
      local i=0
      while IFS= read -r f; do cp "$f" "$dir/seed$((i++)).yaml"; done < <(find "$root" -path "$root/build" -prune -o \( -name '*.yaml' -o -name '*.yml' \) -size -64k -print | head -50)
      printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {a: aGVsbG8=}\nstringData: {b: x}\n' > "$dir/secret.yaml"
      printf 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: {x: yes, y: 0755, z: "on"}\n' > "$dir/list.yaml"
      printf 'a: &a [x,x]\nb: &b [*a,*a]\nc: {<<: {k: 1}, j: ~}\n---\n- !!str 1\n- 0x1F\n- .inf\n' > "$dir/alias.yaml"
      printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n  namespace: no\n' > "$dir/identity.yaml" ;;
    identity_scanner)
      local i=0
      while IFS= read -r f; do cp "$f" "$dir/seed$((i++)).yaml"; done < <(find "$root" -path "$root/build" -prune -o \( -name '*.yaml' -o -name '*.yml' \) -size -64k -print | head -50)
      printf -- '--- # c\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: "shop"\n  annotations:\n    a: |\n      kind: x\n    b: "multi\n  line"\nspec: {replicas: 2}\n...\n---\nkind: Service\napiVersion: v1\nmetadata: {name: \x27it\x27\x27s\x27, labels: {a: b}}\n# end\n' > "$dir/identity.yaml"
      printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n# reviewed\ndata:\n  x: one\n    two\n  y: "1"   \n' > "$dir/meaning.yaml"
      printf 'apiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  data:\n    a.json: |-\n      {"x": 1}\n  metadata:\n    name: a\n    namespace: mon\n# next\n- kind: Secret\n  apiVersion: v1\n  metadata: {name: b}\n  list:\n  - x\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {}\nmetadata: {resourceVersion: ""}\n---\nkind: List\napiVersion: v1\nitems:\n  -   apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: w\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: "w"}\n' > "$dir/list.yaml" ;;
    kubeconfig)
      printf 'apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n    server: https://1.2.3.4:6443\n    certificate-authority-data: LS0tLS1CRUdJTg==\n    proxy-url: socks5://p:1080\nusers:\n- name: u\n  user:\n    token: t\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: aws\n      args: [eks, get-token]\n      env: [{name: A, value: b}]\ncontexts:\n- name: c\n  context: {cluster: k, user: u, namespace: ns}\n' > "$dir/full.yaml"
      printf 'apiVersion: v1\nkind: Config\nclusters: [{name: a, cluster: {server: "http://x", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {auth-provider: {name: oidc, config: {id-token: x}}}}]\ncontexts: [{name: a, context: {cluster: a, user: u}}]\n' > "$dir/oidc.yaml" ;;
    kube_json)
      printf '{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"name":"deployments","namespaced":true,"kind":"Deployment","verbs":["get","list"]},{"name":"deployments/scale","kind":"Scale"}]}' > "$dir/legacy.json"
      printf '{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","items":[{"metadata":{"name":"apps"},"versions":[{"version":"v1","resources":[{"resource":"deployments","scope":"Namespaced","responseKind":{"kind":"Deployment"},"verbs":["list"]}]}]}]}' > "$dir/aggregated.json"
      printf '{"kind":"ConfigMapList","metadata":{"resourceVersion":"7","continue":"x"},"items":[{"metadata":{"name":"a","namespace":"b","managedFields":[{"manager":"kubectl-edit","operation":"Update","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":{}}}}]}}]}' > "$dir/list.json"
      printf '{"kind":"Status","status":"Failure","message":"x is forbidden","reason":"Forbidden","code":403}' > "$dir/status.json"
      printf '[{"manager":"kubectl-scale","operation":"Update","subresource":"scale","fieldsV1":{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{"f:image":{}}}}}}}}]' > "$dir/managed.json"
      printf '{"major":"1","minor":"32","gitVersion":"v1.32.3"}' > "$dir/version.json"
      printf '<html><body>login</body></html>' > "$dir/html.txt" ;;
    forge)
      printf '\x01\x00{"number":7,"html_url":"https://github.com/o/r/pull/7"}' > "$dir/created"
      printf '\x03\x00{"message":"Bad credentials","documentation_url":"x","errors":[{"message":"m"}]}' > "$dir/401"
      printf '\x01\x00[{"number":1,"html_url":"u","iid":2,"web_url":"w","id":3,"links":{"html":{"href":"h"}}}]' > "$dir/list"
      printf '\x07\x00{"message":"Validation Failed","errors":[{"message":"A pull request already exists for o:b."}]}' > "$dir/exists"
      printf '\x01\x04{"value":[{"pullRequestId":4,"repository":{"webUrl":"https://dev.azure.com/o/p/_git/r"}}],"count":1}' > "$dir/azure" ;;
    remote_url)
      printf 'https://x-access-token:ghp_abc123@github.com/o/r.git' > "$dir/token"
      printf 'git@github.com:o/r.git' > "$dir/scp"
      printf 'ssh://git@ssh.dev.azure.com/v3/org/proj/repo' > "$dir/azure"
      printf 'see https://u:p@h:8080/a and Bearer abcdef123456 and PRIVATE-TOKEN: glpat-xxxxxxxxxxxxxxxxxxxx' > "$dir/text" ;;
  esac
}

for target in "${targets[@]}"; do
  build "$target"
  seed "$target"
  limit=(-max_total_time="$seconds")
  [[ -z "${FUZZ_RUNS:-}" ]] || limit=(-runs="$FUZZ_RUNS")
  echo "== fuzz_$target"
  ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_$target" "${limit[@]}" -max_len="${FUZZ_MAX_LEN:-65536}" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/" \
    -print_final_stats=1 "$out/corpus/$target" 2>&1 | tail -25
done
