#!/bin/bash
# SPDX-License-Identifier: MIT
# Sources the bash completion as bash-completion would and checks what a few command lines
# complete to, by setting COMP_WORDS/COMP_CWORD and calling the completion functions.
#
# usage: run_completion.sh FILE
# Exit: 0 all as expected, 1 a mismatch, 77 the bash-completion package is not installed.
set -u
file=${1:?usage: run_completion.sh FILE}
framework=/usr/share/bash-completion/bash_completion
[ -r "$framework" ] || { echo "SKIP: $framework not installed"; exit 77; }
# shellcheck source=/dev/null
. "$framework"
# shellcheck source=/dev/null
. "$file"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/capdir" "$work/other" && touch "$work/a.tar.gz" "$work/b.txt"
cd "$work" || exit 1

status=0
# check FUNCTION EXPECTED WORD...: completes the last WORD; EXPECTED is the space-joined sorted
# COMPREPLY.
check() {
    local function=$1 expected=$2
    shift 2
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    "$function" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    local got
    got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd' ')
    if [ "$got" = "$expected" ]; then
        echo "PASS   $*"
    else
        echo "FAIL   $*"
        echo "  expected: $expected"
        echo "  got:      $got"
        status=1
    fi
}

a=_netstat_audit
check $a "--numeric --numeric-hosts --numeric-ports --numeric-users" netstat-audit --nu
check $a "--proc-root=" netstat-audit -tan --proc-r
check $a "inet inet6" netstat-audit -A ine
check $a "inet,unix" netstat-audit -A inet,un
check $a "netlink" netstat-audit --source net
check $a "auto netlink proc" netstat-audit --source ''
check $a "auto netlink proc" netstat-audit --source=
check $a "all" netstat-audit --netns=a
check $a "TIME_WAIT" netstat-audit -tan --state TI
check $a "established" netstat-audit -tan --state est
check $a "LISTEN,LAST_ACK" netstat-audit --state LISTEN,LA
check $a "capdir other" netstat-audit --proc-root ''
check $a "audit" netstat-audit au
check $a "critical" netstat-audit audit --fail-on cr
check $a "critical info warning" netstat-audit --audit --fail-on ''
check $a "--fail-on=" netstat-audit audit --fail
check $a "a.tar.gz b.txt capdir other" netstat-audit audit --state ''
check $a "--top=" netstat-audit summary --to
check $a "" netstat-audit summary ''
check $a "trigger" netstat-audit tr
check $a "--syn-recv=" netstat-audit trigger --syn
check $a "capdir other" netstat-audit trigger --dir ''
c=_netstat_audit_capture
check $c "--force" netstat-audit-capture --fo
check $c "--help" netstat-audit-capture --he
check $c "a.tar.gz capdir other" netstat-audit-capture -o ''
check $c "capdir other" netstat-audit-capture ''
exit $status
