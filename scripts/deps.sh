#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages netstat-audit needs to build and test; does nothing when
# they are all present (so it is cheap to run before every build).
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libfmt-dev libgtest-dev libcli11-dev nlohmann-json3-dev libmnl-dev zlib1g-dev libbenchmark-dev
  python3-jsonschema jq rsyslog man-db groff-base
  dpkg-dev file bash-completion
  clang-format python3
  net-tools iproute2 util-linux procps
  strace binutils
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "deps.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
