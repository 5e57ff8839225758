#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The audit's TCP health block on the live kernel: in a private network namespace (only
# loopback, nothing else of the host), a listener and a few connections that have exchanged
# data; the audit reads them over netlink with tcp_info and prints their RTT and retransmitted
# share, overall, per peer and per local service. Exit 77 where unshare -n is not permitted.
#   run_tcp_health_live.sh --bin BIN
set -u
bin=""
while [ $# -gt 0 ]; do
    case $1 in
        --bin) bin=$2; shift 2 ;;
        *) echo "usage: $0 --bin BIN" >&2; exit 2 ;;
    esac
done
unshare -n true 2> /dev/null || { echo "unshare -n not permitted: skipped" >&2; exit 77; }
python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3
exec unshare -n "$python" - "$bin" <<'PY'
import json, socket, subprocess, sys

binary = sys.argv[1]
subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(16)
port = server.getsockname()[1]
clients, accepted = [], []
for _ in range(4):  # 4 connections: 8 established sockets, both ends on 127.0.0.1
    c = socket.create_connection(("127.0.0.1", port))
    a, _ = server.accept()
    c.sendall(b"x" * 1000)
    a.recv(1000)
    a.sendall(b"y" * 1000)
    c.recv(1000)
    clients.append(c)
    accepted.append(a)

failures = []
text = subprocess.run([binary, "audit", "--only", "hidden-socket"], capture_output=True,
                      text=True).stdout
block = text[text.find("\nHEALTH"):text.find("\nFINDINGS")]
for want in ("TCP health of established connections (tcp_info): 8\n", "  RTT p50 ",
             "  worst remote peers by p95 RTT\n", "      8 ", "  127.0.0.1\n",
             "  worst local services by p95 RTT\n", f"  {port}\n"):
    if want not in block:
        failures.append(f"text block lacks {want!r}")
if any(len(line) > 80 for line in block.split("\n")):
    failures.append("a line of the block is over 80 columns")
doc = json.loads(subprocess.run([binary, "audit", "--only", "hidden-socket", "--json"],
                                capture_output=True, text=True).stdout)
tcp = doc["health"]["tcp_health"]
if not tcp["available"] or tcp["unit"] != "ms" or tcp["established"]["connections"] != 8:
    failures.append(f"json: {json.dumps(tcp)[:300]}")
elif [s["key"] for s in tcp["services"]] != [str(port)] or tcp["services"][0]["connections"] != 4:
    failures.append(f"json services: {tcp['services']}")
elif not tcp["established"]["rtt_p95_ms"] >= tcp["established"]["rtt_p50_ms"] > 0:
    failures.append(f"json RTT: {tcp['established']}")
for f in failures:
    print("FAIL:", f, file=sys.stderr)
if failures:
    print(block, file=sys.stderr)
    sys.exit(1)
print("ok")
PY
