#!/bin/bash
# SPDX-License-Identifier: MIT
# Builds the Debian package from a configured build tree with cpack and checks its contents:
# both programs in /usr/bin, gzipped man pages in man8, bash completion, schemas, the copyright
# file, nothing else (no tests, no benchmarks, no sbin), root ownership, and dependencies that
# dpkg-shlibdeps computed.
#
# usage: check_package.sh BUILD_DIR SOURCE_DIR
# Exit: 0 as expected, 1 a difference, 77 cpack or dpkg-deb is missing.
set -u
build=${1:?usage: check_package.sh BUILD_DIR SOURCE_DIR}
source=${2:?usage: check_package.sh BUILD_DIR SOURCE_DIR}
for tool in cpack dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" > /dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL   $*"; status=1; }

if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work" > "$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    exit 1
fi
deb=$(ls "$work"/netstat-audit_*.deb 2> /dev/null | head -n 1)
[ -n "$deb" ] || { fail "cpack wrote no netstat-audit_*.deb"; cat "$work/cpack.log"; exit 1; }
echo "built ${deb##*/}"

dpkg-deb -c "$deb" > "$work/contents"
# Paths of regular files and links, without the leading ".".
awk '$1 !~ /^d/ { print substr($6, 2) }' "$work/contents" | LC_ALL=C sort > "$work/files"
{
    echo /usr/bin/netstat-audit
    echo /usr/bin/netstat-audit-capture
    echo /usr/lib/systemd/system/netstat-audit-trigger.service
    echo /usr/share/bash-completion/completions/netstat-audit
    echo /usr/share/bash-completion/completions/netstat-audit-capture
    echo /usr/share/doc/netstat-audit/README.md
    echo /usr/share/doc/netstat-audit/copyright
    echo /usr/share/man/man8/netstat-audit-capture.8.gz
    echo /usr/share/man/man8/netstat-audit.8.gz
    for schema in "$source"/src/schema/*.json; do
        [ -e "$schema" ] && echo "/usr/share/netstat-audit/schema/${schema##*/}"
    done
} | LC_ALL=C sort > "$work/expected"
if ! cmp -s "$work/expected" "$work/files"; then
    fail "package files differ from the expected list (- expected, + packaged):"
    diff -u "$work/expected" "$work/files" | tail -n +3
fi
awk '$2 != "root/root" { print }' "$work/contents" > "$work/owners"
[ -s "$work/owners" ] && fail "entries not owned by root/root:" && cat "$work/owners"
for program in netstat-audit netstat-audit-capture; do
    grep -q "^-rwxr-xr-x .* \./usr/bin/$program\$" "$work/contents" ||
        fail "/usr/bin/$program is not mode 0755"
done

dpkg-deb -x "$deb" "$work/root"
for page in netstat-audit netstat-audit-capture; do
    gzip -t "$work/root/usr/share/man/man8/$page.8.gz" 2> /dev/null ||
        fail "$page.8.gz is not gzip data"
    cmp -s <(gzip -dc "$work/root/usr/share/man/man8/$page.8.gz") "$source/man/$page.8" ||
        fail "$page.8.gz is not man/$page.8"
done
"$work/root/usr/bin/netstat-audit-capture" --version | grep -q '^netstat-audit-capture [0-9]' ||
    fail "the packaged netstat-audit-capture --version does not print its version"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
case $depends in *libc6*) ;; *) fail "Depends lacks libc6 (dpkg-shlibdeps not used?)" ;; esac
case $depends in *iproute2*) ;; *) fail "Depends lacks iproute2 (the capture's ip)" ;; esac
[ "$(dpkg-deb -f "$deb" Package)" = netstat-audit ] || fail "Package is not netstat-audit"
# prerm purges the whatis entries; a postrm would leave an "rc" entry after apt remove.
dpkg-deb -e "$deb" "$work/control"
[ -x "$work/control/prerm" ] || fail "no executable prerm"
[ ! -e "$work/control/postrm" ] || fail "a postrm keeps the package in dpkg's database"
[ $status -eq 0 ] && echo "PASS   package contents"
exit $status
