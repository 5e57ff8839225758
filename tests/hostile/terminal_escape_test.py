#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Output hygiene on a terminal: system strings that carry terminal controls (C0, DEL, raw 8-bit
C1 and UTF-8 encoded C1 such as U+009B CSI) never reach a pty raw, in any output mode, while a
pipe gets exactly today's bytes (netstat's, for the netstat views) and JSON on a terminal
stays valid JSON that decodes to the same strings as on a pipe.

usage: terminal_escape_test.py --bin PATH
Exit: 0 clean, 1 a control reached the terminal (printed), 77 no pty."""

import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CSI_UTF8 = b"\xc2\x9b31m"  # U+009B CSI then "31m": red text on an xterm that honours C1
HOSTILE = [
    b"/run/c1" + CSI_UTF8 + b"x",
    b"/run/osc\xc2\x9d0;pwned\xc2\x9c",  # U+009D OSC ... U+009C ST: sets the window title
    b"/run/raw\x9b31m",  # an 8-bit CSI, not UTF-8
    b"/run/esc\x1b[2J\x07\x7f",  # ESC [2J (clear), BEL, DEL
]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def make_fixture(root):
    proc = os.path.join(root, "proc")
    unix = b"Num       RefCount Protocol Flags    Type St Inode Path\n"
    for i, path in enumerate(HOSTILE):
        unix += b"0000000000000000: 00000002 00000000 00010000 0001 01 %5d %s\n" % (9100 + i, path)
    write(os.path.join(proc, "net/unix"), unix)
    tcp = (b"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
           b"timeout inode\n")
    for i in range(len(HOSTILE)):
        tcp += (b"   %d: 00000000:%04X 00000000:0000 0A 00000000:00000000 00:00000000 00000000"
                b"     0        0 %d 1 0000000000000000 100 0 0 10 0\n" % (i, 8000 + i, 9000 + i))
    write(os.path.join(proc, "net/tcp"), tcp)
    for i, path in enumerate(HOSTILE):
        pid = os.path.join(proc, str(300 + i))
        name = b"/bin/p" + path.rsplit(b"/", 1)[1]
        write(os.path.join(pid, "cmdline"), name + b"\0--flag\0")
        write(os.path.join(pid, "comm"), name[5:20] + b"\n")
        os.makedirs(os.path.join(pid, "fd"))
        os.symlink("socket:[%d]" % (9000 + i), os.path.join(pid, "fd", "3"))
        os.symlink("socket:[%d]" % (9100 + i), os.path.join(pid, "fd", "4"))
    write(os.path.join(proc, "sys/kernel/hostname"), b"host" + CSI_UTF8 + b"\n")
    write(os.path.join(proc, "sys/kernel/osrelease"), b"6.1.0\n")
    write(os.path.join(proc, "sys/kernel/random/boot_id"),
          b"00000000-0000-4000-8000-000000000000\n")
    return proc


def run_on_pty(argv, timeout, proc):
    """stdout on a pty (stderr a pipe); returns the bytes read, onlcr's \\r\\n undone."""
    master, slave = pty.openpty()
    full = empty_for_watch(argv, proc)
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave,
                             stderr=subprocess.DEVNULL, env=ENV)
    os.close(slave)
    start_watch(proc, full)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            child.send_signal(signal.SIGINT)  # --watch: one poll is enough
            timeout = 5
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the pty
            break
        if not chunk:
            break
        out += chunk
    child.wait()
    os.close(master)
    return out.replace(b"\r\n", b"\n")


def empty_for_watch(argv, proc):
    """--watch prints changes only: before it starts, the tcp table is emptied; returns what
    to restore (None without --watch)."""
    if "--watch" not in argv:
        return None
    tcp = os.path.join(proc, "net/tcp")
    with open(tcp, "rb") as f:
        full = f.read()
    write(tcp, full.splitlines(keepends=True)[0])
    return full


def start_watch(proc, full):
    """After the first poll has read the empty table (its access time moves past the write;
    at most 5 s where atime is not kept), the hostile listeners come back for the next poll."""
    if full is None:
        return
    tcp = os.path.join(proc, "net/tcp")
    written = os.stat(tcp)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        now = os.stat(tcp)
        if now.st_atime_ns != written.st_atime_ns and now.st_atime_ns >= now.st_mtime_ns:
            break
        time.sleep(0.02)
    write(tcp, full)


def run_on_pipe(argv, timeout, proc):
    if "--watch" in argv:
        full = empty_for_watch(argv, proc)
        with subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, env=ENV) as child:
            start_watch(proc, full)
            time.sleep(timeout)
            child.send_signal(signal.SIGINT)
            return child.communicate()[0]
    return subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=ENV,
                          timeout=timeout).stdout


def controls(data):
    """Terminal-active bytes: C0 but \\n and \\t, DEL, UTF-8 encoded C1 (U+0080-U+009F) and
    8-bit C1 (a byte 0x80-0x9f that is no part of a UTF-8 sequence)."""
    found = []
    i = 0
    while i < len(data):
        b = data[i]
        length = 2 if 0xc2 <= b <= 0xdf else 3 if 0xe0 <= b <= 0xef else 4 if 0xf0 <= b <= 0xf4 else 1
        try:
            code_point = ord(data[i:i + length].decode("utf-8")) if length > 1 else b
        except UnicodeDecodeError:
            code_point, length = b, 1
        if (code_point < 0x20 and code_point not in (0x0a, 0x09)) or 0x7f <= code_point <= 0x9f:
            found.append(data[max(0, i - 8):i + 4])
        i += length
    return found


def json_strings(text, ndjson):
    docs = [json.loads(line) for line in text.splitlines() if line] if ndjson else [json.loads(text)]
    strings = []

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k not in ("@timestamp", "start", "duration", "collected_at"):
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str):
            strings.append(v)

    for d in docs:
        walk(d)
    return sorted(set(strings))


def main():
    if len(sys.argv) != 3 or sys.argv[1] != "--bin":
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[2])
    try:
        os.close(os.openpty()[0])
    except OSError:
        print("terminal-escape: no pty, skipping")
        return 77
    work = tempfile.mkdtemp()
    try:
        proc = make_fixture(work)
        cases = [  # (argv after the binary, kind): text, json, ndjson
            (["-xa"], "text"), (["-xap"], "text"), (["-tlp"], "text"), (["-axp"], "text"),
            (["-xa", "--json"], "json"), (["-tlp", "--json"], "json"),
            (["-xap", "--ndjson"], "ndjson"), (["-tlp", "--ndjson"], "ndjson"),
            (["-tlp", "--watch"], "text"), (["-tlp", "--watch", "--ndjson"], "ndjson"),
            (["audit"], "text"), (["audit", "--json"], "json"),
            (["summary"], "text"), (["summary", "--json"], "json"),
        ]
        status = 0
        for args, kind in cases:
            argv = [binary] + args + ["--proc-root", proc]
            timeout = 2 if "--watch" in args else 60
            tty = run_on_pty(argv, timeout, proc)
            pipe = run_on_pipe(argv, timeout, proc)
            label = " ".join(args)
            failed = status
            status = 0
            leaks = controls(tty)
            if not tty.strip():
                print("terminal-escape: %s printed nothing on the terminal" % label)
                status = 1
            if leaks:
                print("terminal-escape: %s: %d control(s) reached the terminal, e.g. %r"
                      % (label, len(leaks), leaks[0]))
                status = 1
            if kind != "text" and "--watch" not in args:
                try:
                    if json_strings(tty.decode(), kind == "ndjson") != \
                            json_strings(pipe.decode(), kind == "ndjson"):
                        print("terminal-escape: %s: the terminal's JSON decodes to other strings"
                              % label)
                        status = 1
                except ValueError as e:
                    print("terminal-escape: %s: not JSON on the terminal or pipe: %s" % (label, e))
                    status = 1
            if args in (["-xa"], ["-xap"]) and not all(p in pipe for p in HOSTILE):
                print("terminal-escape: %s: a pipe no longer gets netstat's raw bytes" % label)
                status = 1
            if status == 0:
                print("terminal-escape: %s: clean (%d bytes on the terminal)" % (label, len(tty)))
            status = status or failed
        return status
    finally:
        shutil.rmtree(work)


ENV = dict(os.environ, LC_ALL="C", TERM="xterm", NO_COLOR="1")
ENV.pop("LANGUAGE", None)

if __name__ == "__main__":
    sys.exit(main())
