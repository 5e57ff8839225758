#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The layering rule of STYLE.md ("only the reading stage touches the system"): no system call,
# NSS or DNS call, no system-I/O header and no source/ include under parse/, model/ and view/
# (src/ and their include/ mirrors). Prints every hit and exits 1 when there is one.
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
        local found
        found=$(sed -e 's://.*$::' "$file" | grep -nE -e "$call_re" -e "$header_re" -e "$source_re")
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
    printf '// ok: readlink() in a comment, ScanCursor::read(x), s.read(x)\nint f();\n' \
        >"$scratch/src/view/clean.cpp"
    if ! check_tree "$scratch" >/dev/null; then
        echo "self-test: a clean tree was flagged" >&2
        exit 1
    fi
    for planted in 'int fd = ::open(path, 0);' 'auto* p = getpwuid(uid);' \
        'getaddrinfo(host, nullptr, &hints, &res);' '#include <netdb.h>' \
        '#include "netstat_audit/source/proc_fs.hpp"' 'std::FILE* f = std::fopen(name, "r");'; do
        printf '%s\n' "$planted" >"$scratch/include/netstat_audit/parse/bad.hpp"
        if check_tree "$scratch" >/dev/null; then
            echo "self-test: not flagged: $planted" >&2
            exit 1
        fi
    done
    echo "self-test: clean tree passes, 6 planted hits fail"
    exit 0
fi

root=${1:?usage: check_layering.sh SOURCE_DIR | --self-test}
status=0
check_tree "$root" || status=$?
case $status in
0) echo "layering: parse/, model/ and view/ make no system, NSS or DNS call, include no source/" ;;
1) echo "layering: the hits above break the rule (STYLE.md, principle 1)" >&2 ;;
esac
exit "$status"
