#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Seed corpora for the tests/fuzz/ targets, from tests/fixtures and the golden case arguments: one
# directory per target, each seed the target's selector byte followed by a fixture file.
#
# usage: fuzz_seeds.py OUTDIR
import hashlib
import pathlib
import re
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
    "audit_files": [("net/softnet_stat", 3), ("passwd", 5), ("self/mountinfo", 6)],
}


def sysctl_names():
    """The names sysctl_fuzzer picks by a line's first byte, in its order."""
    names = []
    for header, array in (("audit_collect.hpp", "k_audit_sysctls"),
                          ("health_collect.hpp", "k_health_sysctls")):
        text = (ROOT / "include" / "netstat_audit" / "source" / header).read_text()
        body = text.split(array + "[] = {", 1)[1].split("};", 1)[0]
        names += re.findall(r'"([^"]+)"', body)
    return names + ["net/ipv4/conf/eth0/rp_filter", "net/ipv4/conf/eth0/proxy_arp"]


def write_new_target_seeds(outdir):
    """Seeds of the targets for the audit's own readers: audit_files (cgroup, ns link, limits,
    softnet_stat, MANIFEST, passwd, mountinfo), kmsg, sysctl, health_state, the bytecode
    compiler and the trigger's command line."""
    names = sysctl_names()
    for tree in FIXTURES.rglob("proc"):
        if not tree.is_dir():
            continue
        lines = []
        for index, name in enumerate(names):
            value = tree / "sys" / name
            if value.is_file():
                lines.append(bytes([index]) + value.read_bytes().rstrip(b"\n"))
        if lines:
            write_seed(outdir, "sysctl", b"\n".join(lines) + b"\n")
        manifest = tree.parent / "MANIFEST"
        if manifest.is_file():
            write_seed(outdir, "audit_files", b"\4" + manifest.read_bytes())
    for path in FIXTURES.rglob("*"):
        if path.is_symlink() and path.name == "net" and path.parent.name == "ns":
            write_seed(outdir, "audit_files", b"\1" + str(path.readlink()).encode())
        elif path.is_symlink() or not path.is_file():
            continue
        elif path.name == "cgroup":
            write_seed(outdir, "audit_files", b"\0" + path.read_bytes())
        elif path.name == "limits" and path.parent.name.isdigit():
            write_seed(outdir, "audit_files", b"\2" + path.read_bytes())
        elif path.suffix == ".kmsg" or path.name == "kmsg":
            write_seed(outdir, "kmsg", path.read_bytes())
        elif path.name.startswith("state_") and path.suffix == ".json":
            write_seed(outdir, "health_state", path.read_bytes())
    for line in ("0::/system.slice/docker-" + "ab" * 32 + ".scope",
                 "12:pids:/kubepods/burstable/pod1/cri-containerd-" + "cd" * 32,
                 "0::/machine.slice/libpod-" + "ef" * 32 + ".scope",
                 "0::/lxc.payload.web/init.scope", "0::/machine.slice/machine-db.scope",
                 "0::/system.slice/systemd-nspawn@box.service", "0::/user.slice"):
        write_seed(outdir, "audit_files", b"\0" + line.encode() + b"\n")
    write_seed(outdir, "kmsg", b"3,812,91234567,-;Out of memory: Killed process 1234 (nginx) "
               b"total-vm:1000kB, anon-rss:10kB\n"
               b"4,813,91234568,-;TCP: request_sock_TCP: Possible SYN flooding on port "
               b"[::]:443. Sending cookies.\n"
               b"4,814,91234569,c;nf_conntrack: nf_conntrack: table full, dropping packet\n"
               b" SUBSYSTEM=net\n 6,815,1,-;eth1: Link is Up - 1Gbps/Full\n")
    write_seed(outdir, "audit_files", b"\2Limit                     Soft Limit           Hard "
               b"Limit           Units     \nMax open files            1024                 "
               b"524288               files     \n")
    write_seed(outdir, "audit_files", b"\4format: netstat-audit-capture 1\nuid: 0\n"
               b"time-unix: 1764590000\n")
    write_seed(outdir, "audit_files", b"\6" + b"22 28 0:20 / /proc rw,nosuid - proc proc "
               b"rw,hidepid=invisible\n")
    write_seed(outdir, "health_state",
               b'{"format": "netstat-audit-state", "version": 1, "boot_id": "4b1c", '
               b'"time_unix_ns": 1764590000000000000, "counters": {"Tcp": {"OutSegs": 4210, '
               b'"RetransSegs": 3, "MaxConn": 18446744073709551615}, "TcpExt": '
               b'{"ListenDrops": 7}, "dev:eth0": {"rx_packets": 12, "rx_errors": 1}}, '
               b'"queued": [{"protocol": "tcp6", "local": "::", "local_port": 22, "remote": '
               b'"10.0.0.1", "remote_port": 4000, "rx_queue": 70000, "tx_queue": 0, '
               b'"inode": 123}]}\n')
    v4 = lambda *octets: bytes(octets) + bytes(12)
    sockets = (bytes([0]) + (22).to_bytes(2, "big") + (40000).to_bytes(2, "big") +
               v4(10, 0, 0, 5) + v4(192, 0, 2, 7) +
               bytes([2]) + (8080).to_bytes(2, "big") + (443).to_bytes(2, "big") +
               bytes(10) + b"\xff\xff" + bytes([10, 0, 0, 5]) + bytes(10) + b"\xff\xff" +
               bytes([198, 51, 100, 1]) +
               bytes([1]) + (53).to_bytes(2, "big") + (0).to_bytes(2, "big") +
               bytes.fromhex("20010db8000000000000000000000001") + bytes(16))
    for options in ((b"22,8000-8099", b"", b"", b""), (b"", b"443", b"10.0.0.0/8", b""),
                    (b"1-1024", b"1024-65535", b"10.0.0.5,2001:db8::/32", b"192.0.2.0/24"),
                    (b"", b"", b"", b"::ffff:10.0.0.0/104"), (b"0-65535", b"53", b"", b"")):
        write_seed(outdir, "inet_diag_bytecode", b"".join(o + b"\0" for o in options) + sockets)
    for words in (["--dir", "/tmp/t"], ["--dir", "d", "--loss", "0.5", "--rtt", "20",
                                        "--count", "3"],
                  ["--dir", "d", "--retrans-peer", "5", "--syn-recv", "100", "--time-wait",
                   "5000", "--every", "0.5", "--cooldown", "60", "--keep", "3"],
                  ["--help"], ["--dir", "d", "--proc-root", "/c/proc", "--baseline", "b"]):
        write_seed(outdir, "trigger_command_line", b"\0".join(w.encode() for w in words))


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
    write_new_target_seeds(outdir)


if __name__ == "__main__":
    main()
