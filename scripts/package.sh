#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian package build-pkg/netstat-audit_VERSION_ARCH.deb from this tree: a Release
# build without tests or benchmarks, packaged by CPack's DEB generator (dependencies from
# dpkg-shlibdeps). Install it with `apt install ./build-pkg/netstat-audit_*.deb`. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build-pkg -DCMAKE_BUILD_TYPE=Release -DNETSTAT_AUDIT_BUILD_TESTS=OFF \
  -DNETSTAT_AUDIT_BUILD_BENCH=OFF > /dev/null
cmake --build build-pkg -j"$(nproc)"
rm -f build-pkg/netstat-audit_*.deb
(cd build-pkg && cpack -G DEB > /dev/null)
deb=$(ls build-pkg/netstat-audit_*.deb)
dpkg-deb -I "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\):/\1:/p'
echo "$deb"
