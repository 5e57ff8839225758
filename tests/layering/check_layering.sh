#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The layering rules of STYLE.md ("only the reading stage touches the system"; model = facts,
# view = netstat's text, cli = wiring): no system call, NSS or DNS call, no system-I/O header
# and no source/ include under parse/, model/ and view/ (src/ and their include/ mirrors); no
# cli/ include there but cli/options.hpp (the command line as plain data), and none of report/,
# audit/ or trigger/; no view/ include under parse/ and model/. Prints every hit and exits 1
# when there is one.
#   check_layering.sh SOURCE_DIR     check the tree
#   check_layering.sh --self-test    plant one hit of each kind in a scratch tree: must fail
set -u

# Calls: a name not preceded by an identifier, '.', '->' or a class qualifier (ScanCursor::read
# is fine, ::read is not), then '('.
calls='open|openat|creat|read|pread|readv|fopen|fdopen|fread|fgets|getline|opendir|readdir'
calls+='|scandir|readlink|readlinkat|stat|lstat|fstat|fstatat|statx|access|faccessat|realpath'
calls+='|socket|connect|bind|sendmsg|recvmsg|recv|send|ioctl|mmap|popen|system|execv|execve'
calls+='|getpwuid|getpwuid_r|getpwnam|getpwnam_r|getgrgid|getgrnam|getpwent|gethostbyaddr'
calls+='|gethostbyname|gethostbyname2|getaddrinfo|getnameinfo|getnetbyaddr|getnetbyname'
calls+='|getservbyport|getservbyname|getservent|getprotobynumber|getprotoent|res_query'
call_re="(^|[^A-Za-z0-9_.>:])(::|std::)?(${calls})[[:space:]]*\\("
header_re='#[[:space:]]*include[[:space:]]*[<"](fcntl\.h|unistd\.h|dirent\.h|netdb\.h|pwd\.h|grp\.h|sys/socket\.h|sys/stat\.h|sys/ioctl\.h|sys/mman\.h|resolv\.h|fstream|filesystem|future|thread)[>"]'
source_re='#[[:space:]]*include[[:space:]]*"netstat_audit/source/'
# Layers above the views: the wiring (cli/, but for the plain-data Options) and the audit side.
upper_re='#[[:space:]]*include[[:space:]]*"netstat_audit/(cli|report|audit|trigger)/'
options_re='#[[:space:]]*include[[:space:]]*"netstat_audit/cli/options\.hpp"'
view_re='#[[:space:]]*include[[:space:]]*"netstat_audit/view/'

check_tree() {
    local root=$1 dirs=() hits=0 d
    for d in src/parse src/model src/view include/netstat_audit/parse include/netstat_audit/model \
        include/netstat_audit/view; do
        [[ -d $root/$d ]] && dirs+=("$root/$d")
    done
    if ((${#dirs[@]} == 0)); then
        echo "check_layering: no parse/model/view directories under $root" >&2
        return 2
    fi
    local file
    while IFS= read -r -d '' file; do
        # Comments may name the calls they describe ("readlink() gives no NUL"): drop // tails.
        local found text
        text=$(sed -e 's://.*$::' "$file")
        found=$(grep -nE -e "$call_re" -e "$header_re" -e "$source_re" <<<"$text")
        found+=$'\n'$(grep -nE "$upper_re" <<<"$text" | grep -vE "$options_re")
        case ${file#"$root"/} in
        src/parse/* | src/model/* | include/netstat_audit/parse/* | include/netstat_audit/model/*)
            found+=$'\n'$(grep -nE "$view_re" <<<"$text")
            ;;
        esac
        found=$(grep -v '^$' <<<"$found")
        if [[ -n $found ]]; then
            sed "s|^|${file#"$root"/}:|" <<<"$found"
            hits=1
        fi
    done < <(find "${dirs[@]}" -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0 | sort -z)
    return $hits
}

if [[ ${1:-} == --self-test ]]; then
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    mkdir -p "$scratch/src/view" "$scratch/src/model" "$scratch/include/netstat_audit/parse"
    printf '// ok: readlink() in a comment, ScanCursor::read(x), s.read(x)\nint f();\n%s\n%s\n' \
        '#include "netstat_audit/cli/options.hpp"' '#include "netstat_audit/view/text.hpp"' \
        >"$scratch/src/view/clean.cpp"
    printf '#include "netstat_audit/cli/options.hpp"\n#include "netstat_audit/model/host.hpp"\n' \
        >"$scratch/src/model/clean.cpp"
    if ! check_tree "$scratch" >/dev/null; then
        echo "self-test: a clean tree was flagged" >&2
        exit 1
    fi
    # FILE|LINE: one planted hit per rule, in the directory the rule is about.
    planted_count=0
    for planted in 'include/netstat_audit/parse/bad.hpp|int fd = ::open(path, 0);' \
        'include/netstat_audit/parse/bad.hpp|auto* p = getpwuid(uid);' \
        'include/netstat_audit/parse/bad.hpp|getaddrinfo(host, nullptr, &hints, &res);' \
        'include/netstat_audit/parse/bad.hpp|#include <netdb.h>' \
        'include/netstat_audit/parse/bad.hpp|#include "netstat_audit/source/proc_fs.hpp"' \
        'include/netstat_audit/parse/bad.hpp|std::FILE* f = std::fopen(name, "r");' \
        'src/view/bad.cpp|#include "netstat_audit/cli/cli.hpp"' \
        'src/view/bad.cpp|#include "netstat_audit/report/json_text.hpp"' \
        'src/model/bad.cpp|#include "netstat_audit/audit/rules.hpp"' \
        'src/model/bad.cpp|#include "netstat_audit/view/programs.hpp"' \
        'include/netstat_audit/parse/bad.hpp|#include "netstat_audit/view/text.hpp"'; do
        bad=$scratch/${planted%%|*}
        printf '%s\n' "${planted#*|}" >"$bad"
        if check_tree "$scratch" >/dev/null; then
            echo "self-test: not flagged: $planted" >&2
            exit 1
        fi
        rm -f "$bad"
        planted_count=$((planted_count + 1))
    done
    echo "self-test: clean tree passes, $planted_count planted hits fail"
    exit 0
fi

root=${1:?usage: check_layering.sh SOURCE_DIR | --self-test}
status=0
check_tree "$root" || status=$?
case $status in
0) echo "layering: parse/, model/ and view/ make no system, NSS or DNS call, include no source/, cli/ (but options.hpp), report/, audit/ or trigger/; parse/ and model/ no view/" ;;
1) echo "layering: the hits above break the rules (STYLE.md: principle 1 and the layers)" >&2 ;;
esac
exit "$status"
