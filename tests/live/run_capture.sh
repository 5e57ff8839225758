#!/bin/bash
# SPDX-License-Identifier: MIT
# Live check of offline analysis: netstat-audit-capture saves this machine's /proc data, then
# netstat-audit --proc-root on the capture must print what it prints on the live /proc for
# listening sockets with owners (-tlnpW, -ulnpW, -xlp, and -tlpeW with port and user names
# from the captured name databases), the routing table (-rn), the statistics (-s) and the
# interface table (-i, -ie) apart from moving counters, given either the capture
# directory or its proc/ subdirectory, and from an archive unpacked elsewhere. Rows are compared
# as sorted sets; a mismatch (sockets coming and going) is retried. Also: --help creates
# nothing, the capture is private (0700, no group/other bits), its sums verify, a non-empty
# directory is refused without --force, and a non-root capture warns and says so.
#
# usage: run_capture.sh --bin PATH --capture PATH
# Exit: 0 all as expected, 1 something differs, 77 not root (skipped).
set -u
[ "${1:-}" = --bin ] && [ -n "${2:-}" ] && [ "${3:-}" = --capture ] && [ -n "${4:-}" ] ||
    { echo "usage: run_capture.sh --bin PATH --capture PATH" >&2; exit 2; }
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
capture=$(cd "$(dirname "$4")" && pwd)/$(basename "$4")
export LC_ALL=C
if [ "$(id -u)" -ne 0 ]; then
    # A non-root capture holds no other user's fd table, so its -p views cannot equal the live
    # ones (which print netstat's EACCES notice); the non-root case itself is checked below as root.
    echo "capture: needs root (a non-root capture cannot see other users' sockets), skipping"
    exit 77
fi
work=$(mktemp -d)
# a capture keeps /proc/sys's read-only directory modes: a non-root run must add u+w to remove it
remove() { chmod -R u+w "$@" 2> /dev/null; rm -rf "$@"; }
trap 'remove "$work"' EXIT
status=0
pass() { echo "PASS   $*"; }
fail() { echo "FAIL   $*"; status=1; }

sorted() { # ARGS...: rc, header lines, sorted rows, stderr
    "$bin" "$@" > "$work/out" 2> "$work/err" < /dev/null
    echo "rc=$?"
    head -n 2 "$work/out"
    tail -n +3 "$work/out" | sort
    sed 's/^/stderr: /' "$work/err"
}

# --- options: --help and --version create nothing; bad usage is refused ------------------------
mkdir "$work/empty"
(cd "$work/empty" && sh "$capture" --help > ../help.txt 2>&1 && sh "$capture" --help newdir \
    > /dev/null 2>&1 && sh "$capture" --version > ../version.txt 2>&1)
rc=$?
if [ $rc -eq 0 ] && [ -z "$(ls -A "$work/empty")" ] && grep -q -- '--force' "$work/help.txt" &&
    grep -q '^netstat-audit-capture [0-9]' "$work/version.txt"; then
    pass "capture --help/--version create nothing"
else
    fail "capture --help/--version (rc $rc, created: $(ls -A "$work/empty"))"
fi
(cd "$work/empty" && sh "$capture" --bogus > /dev/null 2>&1)
rc=$?
[ $rc -eq 2 ] && [ -z "$(ls -A "$work/empty")" ] && pass "capture --bogus: usage error" ||
    fail "capture --bogus: rc $rc"

# --- one capture: private, verified, refused when reused without --force -------------------
# One capture serves every check and the first comparison of the views (a capture can take a
# minute on a machine with 100,000 open sockets); only a view that differs takes another.
sh "$capture" -o "$work/a.tar.gz" "$work/cap" 2> "$work/cap.err"
rc=$?
mode=$(stat -c %a "$work/cap")
open=$(find "$work/cap" ! -type l -perm /077 | head -n 3)
if [ $rc -eq 0 ] && [ "$mode" = 700 ] && [ -z "$open" ]; then
    pass "capture is private (0700, no group/other bits)"
else
    fail "capture rc $rc, mode $mode, readable by others: $open"
fi
if (cd "$work/cap" && sha256sum -c --quiet --strict SHA256SUMS); then
    pass "capture SHA256SUMS verify"
else
    fail "capture SHA256SUMS do not verify"
fi
# LINKS lists every symlink with its exact target text (regenerated here the same way).
(cd "$work/cap" && find proc -type l -printf '%p\t%l\0' | LC_ALL=C sort -z |
    sed -z 's/\\/\\\\/g; s/\n/\\n/g' | tr '\0' '\n') > "$work/links"
nlinks=$(wc -l < "$work/links")
if cmp -s "$work/links" "$work/cap/LINKS" && [ "$nlinks" -gt 0 ] &&
    grep -q "^links: $nlinks\$" "$work/cap/MANIFEST" &&
    grep -q "^proc/$$/exe	$(readlink /proc/$$/exe)\$" "$work/cap/LINKS"; then
    pass "capture LINKS lists all $nlinks links with their target text"
else
    fail "capture LINKS ($nlinks links)"
fi
for key in host kernel boot-id time uid netstat-audit-version; do
    grep -q "^$key: ." "$work/cap/MANIFEST" || fail "MANIFEST lacks $key"
done
[ "$(sed -n 's/^boot-id: //p' "$work/cap/MANIFEST")" = "$(cat /proc/sys/kernel/random/boot_id)" ] ||
    fail "MANIFEST boot-id is not this boot's"
# What the audit reads, in the live layout: exe and fd links with the kernel's text.
self=$$
if [ "$(readlink "$work/cap/proc/$self/exe")" = "$(readlink /proc/$self/exe)" ] &&
    [ -f "$work/cap/proc/$self/status" ] && [ -f "$work/cap/proc/$self/limits" ] &&
    [ -L "$work/cap/proc/$self/fd/0" ] && [ -f "$work/cap/proc/net/sockstat" ] &&
    [ -f "$work/cap/proc/sys/kernel/random/boot_id" ] && [ -f "$work/cap/proc/sys/fs/file-nr" ] &&
    [ -f "$work/cap/proc/sys/net/ipv4/ip_forward" ] && [ -f "$work/cap/etc/services" ] &&
    [ -f "$work/cap/etc/passwd" ]; then
    pass "capture holds exe/fd links, status, limits, sysctls and name databases"
else
    fail "capture lacks some of exe/fd links, status, limits, sysctls, name databases"
fi
sh "$capture" "$work/cap" > /dev/null 2>&1
rc=$?
[ $rc -eq 1 ] && pass "capture refuses a non-empty directory" || fail "reuse without --force: rc $rc"

# --- the views read back: capture dir, its proc/, and an unpacked archive ----------------------
# Counters move between the capture and the live run: for -s the numbers are masked, for -i
# only the Iface, MTU and Flg columns and the non-counter lines of -ie are compared.
mask() { # ARGS...: the view's text with what moves removed
    case "$*" in
    *-s*) "$bin" "$@" 2>&1 | sed 's/[0-9][0-9]*/N/g' ;;
    *-ie*) "$bin" "$@" 2>&1 | grep -v -E 'packets|bytes' ;;
    *-i*) "$bin" "$@" 2>&1 | awk '{ print $1, $2, $NF }' ;;
    esac
    echo "rc=$?"
}
view() { # ARGS...: the text compared
    case "$*" in
    *-s* | *-i*) mask "$@" ;;
    *) sorted "$@" ;;
    esac
}
views=("-tlnpW" "-ulnpW" "-xlp" "-rn" "-tlpeW --numeric-hosts" "-s" "-i" "-ie")
declare -A passed=()
for attempt in 1 2 3; do
    if [ $attempt -gt 1 ]; then
        remove "$work/cap" "$work/a.tar.gz"
        sh "$capture" --force -o "$work/a.tar.gz" "$work/cap" 2> /dev/null
    fi
    remove "$work/unpacked"
    mkdir "$work/unpacked" && tar -C "$work/unpacked" -xzf "$work/a.tar.gz"
    for args in "${views[@]}"; do
        [ -n "${passed[$args]:-}" ] && continue
        # shellcheck disable=SC2086
        view $args > "$work/live.txt"
        # shellcheck disable=SC2086
        view --proc-root "$work/cap/proc" $args > "$work/capture.txt"
        # shellcheck disable=SC2086
        view --proc-root "$work/cap" $args > "$work/capture-dir.txt"
        # shellcheck disable=SC2086
        view --proc-root "$work/unpacked/cap" $args > "$work/unpacked.txt"
        if cmp -s "$work/live.txt" "$work/capture.txt" &&
            cmp -s "$work/live.txt" "$work/capture-dir.txt" &&
            cmp -s "$work/live.txt" "$work/unpacked.txt"; then
            passed[$args]=1
            pass "capture $args"
        elif [ $attempt -lt 3 ]; then
            echo "capture $args: attempt $attempt differs"
        else
            fail "capture $args"
            for f in capture capture-dir unpacked; do
                diff -u "$work/live.txt" "$work/$f.txt" | cat -v
            done
        fi
    done
    [ ${#passed[@]} -eq ${#views[@]} ] && break
done
mode=$(stat -c %a "$work/a.tar.gz" 2> /dev/null)
[ "$mode" = 600 ] && pass "archive is mode 0600" || fail "archive mode $mode"

# --- not root: a loud warning, recorded in the manifest ---------------------------------------
# uid 65534 may reach neither the build directory (a clone under /root, mode 700) nor TMPDIR:
# the script and the binary beside it are copied to a directory of its own under /tmp.
if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null && nobody=$(mktemp -d /tmp/capture-test.XXXXXX); then
    chmod 755 "$nobody" && mkdir "$nobody/run" "$nobody/tmp" && chown 65534:65534 "$nobody/run" "$nobody/tmp"
    cp "$capture" "$nobody/netstat-audit-capture" && cp "$bin" "$nobody/netstat-audit"
    chmod 755 "$nobody/netstat-audit-capture" "$nobody/netstat-audit"
    TMPDIR=$nobody/tmp setpriv --reuid=65534 --regid=65534 --clear-groups \
        sh "$nobody/netstat-audit-capture" "$nobody/run/cap" > /dev/null 2> "$work/nobody.err"
    rc=$?
    if [ $rc -eq 0 ] && grep -q 'WARNING: not running as root' "$work/nobody.err" &&
        grep -q '^root: no' "$nobody/run/cap/MANIFEST" &&
        grep -q '^uid: 65534$' "$nobody/run/cap/MANIFEST"; then
        pass "non-root capture warns and records root: no"
    else
        fail "non-root capture (rc $rc): $(cat "$work/nobody.err")"
    fi
    remove "$nobody"
fi
exit $status
