#!/usr/bin/env bash
# Installs what Shiplog needs to build, test and run, and nothing twice.
# Debian 12 / Ubuntu 24.04: Debian packages, plus KSyntaxHighlighting built for Qt 6 into a cache
# folder (not packaged for Qt 6 there). Debian 13: the packaged KF6 library. Fedora: dnf.
# Idempotent and silent when everything is there (no apt, no network, well under a second); works
# as root or through sudo.
# Usage: packaging/bootstrap.sh [--fuzz] [--package-test]
#   --fuzz          also clang with libFuzzer, for tests/fuzz/run.sh
#   --package-test  also the validators packaging/test-deb.sh runs (desktop-file-utils, appstream,
#                   man-db, zsh, x11-utils)
set -euo pipefail

fuzz=0
package_test=0
for arg in "$@"; do
  case "$arg" in
    --fuzz) fuzz=1 ;;
    --package-test) package_test=1 ;;
    *) printf 'bootstrap: error: unknown option %s (usage: bootstrap.sh [--fuzz] [--package-test])\n' "$arg" >&2; exit 2 ;;
  esac
done

deps_root=${SHIPLOG_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/shiplog-deps}
ksh_version=5.116.0
ksh_prefix="$deps_root/ksyntaxhighlighting-$ksh_version"

log() { printf '\033[1mbootstrap:\033[0m %s\n' "$*" >&2; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to install packages: run as root or install sudo"; fi
}

[ -r /etc/os-release ] || die "cannot identify this system (no /etc/os-release)"
. /etc/os-release
distro="${ID:-unknown}:${VERSION_ID:-}"

# Packages common to the build, the tests (git daemon/http-backend, openssl, Xvfb screenshots).
debian_packages=(build-essential cmake ninja-build pkg-config git ccache openssl
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6 libgl-dev
  libgit2-dev libyaml-cpp-dev qtkeychain-qt6-dev libjemalloc-dev
  qt6-httpserver-dev qt6-websockets-dev
  xvfb xauth imagemagick fonts-dejavu-core python3
  file  # CPack's DEB generator (packaging/deb.sh) finds the ELF files with it
  man-db  # tests/integration/tst_man_page renders shiplog.1
  dbus gnome-keyring)  # a real Secret Service for the keychain tests (tests/support/with_keychain.sh)
ksh_build_packages=(qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools perl xz-utils dpkg-dev)

# One dpkg-query for all of them and the comparison in bash itself: on a loaded machine every
# process started costs, and a run with nothing to do must stay well under a second.
missing_debian_packages() {
  local -A installed=()
  local name status
  while read -r name status; do
    [ "$status" = "install ok installed" ] && installed[$name]=1
  done < <(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null)
  local p
  for p in "$@"; do
    [ -n "${installed[$p]:-}" ] || printf '%s\n' "$p"
  done
}

apt_install() {
  local missing
  missing=$(missing_debian_packages "$@")
  [ -z "$missing" ] && return 0
  log "installing: $(echo $missing)"
  # An apt index that was never fetched finds nothing: update once before installing.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# Debian 12 and Ubuntu 24.04 ship Qt 6.4 and no Qt 6 build of KSyntaxHighlighting; KF6 needs Qt ≥ 6.5.
# Build the KF5 5.116 source (same API) against Qt 6, as measured in DEPENDENCIES.md.
build_ksyntaxhighlighting() {
  if [ -f "$ksh_prefix/.complete" ]; then return 0; fi
  apt_install "${ksh_build_packages[@]}"
  local work; work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  log "building KSyntaxHighlighting $ksh_version for Qt 6 into $ksh_prefix (about a minute)"
  local uris
  uris=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uris" ] || uris=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$uris" ] || die "no Debian mirror found in /etc/apt to fetch the KSyntaxHighlighting source from"
  mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/src"
  cat > "$work/apt/trixie.sources" <<SRC
Types: deb deb-src
URIs: $uris
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  local aptopts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/apt"
    -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache"
    -o "Dir::State::status=/var/lib/dpkg/status" -o "APT::Sandbox::User=root" -qq)
  apt-get "${aptopts[@]}" update || die "cannot reach the Debian 13 source index at $uris"
  # The mirror serves the upstream tarball but not always the Debian packaging files beside it:
  # take the tarball's address and checksum from the signed index and fetch only that.
  local uri_line url sum
  uri_line=$(apt-get "${aptopts[@]}" source --print-uris "ksyntax-highlighting" | grep "orig.tar.xz'" | head -n1)
  [ -n "$uri_line" ] || die "the Debian 13 index has no ksyntax-highlighting source"
  url=$(echo "$uri_line" | awk '{print $1}' | tr -d "'")
  sum=$(echo "$uri_line" | awk '{print $4}')
  /usr/lib/apt/apt-helper download-file "$url" "$work/src/ksyntax-highlighting.orig.tar.xz" "$sum" >/dev/null ||
    die "cannot download $url"
  (cd "$work/src" && apt-get "${aptopts[@]}" download extra-cmake-modules >/dev/null) ||
    die "cannot download extra-cmake-modules"
  dpkg -x "$work"/src/extra-cmake-modules_*.deb "$work/ecm"
  tar -C "$work/src" -xf "$work/src/ksyntax-highlighting.orig.tar.xz"
  local srcdir; srcdir=$(find "$work/src" -maxdepth 1 -type d -name 'syntax-highlighting-*' | head -n1)
  [ -n "$srcdir" ] || die "unexpected layout of the ksyntax-highlighting source"
  cmake -S "$srcdir" -B "$work/build" -G Ninja -DQT_MAJOR_VERSION=6 -DBUILD_TESTING=OFF -DBUILD_QCH=OFF \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$ksh_prefix" \
    -DECM_DIR="$work/ecm/usr/share/ECM/cmake" >"$work/configure.log" 2>&1 ||
    { tail -30 "$work/configure.log" >&2; die "configuring KSyntaxHighlighting failed"; }
  cmake --build "$work/build" >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; die "building KSyntaxHighlighting failed"; }
  cmake --install "$work/build" >/dev/null
  touch "$ksh_prefix/.complete"
}

# The fuzz target's toolchain: clang with its runtime libraries (libFuzzer, ASan, UBSan).
debian_fuzz_packages=()
fedora_fuzz_packages=()
debian_package_test_packages=()
if [ "$package_test" = 1 ]; then
  debian_package_test_packages=(desktop-file-utils appstream man-db zsh x11-utils)
fi
if [ "$fuzz" = 1 ]; then
  debian_fuzz_packages=(clang libclang-rt-dev)
  fedora_fuzz_packages=(clang compiler-rt)
  # Ubuntu 22.04 has no libclang-rt-dev: the runtime comes with clang there.
  [ "$distro" = "ubuntu:22.04" ] && debian_fuzz_packages=(clang)
fi

case "$distro" in
  debian:12*|ubuntu:24.04*|ubuntu:22.04*)
    apt_install "${debian_packages[@]}" "${debian_fuzz_packages[@]}" "${debian_package_test_packages[@]}"
    build_ksyntaxhighlighting ;;
  debian:13*|debian:*|ubuntu:*)
    apt_install "${debian_packages[@]}" libkf6syntaxhighlighting-dev "${debian_fuzz_packages[@]}" \
      "${debian_package_test_packages[@]}" ;;
  fedora:*)
    pkgs=(gcc-c++ cmake ninja-build git ccache openssl qt6-qtbase-devel qt6-qtsvg-devel qt6-qthttpserver-devel libgit2-devel
      yaml-cpp-devel jemalloc-devel qtkeychain-qt6-devel kf6-syntax-highlighting-devel xorg-x11-server-Xvfb ImageMagick python3
      dbus-daemon gnome-keyring "${fedora_fuzz_packages[@]}")
    rpm -q "${pkgs[@]}" >/dev/null 2>&1 || as_root dnf install -y "${pkgs[@]}" ;;
  *)
    die "unsupported system '$distro': install Qt 6 (Widgets, Network, Svg, Test), libgit2, yaml-cpp, QtKeychain and KSyntaxHighlighting for Qt 6, then build with CMake (see README)" ;;
esac
# Nothing more to say: CMakeLists.txt finds the built dependency in the same cache folder.
