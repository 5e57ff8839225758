#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --output on a full file system (a 256 KiB tmpfs in a private mount namespace): status 3, a
# message on stderr, the previous snapshot intact and no temporary file left; plain and .gz.
# Needs root for the namespace (77 otherwise).
# Usage: run_output_full.sh --bin build/netstat-audit [--fixtures tests/fixtures]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="" fixtures="$here/../fixtures"
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$(realpath "$2"); shift 2 ;;
    --fixtures) fixtures=$(realpath "$2"); shift 2 ;;
    --inside) inside=1; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "${inside:-}" ]; then
  [ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
  unshare --mount true 2>/dev/null || { echo "SKIP: unshare --mount not permitted"; exit 77; }
  exec unshare --mount --propagation private bash "$0" --inside --bin "$bin" --fixtures "$fixtures"
fi

dir=$(mktemp -d /tmp/netstat-audit-full.XXXXXX)
mount -t tmpfs -o size=256k tmpfs "$dir"
trap 'umount "$dir"; rmdir "$dir"' EXIT
failures=0
for name in snap.json snap.json.gz; do
  printf 'previous snapshot\n' > "$dir/$name"
  dd if=/dev/zero of="$dir/filler" bs=4k 2>/dev/null || true  # until ENOSPC
  set +e
  "$bin" --proc-root "$fixtures/sock/proc" -tuwxan --json --output="$dir/$name" 2>"$dir/../err.$$"
  status=$?
  set -e
  err=$(cat "$dir/../err.$$"); rm -f "$dir/../err.$$"
  left=$(find "$dir" -name ".$name.*" | wc -l)
  if [ "$status" != 3 ] || [ "$(cat "$dir/$name")" != "previous snapshot" ] || [ "$left" != 0 ] ||
     [[ "$err" != *"No space left on device"* ]]; then
    echo "FAIL $name: status $status, stderr '$err', $left temporary files, content: $(head -c 40 "$dir/$name")"
    failures=$((failures + 1))
  else
    echo "ok $name: status 3, '$err', previous file intact"
  fi
  rm -f "$dir/filler"
  # With room again the same command replaces the file.
  "$bin" --proc-root "$fixtures/sock/proc" -tuwxan --json --output="$dir/$name"
  if [ "$name" = snap.json.gz ]; then gzip -dc "$dir/$name" | jq -e .schema_version >/dev/null
  else jq -e .schema_version "$dir/$name" >/dev/null; fi || { echo "FAIL $name: not replaced"; failures=$((failures + 1)); }
done
exit $((failures > 0))
