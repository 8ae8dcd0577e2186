#!/usr/bin/env bash
# Runs every test of TCP Lab, browser tests included. Installs what the tests need and is
# missing (Debian's chromium and redis-server) when it can; otherwise says what to install and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
chromium_path="${TCPLAB_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium_path" ] || need_packages+=(chromium)
redis_path="${TCPLAB_REDIS_SERVER:-/usr/bin/redis-server}"
[ -x "$redis_path" ] || need_packages+=(redis-server)

if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need_packages[*]} for the tests…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
  else
    echo "The tests need these Debian packages: ${need_packages[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${need_packages[*]}" >&2
    echo "(or point TCPLAB_CHROMIUM at a Chromium binary, TCPLAB_REDIS_SERVER at redis-server)" >&2
    exit 1
  fi
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export TCPLAB_CHROMIUM="$chromium_path"
export TCPLAB_REDIS_SERVER="$redis_path"
exec mvn -B -ntp verify "$@"
