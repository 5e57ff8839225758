# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Shared by scripts/record-goldens.sh and tests/golden/run_golden.sh: reading *.cases files.
#
# A case file holds one case per line, `name|fixture|args`: NAME names the golden files
# tests/golden/NAME.{out,err,rc}, FIXTURE is a directory under tests/fixtures, ARGS are the
# netstat arguments (shell words; a leading `--as UID` runs the case as that user; a leading
# `--combined` sends stdout and stderr into one pipe, recorded as NAME.out with NAME.err empty,
# which checks where stderr lines land among stdout's buffered blocks).
# Blank lines and `#` comments are ignored, except the directive `#@ netns`: every case after
# it needs the probe network interfaces (fakerun.sh --netns).

# each_case FILE: prints `name<TAB>fixture<TAB>netns(0|1)<TAB>args` for every case of FILE.
each_case() {
    local netns=0 name fixture args
    while IFS='|' read -r name fixture args || [ -n "$name" ]; do
        case "$name" in
            '#@ netns'*) netns=1; continue ;;
            ''|'#'*) continue ;;
        esac
        printf '%s\t%s\t%s\t%s\n' "$name" "$fixture" "$netns" "$args"
    done < "$1"
}

# case_uses_programs ARGS...: true when the arguments ask for -p (the process walk depends on
# directory order, which only the tmpfs in the namespace reproduces).
case_uses_programs() {
    local a
    for a in "$@"; do
        case "$a" in
            --prog*) return 0 ;;
            --*) ;;
            -A*) ;;
            -*p*) return 0 ;;
        esac
    done
    return 1
}
