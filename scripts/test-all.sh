#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds netstat-audit and runs every test: the normal build, the same suite under
# AddressSanitizer/UBSan, and the clang-format check. Idempotent; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=$(nproc)

echo "== format check"
git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format --dry-run --Werror

echo "== release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNETSTAT_AUDIT_WERROR=ON \
  -DNETSTAT_AUDIT_BUILD_TESTS=ON -DNETSTAT_AUDIT_BUILD_BENCH=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== AddressSanitizer + UBSan build and tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DNETSTAT_AUDIT_WERROR=ON \
  -DNETSTAT_AUDIT_SANITIZE=address,undefined -DNETSTAT_AUDIT_BUILD_TESTS=ON \
  -DNETSTAT_AUDIT_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
