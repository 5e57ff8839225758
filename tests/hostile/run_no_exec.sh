#!/bin/bash
# SPDX-License-Identifier: MIT
# "We never execute anything": netstat-audit runs no other program, in any mode.
#  1. Link time: the binary (libstdc++, libgcc and zlib linked in, libc dynamic) imports none of
#     libc's ways to run a program (exec*, system, popen, posix_spawn*, wordexp); fork is
#     allowed (--netns enters namespaces in a forked child that only writes to a pipe).
#  2. Run time: the binary calls syscall() (openat2), which symbols cannot see, so every mode
#     runs under `strace -f -e trace=execve,execveat` (Debian's strace, scripts/deps.sh): the
#     only execve is strace's own start of the binary. Skipped when ptrace is not permitted.
#
# usage: run_no_exec.sh --bin PATH
# Exit: 0 nothing executed, 1 something could (printed).
set -u
[ "${1:-}" = --bin ] && [ -n "${2:-}" ] || { echo "usage: run_no_exec.sh --bin PATH" >&2; exit 2; }
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
status=0

forbidden='^(execl|execle|execlp|execv|execve|execveat|execvp|execvpe|fexecve|system|popen|posix_spawn|posix_spawnp|wordexp|__libc_system|_Fork)$'
if ! imports=$(nm -D --undefined-only "$bin" 2>&1); then
    echo "no-exec: nm cannot read $bin: $imports"
    exit 1
fi
imported=$(awk '{print $NF}' <<< "$imports" | sed 's/@.*//')
[ "$(wc -l <<< "$imported")" -ge 20 ] || { echo "no-exec: nm found almost no imports: $imports"; exit 1; }
bad=$(grep -E "$forbidden" <<< "$imported")
if [ -n "$bad" ]; then
    echo "no-exec: the binary imports $(tr '\n' ' ' <<< "$bad")"
    status=1
else
    echo "no-exec: $(wc -l <<< "$imported") imported symbols, none runs a program"
fi

if ! command -v strace > /dev/null || ! strace -f -qq -e trace=none true 2> /dev/null; then
    echo "no-exec: strace is missing or ptrace is not permitted; the run-time half is skipped"
    exit $status
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
capture=$root/tests/fixtures/audit/clean
# one per code path that touches the system differently: the -p walk, ioctls, netlink, the
# forked namespace readers, the atomic --output, the audit (kernel log, sysctls, baseline and
# state files), the summary
modes=(
    "-atnp" "-xap" "-ie" "-rn" "-s" "-tlnp --json" "--netns=all -tlnp"
    "-tlnp --output=$work/out.json.gz --json" "audit --save-baseline=$work/base"
    "audit --json --baseline=$work/base" "audit --proc-root=$capture --state=$work/state" "summary"
)
# LeakSanitizer stops the world with ptrace, which strace holds: no leak check in this half
# (the ASan lane's other tests check leaks)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
ran=0
for args in "${modes[@]}"; do
    # shellcheck disable=SC2086
    strace -f -qq --seccomp-bpf -e trace=execve,execveat -e signal=none -o "$work/trace" \
        timeout 60 "$bin" $args > /dev/null 2> "$work/err" < /dev/null
    rc=$?
    if [ $rc -gt 2 ]; then # a usage error or a failed audit would prove nothing
        echo "no-exec: $args exited $rc: $(head -2 "$work/err")"
        status=1
    fi
    # the trace starts with timeout's execve and its execve of the binary
    execs=$(grep -c -E 'execve(at)?\(' "$work/trace")
    if [ "$execs" -ne 2 ] || ! grep -q "execve(\"$bin\"" "$work/trace"; then
        echo "no-exec: $args executed something:"
        grep -E 'execve(at)?\(' "$work/trace" | tail -n +3 | head -5
        status=1
    fi
    ran=$((ran + 1))
done
# --watch and -c loop until interrupted: one poll each, then SIGINT
for args in "-tlnp --watch" "-tnc"; do
    # shellcheck disable=SC2086
    strace -f -qq --seccomp-bpf -e trace=execve,execveat -e signal=none -o "$work/trace" \
        timeout -s INT 2 "$bin" $args > /dev/null 2>&1 < /dev/null
    if [ "$(grep -c -E 'execve(at)?\(' "$work/trace")" -ne 2 ]; then
        echo "no-exec: $args executed something:"
        grep -E 'execve(at)?\(' "$work/trace" | tail -n +3 | head -5
        status=1
    fi
    ran=$((ran + 1))
done
[ $status = 0 ] && echo "no-exec: $ran modes under strace -f: no execve but the binary's own"
exit $status
