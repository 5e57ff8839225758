#!/bin/bash
# SPDX-License-Identifier: MIT
# Race stress (opt-in, not in ctest): in a private network namespace, a churn of loopback TCP
# and UDP sockets and short-lived processes holding them, while -atnp, -xp, -i and the audit run
# again and again. Every run must end with netstat's status (0), no crash, no "internal error"
# or sanitizer report on stderr, and no row printed twice by one -atnp read (the churn uses
# unique 4-tuples: no SO_REUSEPORT). Bounded: ROUNDS rounds (default 200) of the four views.
# Build with -DNETSTAT_AUDIT_SANITIZE=address,undefined or =thread to race the sanitizers too.
#
# usage: run_race_stress.sh --bin PATH [ROUNDS]
# Exit: 0 clean, 1 a failure (printed), 77 no network namespace (needs root).
set -u
[ "${1:-}" = --bin ] && [ -n "${2:-}" ] || { echo "usage: run_race_stress.sh --bin PATH [ROUNDS]" >&2; exit 2; }
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
rounds=${3:-200}
if ! unshare -n true 2>/dev/null; then
    echo "race-stress: cannot create a network namespace (needs root), skipping"
    exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
exec unshare -n bash "$here/race_stress_body.sh" "$bin" "$rounds"
