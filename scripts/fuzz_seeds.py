#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Seed corpora for the tests/fuzz/ targets, from tests/fixtures and the golden case arguments: one
# directory per target, each seed the target's selector byte followed by a fixture file.
#
# usage: fuzz_seeds.py OUTDIR
import hashlib
import pathlib
import shlex
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

# target -> [(file name below a proc/ or etc/ tree, selector byte)]
BY_FILE = {
    "inet_sockets": [("net/tcp", 0), ("net/udp", 1), ("net/udplite", 2), ("net/raw", 3),
                     ("net/tcp6", 4), ("net/udp6", 5), ("net/udplite6", 6), ("net/raw6", 7)],
    "unix_sockets": [("net/unix", 0)],
    "interfaces": [("net/dev", 0), ("net/if_inet6", 1)],
    "routes": [("net/route", 0), ("net/ipv6_route", 1)],
    "counters": [("net/snmp", 0), ("net/netstat", 0), ("net/sctp/snmp", 1), ("net/snmp6", 2),
                 ("net/sockstat", 3), ("net/sockstat6", 3)],
    "sctp": [("net/sctp/eps", 0), ("net/sctp/assocs", 1)],
    "packet": [("net/packet", 0)],
    "name_databases": [("passwd", 0), ("services", 1), ("protocols", 2), ("hosts", 3),
                       ("networks", 4)],
}


def write_seed(outdir, target, data):
    directory = outdir / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    outdir = pathlib.Path(sys.argv[1])
    for path in FIXTURES.rglob("*"):
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 1 << 20:
            continue
        parts = path.relative_to(FIXTURES).parts
        for tree in ("proc", "etc"):
            if tree in parts:
                relative = "/".join(parts[parts.index(tree) + 1:])
                break
        else:
            relative = None
        if relative is not None:
            for target, files in BY_FILE.items():
                for name, selector in files:
                    if relative == name:
                        write_seed(outdir, target, bytes([selector]) + path.read_bytes())
            leaf = parts[-1]
            per_process = {"status": 0, "cmdline": 1, "comm": 2}
            if len(parts) >= 2 and parts[-2].isdigit() and leaf in per_process:
                write_seed(outdir, "process_files", bytes([per_process[leaf]]) + path.read_bytes())
            if relative in ("net/igmp", "net/igmp6"):
                sibling = path.parent / ("igmp6" if relative == "net/igmp" else "igmp")
                data = path.read_bytes()
                if relative == "net/igmp" and sibling.is_file():
                    data += b"\0" + sibling.read_bytes()
                write_seed(outdir, "groups", data)
        elif "baseline" in path.name or path.suffix == ".baseline":
            write_seed(outdir, "baseline", path.read_bytes())
    for link in FIXTURES.rglob("fd/*"):
        if link.is_symlink():
            write_seed(outdir, "process_files", bytes([3]) + str(link.readlink()).encode())
    write_seed(outdir, "baseline", b"# netstat-audit baseline\n"
               b"listen tcp 0.0.0.0 22 /usr/sbin/sshd root\n"
               b"listen udp :: 8000-8099 /opt/my\\x20app - # comment\n"
               b"listen * * * /usr/sbin/nginx *\n\nroute v4 192.0.2.1 eth0\nroute none\n")
    # inet_diag_msg: family, state, timer, retrans; sport, dport (big-endian), src, dst,
    # if, cookie; expires, rqueue, wqueue, uid, inode -- then one INET_DIAG_INFO-sized attribute
    message = (bytes([2, 10, 0, 0]) + (22).to_bytes(2, "big") + bytes(2) +
               bytes([127, 0, 0, 1]) + bytes(12) + bytes(16) + bytes(4) + bytes(8) +
               (0).to_bytes(4, "little") + (3).to_bytes(4, "little") + (128).to_bytes(4, "little") +
               (1000).to_bytes(4, "little") + (4242).to_bytes(4, "little"))
    attribute = (8).to_bytes(2, "little") + (2).to_bytes(2, "little") + bytes(4)
    write_seed(outdir, "netlink", bytes([0]) + message)
    write_seed(outdir, "netlink", bytes([8]) + message + attribute)
    write_seed(outdir, "netlink", bytes([4]) + bytes([10]) + message[1:])
    for cases in (ROOT / "tests" / "golden" / "cases").glob("*.cases"):
        for line in cases.read_text().splitlines():
            if not line or line.startswith("#") or line.count("|") < 2:
                continue
            try:
                words = shlex.split(line.split("|", 2)[2])
            except ValueError:
                continue
            write_seed(outdir, "command_line", b"\0" + b"\0".join(w.encode() for w in words))
    for words in (["--json"], ["--baseline", "b", "--fail-on", "critical"], ["--only", "x,y"],
                  ["--proc-root", "/tmp/c", "--color"], ["--list-checks"]):
        write_seed(outdir, "command_line", b"\1" + b"\0".join(w.encode() for w in words))
    for words in (["--top", "5", "--json"], ["--state", "listen", "--proc-root", "/p"]):
        write_seed(outdir, "command_line", b"\3" + b"\0".join(w.encode() for w in words))


if __name__ == "__main__":
    main()
