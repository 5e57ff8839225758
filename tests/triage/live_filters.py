#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Live check: loopback sockets this script opens, filtered by netstat-audit, equal the rows
awk-style selection finds in the real netstat's unfiltered -W output; summary counts them.
Usage: live_filters.py NETSTAT_AUDIT_BINARY. Exit 77 (skip) without /usr/bin/netstat."""
import json
import os
import socket
import subprocess
import sys


def rows(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [l for l in out.splitlines() if not l.startswith(("Active ", "Proto "))]


def main():
    binary = sys.argv[1]
    if not os.access("/usr/bin/netstat", os.X_OK):
        print("no /usr/bin/netstat: skipped")
        return 77
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = server.accept()
    failures = 0

    def same(name, expected, actual):
        nonlocal failures
        if expected != actual:
            failures += 1
            print(f"FAIL {name}:\n expected {expected!r}\n actual   {actual!r}")

    def port_of(endpoint):
        return endpoint.rsplit(":", 1)[1]

    reference = rows(["/usr/bin/netstat", "-tanW"])
    mine = [r for r in reference if len(r.split()) >= 6 and str(port) in
            (port_of(r.split()[3]), port_of(r.split()[4]))]
    local = [r for r in mine if port_of(r.split()[3]) == str(port)]
    remote = [r for r in mine if port_of(r.split()[4]) == str(port)]
    same("--sport", local, rows([binary, "-tanW", "--sport", str(port)]))
    same("--dport", remote, rows([binary, "-tanW", "--dport", str(port)]))
    same("--sport --state listen",
         [r for r in local if r.split()[5] == "LISTEN"],
         rows([binary, "-tnW", "--sport", str(port), "--state", "listen"]))
    # The netlink source narrows its TCP dumps to the --state mask: the same rows as /proc.
    def in_states(row, states):
        state = row.split()[5].lower().replace("_", "-")
        return state in states or ("connected" in states and state != "listen")

    for states in (["listen"], ["established"], ["connected"], ["time-wait", "close-wait"]):
        expected = [r for r in mine if in_states(r, states)]
        for source in ("proc", "netlink"):
            command = [binary, "-tanW", "--source", source, "--state", ",".join(states)]
            same(" ".join(command[2:]), expected, [r for r in rows(command) if r in mine])
    # Ports and addresses run in the kernel as inet_diag bytecode on the netlink source; the
    # rows must be /proc's. A dual-stack listener adds tcp6 rows with ::ffff:127.0.0.1.
    server6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    server6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    server6.bind(("::", 0))
    server6.listen(4)
    port6 = server6.getsockname()[1]
    client6 = socket.create_connection(("::1", port6))
    mapped = socket.create_connection(("127.0.0.1", port6))
    accepted6 = [server6.accept()[0] for _ in range(2)]
    reference = rows(["/usr/bin/netstat", "-tanW"])
    ports = (str(port), str(port6))
    mine = [r for r in reference if len(r.split()) >= 6 and
            (port_of(r.split()[3]) in ports or port_of(r.split()[4]) in ports)]

    def host_of(endpoint):
        return endpoint.rsplit(":", 1)[0]

    # netstat prints a tcp6 row's ::ffff:a.b.c.d as a.b.c.d; tcp6 rows hold IPv6 addresses.
    def v6(proto, host):
        return proto == "tcp6"

    def mapped_v4(proto, host):
        return proto == "tcp6" and ":" not in host

    def v4_like(proto, host):
        return proto == "tcp" or mapped_v4(proto, host)

    cases = [
        (["--sport", f"{port},{port6}"], lambda p, l, r: port_of(l) in ports),
        (["--dport", f"{port6}"], lambda p, l, r: port_of(r) == str(port6)),
        (["--sport", f"{port6}-{port6}", "--dport", "1-65535"],
         lambda p, l, r: port_of(l) == str(port6) and port_of(r) != "*"),
        (["--src", "127.0.0.1", "--sport", f"{port6}"],
         lambda p, l, r: port_of(l) == str(port6) and host_of(l) == "127.0.0.1"),
        (["--dst", "127.0.0.0/8", "--dport", f"{port},{port6}"],
         lambda p, l, r: port_of(r) in ports and v4_like(p, host_of(r)) and
         host_of(r).startswith("127.")),
        (["--src", "::1/128,0.0.0.0/0"],
         lambda p, l, r: host_of(l) == "::1" or v4_like(p, host_of(l))),
        (["--src", "::/0", "--dst", "::1"],
         lambda p, l, r: v6(p, host_of(l)) and host_of(r) == "::1"),
        (["--src", "::ffff:0.0.0.0/96", "--sport", f"{port6}"],
         lambda p, l, r: port_of(l) == str(port6) and mapped_v4(p, host_of(l))),
    ]
    for options, keep in cases:
        expected = [r for r in mine if keep(r.split()[0], r.split()[3], r.split()[4])]
        if not expected:
            failures += 1
            print(f"FAIL {options}: the case selects none of this script's sockets")
        for source in ("proc", "netlink"):
            command = [binary, "-tanW", "--source", source] + options
            same(" ".join(command[2:]), expected, [r for r in rows(command) if r in mine])
    for s in [client6, mapped, server6] + accepted6:
        s.close()
    same("--pid", sorted(r for r in rows(["/usr/bin/netstat", "-tanpW"])
                         if f" {os.getpid()}/" in r and str(port) in r),
         sorted(r for r in rows([binary, "-tanpW", "--pid", str(os.getpid())])
                if str(port) in r))
    summary = json.loads(subprocess.run(
        [binary, "summary", "--json", "--sport", f"{port}", "--src", "127.0.0.1"],
        check=True, capture_output=True, text=True).stdout)
    tcp = next(p for p in summary["protocols"] if p["protocol"] == "tcp")
    same("summary states", {"LISTEN": 1, "ESTABLISHED": 1}, tcp["states"])
    client.close()
    accepted.close()
    server.close()
    print(f"live filters on port {port}: {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
