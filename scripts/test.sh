#!/usr/bin/env bash
# Runs every test of TCP Lab, browser tests included. Installs what the tests need and is
# missing (Debian's chromium, tshark for the packet-capture checks, redis-server for the
# shared-session tests, fonts-noto-cjk so Chinese pages render as learners see them) when it
# can; otherwise says what to install and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
chromium_path="${TCPLAB_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium_path" ] || need_packages+=(chromium)
tshark_path="${TCPLAB_TSHARK:-/usr/bin/tshark}"
[ -x "$tshark_path" ] || need_packages+=(tshark)
redis_path="${TCPLAB_REDIS_SERVER:-/usr/bin/redis-server}"
[ -x "$redis_path" ] || need_packages+=(redis-server)
# Chinese pages are measured and looked at with a Chinese font, as learners see them
if command -v dpkg >/dev/null && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then need_packages+=(fonts-noto-cjk); fi

if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need_packages[*]} for the tests…"
    apt-get update -qq
    # tshark's package asks whether non-root users may capture; noninteractive takes the default (no)
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
  else
    echo "The tests need these Debian packages: ${need_packages[*]}" >&2
    echo "Install them with: sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${need_packages[*]}" >&2
    echo "(or point TCPLAB_CHROMIUM at a Chromium binary, TCPLAB_TSHARK at tshark," >&2
    echo " TCPLAB_REDIS_SERVER at redis-server)" >&2
    exit 1
  fi
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export TCPLAB_CHROMIUM="$chromium_path"
export TCPLAB_TSHARK="$tshark_path"
export TCPLAB_REDIS_SERVER="$redis_path"
exec mvn -B -ntp verify "$@"
