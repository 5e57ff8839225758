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
