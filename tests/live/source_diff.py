#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Live differential: `--source proc` against `--source netlink` (and /usr/bin/netstat) on the
same quiescent sockets, for every socket view, byte for byte.

usage: source_diff.py --bin PATH [--netstat PATH]

Re-runs itself in a private network namespace (unshare -n, lo up), where the socket tables hold
only what it creates: TCP listeners (IPv4, IPv6, dual-stack), established pairs (accepted and
still queued, with unread data), IPv4 connections to a dual-stack listener (v4-mapped tcp6
rows), UDP and UDP-Lite bound and connected sockets, raw sockets of several protocols (one
connected), and UNIX stream/dgram/seqpacket sockets (listening, connected pairs, abstract and
path names). TIME_WAIT and running timers are left out: they change between two runs. A
mismatch is retried twice (a loopback ACK may still be in flight), then reported as a diff.
Exit: 0 equal, 1 different, 77 skipped (not root, no unshare, or no reference netstat).
"""
import argparse
import difflib
import os
import socket
import subprocess
import sys
import tempfile

VIEWS = ["-tuln", "-tan", "-tanW", "-tane", "-tano", "-uan", "-wan", "-an", "-ln", "-xa",
         "-xan", "-tunl4", "-tunl6", "-tulnp", "-tanp", "-ae", "-Uan", "-tunlw", "-tanoe",
         "-tl", "-t", "-4", "-6", "-A", "inet6"]
# Views whose arguments belong together.
VIEW_ARGS = [v.split() for v in VIEWS if v not in ("-A", "inet6")] + [["-A", "inet6", "-n"]]


def make_sockets(work):
    """Creates the socket set; returns the objects (they must stay referenced)."""
    keep = []

    def k(sock):
        keep.append(sock)
        return sock

    for base, address, family in ((7000, "127.0.0.1", socket.AF_INET),
                                  (7100, "::1", socket.AF_INET6), (7200, "::", socket.AF_INET6)):
        for port in range(base, base + 12):
            listener = k(socket.socket(family, socket.SOCK_STREAM))
            listener.bind((address, port))
            listener.listen(8)
            target = "127.0.0.1" if family == socket.AF_INET or address == "::" else address
            client = k(socket.create_connection((target, port)))
            if port % 3:
                server, _ = listener.accept()
                k(server)
                client.sendall(b"x" * (port % 100 + 1))  # unread: the server's Recv-Q
            if port % 4 == 0:
                k(socket.create_connection((target, port)))  # a second, queued
    for base, family, proto, address in (
            (5000, socket.AF_INET, socket.IPPROTO_UDP, "127.0.0.1"),
            (5010, socket.AF_INET6, socket.IPPROTO_UDP, "::"),
            (5020, socket.AF_INET, socket.IPPROTO_UDPLITE, "0.0.0.0"),
            (5030, socket.AF_INET6, socket.IPPROTO_UDPLITE, "::1")):
        for port in range(base, base + 4):
            sock = k(socket.socket(family, socket.SOCK_DGRAM, proto))
            sock.bind((address, port))
            if port % 2:
                peer = "127.0.0.1" if family == socket.AF_INET or address == "::" else "::1"
                if family == socket.AF_INET6 and peer == "127.0.0.1":
                    peer = "::ffff:127.0.0.1"
                sock.connect((peer, port - 1))
                sock.send(b"datagram")  # queued, unread, at the bound peer
    for family, proto in ((socket.AF_INET, socket.IPPROTO_ICMP), (socket.AF_INET, 255),
                          (socket.AF_INET6, socket.IPPROTO_ICMPV6), (socket.AF_INET6, 17)):
        k(socket.socket(family, socket.SOCK_RAW, proto))
    raw = k(socket.socket(socket.AF_INET, socket.SOCK_RAW, 17))
    raw.connect(("127.0.0.2", 0))
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOCK_SEQPACKET):
        a, b = socket.socketpair(socket.AF_UNIX, kind)
        k(a), k(b)
        named = k(socket.socket(socket.AF_UNIX, kind))
        named.bind(os.path.join(work, f"path-{kind}"))
        abstract = k(socket.socket(socket.AF_UNIX, kind))
        abstract.bind(f"\0abstract-{kind}".encode())
        if kind != socket.SOCK_DGRAM:
            named.listen(4)
            abstract.listen(4)
            k(socket.socket(socket.AF_UNIX, kind)).connect(os.path.join(work, f"path-{kind}"))
        else:
            sender = k(socket.socket(socket.AF_UNIX, kind))
            sender.connect(os.path.join(work, f"path-{kind}"))
            sender.send(b"queued")
        k(socket.socket(socket.AF_UNIX, kind))  # unbound
    return keep


def run(command):
    done = subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL,
                          env={**os.environ, "LC_ALL": "C"})
    return done.returncode, done.stdout, done.stderr


def compare(name_a, a, name_b, b, args):
    if a == b:
        return True
    print(f"source_diff: {' '.join(args)}: {name_a} and {name_b} differ")
    for part, x, y in (("rc", [str(a[0])], [str(b[0])]),
                       ("stdout", a[1].decode(errors="replace").splitlines(),
                        b[1].decode(errors="replace").splitlines()),
                       ("stderr", a[2].decode(errors="replace").splitlines(),
                        b[2].decode(errors="replace").splitlines())):
        for line in difflib.unified_diff(x, y, f"{name_a} {part}", f"{name_b} {part}",
                                         lineterm=""):
            print(line)
    return False


def inside(binary, netstat):
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    with tempfile.TemporaryDirectory() as work:
        keep = make_sockets(work)
        link = os.path.join(work, "netstat")  # argv[0] "netstat", as the goldens run it
        os.symlink(os.path.abspath(binary), link)
        failures = 0
        for args in VIEW_ARGS:
            for attempt in range(3):
                proc = run([link, "--source", "proc"] + args)
                netlink = run([link, "--source", "netlink"] + args)
                automatic = run([link] + args)
                reference = run([netstat] + args)
                same = proc == netlink == automatic == reference
                if same or attempt == 2:
                    break
            ok = (compare("--source proc", proc, "--source netlink", netlink, args) and
                  compare("--source proc", proc, "default source", automatic, args) and
                  compare("netstat", reference, "netstat-audit", proc, args))
            rows = proc[1].count(b"\n")
            print(f"source_diff: {' '.join(args)}: {'equal' if ok else 'DIFFERENT'} "
                  f"({rows} lines, attempt {attempt + 1})")
            failures += not ok
        del keep
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--netstat", default="/usr/bin/netstat")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.inside:
        return inside(options.bin, options.netstat)
    if os.geteuid() != 0 or not os.access(options.netstat, os.X_OK):
        print("source_diff: needs root and a reference netstat, skipping")
        return 77
    command = ["unshare", "-n", "--", sys.executable, os.path.abspath(__file__), "--inside",
               "--bin", options.bin, "--netstat", options.netstat]
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        print("source_diff: unshare -n not permitted, skipping")
        return 77
    return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
