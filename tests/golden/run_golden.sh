#!/bin/bash
# SPDX-License-Identifier: MIT
# Golden test driver: runs netstat-audit on every case of a case file and compares stdout,
# stderr and exit status byte for byte with tests/golden/NAME.{out,err,rc}.
#
# usage: run_golden.sh --bin PATH [--pending FILE] [--verbose] [--expose-self] CASEFILE...
#
# Portable cases (tests/golden/portable.txt) run anywhere, without root: the binary gets
# --proc-root on a private copy of the fixture's proc tree. The others (setup.sh, --as, -p,
# name lookups through the fixture's /etc, -i interfaces) run through scripts/fakerun.sh in a
# mount namespace; they are skipped when unshare is not permitted.
# Intended differences from netstat live in tests/golden/deviations/ (they override a golden part).
# Cases listed in the pending file are expected to fail (features in progress, known bugs);
# one that passes is reported as XPASS but does not fail the run.
# A sanitizer build (ASan/LSan/TSan runtime found in the binary) or --expose-self makes fakerun.sh
# expose the process's own /proc entries, which the sanitizer runtimes need.
# Exit: 0 all good, 1 some case failed, 77 every case was skipped.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=""
pending_file=$here/pending.txt
verbose=""
expose_self=""
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --pending) pending_file=$2; shift 2 ;;
        --verbose) verbose=1; shift ;;
        --expose-self) expose_self=1; shift ;;
        --) shift; break ;;
        -*) echo "run_golden: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
if [ -z "$bin" ] || [ $# -eq 0 ]; then
    echo "usage: run_golden.sh --bin PATH [--pending FILE] [--verbose] CASEFILE..." >&2
    exit 2
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -x "$bin" ] || { echo "run_golden: $bin is not executable" >&2; exit 2; }
grep -q -a -E '__asan_init|__lsan_init|__tsan_init' "$bin" && expose_self=1
# shellcheck source=SCRIPTDIR/caselib.sh
. "$here/caselib.sh"
export LC_ALL=C
unset LANGUAGE

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# run as plain "netstat" (argv[0] appears in getopt messages), like the goldens
mkdir "$work/bin" && ln -s "$bin" "$work/bin/netstat"

# name -> 1 for the lists; pending lines are "name  # why"
declare -A portable=() pending=()
while read -r name _; do
    [ -n "$name" ] && portable[$name]=1
done < <(grep -v '^[[:space:]]*#' "$here/portable.txt")
if [ -f "$pending_file" ]; then
    while read -r name _; do
        [ -n "$name" ] && pending[$name]=1
    done < <(sed 's/#.*//' "$pending_file")
fi

can_unshare=""
unshare -m --propagation private true 2>/dev/null && can_unshare=1
can_netns=""
[ -n "$can_unshare" ] && command -v ip > /dev/null &&
    unshare -m -n --propagation private sh -c 'ip link add nsaudit0 type veth peer name nsaudit1' \
        2>/dev/null && can_netns=1

# fixture_copy FIXTURE: a private copy of the fixture's proc tree (what fakerun.sh puts on /proc)
fixture_copy() {
    local dst=$work/fix/$1
    if [ ! -d "$dst" ]; then
        mkdir -p "$dst"
        [ -d "$root/tests/fixtures/$1/proc" ] &&
            cp -R --no-dereference --preserve=mode,links "$root/tests/fixtures/$1/proc/." "$dst/"
        find "$dst" -name .gitkeep -delete
        mkdir -p "$dst/net"
    fi
    printf '%s' "$dst"
}

# compare NAME: diffs the run in $work/run.* against the golden; prints the diff on mismatch.
# tests/golden/deviations/NAME.PART, when present, replaces netstat's output for that part: a
# reviewed, documented difference (see tests/golden/deviations/README.md).
compare() {
    local g ok=0 part
    for part in out err rc; do
        g=$root/tests/golden/$1
        [ -f "$root/tests/golden/deviations/$1.$part" ] && g=$root/tests/golden/deviations/$1
        if ! cmp -s "$g.$part" "$work/run.$part"; then
            ok=1
            diff -u --text --label "golden/$1.$part" --label "netstat-audit $1.$part" \
                "$g.$part" "$work/run.$part" > "$work/diff.$part"
        else
            : > "$work/diff.$part"
        fi
    done
    return $ok
}

n_pass=0 n_fail=0 n_xfail=0 n_xpass=0 n_skip=0
failed=() xpassed=()
for casefile in "$@"; do
    while IFS=$'\t' read -r name fixture netns args; do
        eval "set -- $args"
        how=portable
        if [ -z "${portable[$name]:-}" ]; then
            how=namespace
            if [ -z "$can_unshare" ] || { [ "$netns" = 1 ] && [ -z "$can_netns" ]; }; then
                n_skip=$((n_skip + 1))
                [ -n "$verbose" ] && echo "SKIP   $name (needs a namespace)"
                continue
            fi
        fi
        if [ ! -f "$root/tests/golden/$name.rc" ]; then
            echo "FAIL   $name: no golden (run scripts/record-goldens.sh)"
            n_fail=$((n_fail + 1)); failed+=("$name"); continue
        fi
        if [ "$how" = portable ]; then
            proc=$(fixture_copy "$fixture")
            PATH=$work/bin:$PATH timeout 20 netstat --proc-root "$proc" "$@" \
                > "$work/run.out" 2> "$work/run.err" < /dev/null
            rc=$?
            # Under --proc-root messages name the path read; netstat read /proc itself.
            proc_pattern=$(printf '%s' "$proc" | sed 's/[][\.*^$|]/\\&/g')
            sed -i "s|$proc_pattern/|/proc/|g" "$work/run.err"
            (exit $rc)
        else
            run=(--bin "$bin")
            [ "$netns" = 1 ] && run+=(--netns)
            [ -n "$expose_self" ] && run+=(--expose-self)
            if [ "${1:-}" = --combined ]; then
                shift
                timeout 20 "$root/scripts/fakerun.sh" "${run[@]}" "$root/tests/fixtures/$fixture" \
                    "$@" 2>&1 < /dev/null | cat > "$work/run.out"
                status=${PIPESTATUS[0]}
                : > "$work/run.err"
                (exit $status)
            else
                timeout 20 "$root/scripts/fakerun.sh" "${run[@]}" "$root/tests/fixtures/$fixture" \
                    "$@" > "$work/run.out" 2> "$work/run.err" < /dev/null
            fi
        fi
        echo $? > "$work/run.rc"
        if compare "$name"; then
            if [ -n "${pending[$name]:-}" ]; then
                n_xpass=$((n_xpass + 1)); xpassed+=("$name")
                echo "XPASS  $name ($how): listed in $(basename "$pending_file") but passes now"
            else
                n_pass=$((n_pass + 1))
                [ -n "$verbose" ] && echo "PASS   $name ($how)"
            fi
        elif [ -n "${pending[$name]:-}" ]; then
            n_xfail=$((n_xfail + 1))
            [ -n "$verbose" ] && echo "XFAIL  $name ($how)"
        else
            n_fail=$((n_fail + 1)); failed+=("$name")
            echo "FAIL   $name ($how): netstat $args   [fixture $fixture]"
            # control bytes shown as ^X / M-x, so the log stays readable on a terminal
            cat -v "$work/diff.out" "$work/diff.err" "$work/diff.rc"
        fi
    done < <(each_case "$casefile")
done

echo "golden: $n_pass passed, $n_fail failed, $n_xfail pending (expected failures)," \
    "$n_xpass pending but passing, $n_skip skipped (no namespace)"
[ ${#failed[@]} -gt 0 ] && echo "failed: ${failed[*]}"
[ ${#xpassed[@]} -gt 0 ] && echo "pending but passing (remove from $(basename "$pending_file")): ${xpassed[*]}"
[ $n_fail -gt 0 ] && exit 1
[ $((n_pass + n_xfail + n_xpass)) -eq 0 ] && exit 77
exit 0
