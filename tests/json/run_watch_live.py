#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--watch in a private network namespace: a listener opened and closed during the run is
reported once each (and validates as an NDJSON record); a rolling restart (a new process with a
new pid on the same port, then the old one exits) is no change; SIGTERM and a closed pipe end
the watch with status 0. Needs root for the namespace (77 otherwise). Bounded in time.

Usage: run_watch_live.py --bin build/netstat-audit
"""
import argparse
import json
import os
import select
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PORT = 47123
LISTENER = """
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
s.bind(("127.0.0.1", %d))
s.listen()
print("ready", flush=True)
sys.stdin.read()
""" % PORT


def start_listener():
    child = subprocess.Popen([sys.executable, "-c", LISTENER], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
    assert child.stdout.readline().strip() == b"ready"
    return child


def stop(child):
    child.stdin.close()
    child.wait(timeout=10)


def read_events(stream, seconds):
    """Lines the watch printed within `seconds` (returns early after the first line)."""
    deadline = time.monotonic() + seconds
    lines = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        line = stream.readline()
        if not line:
            break
        lines.append(line)
        break
    return lines


def inside(binary):
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    failures = []
    watch = subprocess.Popen([binary, "-tlp", "--watch=1", "--ndjson"], stdout=subprocess.PIPE)
    time.sleep(1.5)  # the baseline poll
    first = start_listener()
    added = read_events(watch.stdout, 6)
    second = start_listener()  # the restarted service: a new pid on the same port
    stop(first)
    quiet = read_events(watch.stdout, 3.5)  # three polls: nothing may change
    stop(second)
    removed = read_events(watch.stdout, 6)
    after = read_events(watch.stdout, 2.5)
    watch.send_signal(signal.SIGTERM)
    try:
        status = watch.wait(timeout=5)
    except subprocess.TimeoutExpired:
        watch.kill()
        status = "hung"
    rest = watch.stdout.read()
    events = [json.loads(line) for line in added + removed]
    actions = [e.get("event", {}).get("action") for e in events]
    if actions != ["socket-added", "socket-removed"]:
        failures.append(f"events {actions}, expected added then removed")
    for event in events:
        if event.get("source", {}).get("port") != PORT:
            failures.append(f"event for another socket: {event.get('source')}")
        if not event.get("process", {}).get("executable"):
            failures.append("event without process.executable")
    if quiet or after or rest:
        failures.append(f"unexpected output: {quiet + after + [rest]}")
    if status != 0:
        failures.append(f"SIGTERM: status {status}")
    sys.path.insert(0, HERE)
    import run_json_schema
    _, record_validator = run_json_schema.load_validators(
        os.path.join(HERE, "..", "..", "src", "schema"))
    for event in events:
        failures.extend(run_json_schema.errors_of(record_validator, event))

    # A closed pipe ends a quiet watch at its next wait, status 0.
    watch = subprocess.Popen([binary, "-tl", "--watch=1"], stdout=subprocess.PIPE)
    time.sleep(0.5)
    watch.stdout.close()
    try:
        status = watch.wait(timeout=5)
    except subprocess.TimeoutExpired:
        watch.kill()
        status = "hung"
    if status != 0:
        failures.append(f"closed pipe: status {status}")
    # SIGINT ends it cleanly too.
    watch = subprocess.Popen([binary, "-tl", "--watch=1"], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    watch.send_signal(signal.SIGINT)
    try:
        status = watch.wait(timeout=5)
    except subprocess.TimeoutExpired:
        watch.kill()
        status = "hung"
    if status != 0:
        failures.append(f"SIGINT: status {status}")
    for failure in failures:
        print("FAIL", failure)
    print(f"events: {actions}; {len(failures)} failures")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--inside", action="store_true")
    options = parser.parse_args()
    if options.inside:
        return inside(os.path.abspath(options.bin))
    if os.geteuid() != 0:
        print("SKIP: needs root for a private network namespace")
        return 77
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True)
    if probe.returncode != 0:
        print("SKIP: unshare --net not permitted")
        return 77
    return subprocess.run(["unshare", "--net", sys.executable, os.path.abspath(__file__),
                           "--inside", "--bin", os.path.abspath(options.bin)],
                          timeout=120).returncode


if __name__ == "__main__":
    sys.exit(main())
