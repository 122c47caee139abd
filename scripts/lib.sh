# Shared by scripts/run, scripts/test and scripts/bench-*: what Homeport needs from Debian 12,
# and one way to get it. Sourced, not run.

HOMEPORT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOMEPORT_BUILD_DIR=${HOMEPORT_BUILD_DIR:-$HOMEPORT_ROOT/build}

# To build and run Homeport (Qt 6.4 from Debian; Beast's parser from Boost; zlib/brotli for
# Content-Encoding; OpenSSL for TLS; hiredis for the channels service's Redis adapter; ICU for
# the search service's word breaking in Chinese, Japanese and Thai).
HOMEPORT_BUILD_PACKAGES=(
  cmake ninja-build g++ pkg-config ccache
  qt6-base-dev qt6-websockets-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  linguist-qt6 libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-qpa-plugins libgl-dev
  libboost-dev zlib1g-dev libbrotli-dev libssl-dev libhiredis-dev libicu-dev
)
# Only for the tests: the interop tests drive real SDKs with Node.js and Debian's S3 command-line
# clients (awscli, s3cmd, rclone; python3-boto, boto 2, for forms signed the SigV2 way; restic, whose
# minio-go signs bodies chunk by chunk); curl and Xvfb for the
# end-to-end and screenshot checks; dpkg-dev, file and desktop-file-utils for the .deb check;
# redis-server and postgresql-15 for the cluster tests (started on free ports, not as system services);
# python3 for the translation check (tests/i18n).
HOMEPORT_TEST_PACKAGES=(nodejs npm curl openssl python3 xvfb xauth python3-sentry-sdk python3-boto3 python3-boto awscli s3cmd rclone restic dpkg-dev binutils file desktop-file-utils redis-server postgresql-15)
# Only for scripts/bench-search: the corpus maker and the SQLite FTS5 baseline (Python's sqlite3).
HOMEPORT_BENCH_PACKAGES=(python3 curl)

homeport_missing_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  echo "${missing[@]:-}"
}

# Installs what is missing through apt-get as root or with passwordless sudo; otherwise prints
# the command to run and fails, so nothing half-builds.
homeport_ensure_packages() {
  local missing
  missing=$(homeport_missing_packages "$@")
  [ -z "$missing" ] && return 0
  # Node.js may come from elsewhere than Debian (nvm, nodesource): a working node+npm is enough.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=$(echo " $missing " | sed -e 's/ nodejs / /' -e 's/ npm / /' | xargs echo)
    [ -z "$missing" ] && return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "Homeport needs these Debian packages: $missing" >&2
      echo "Install them with: sudo apt-get install $missing" >&2
      return 1
    fi
  fi
  echo "Installing Debian packages: $missing" >&2
  # shellcheck disable=SC2086
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >&2 \
    || { "${sudo[@]}" apt-get update -q >&2 && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >&2; }
}

# Configures once (Release, Ninja, ccache through CMake) and builds the given targets.
homeport_build() {
  if [ ! -f "$HOMEPORT_BUILD_DIR/build.ninja" ]; then
    cmake -S "$HOMEPORT_ROOT" -B "$HOMEPORT_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  fi
  cmake --build "$HOMEPORT_BUILD_DIR" --parallel "$(nproc)" "$@" >&2
}
