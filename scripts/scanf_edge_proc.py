#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Random /proc/net socket files that probe netstat's sscanf() field rules: signs, 0x prefixes,
over-long and short numbers, addresses of any length from 1 to 40 hex digits, tabs and runs of
blanks, truncated lines and missing trailing fields.

usage: scanf_edge_proc.py SEED DIR    (writes DIR/proc/net/{tcp,tcp6,udp,udp6,udplite,raw,raw6,unix})

netstat keeps scan variables from line to line, and their first values are whatever its stack
held: so the first data line of every file is complete and well formed (8 or 32 address
digits), an IPv6 local address always has all 32 digits (the remote one any length), and tcp
states stay below 0x10 (above, netstat 2.10 reads past its state table and
may crash). Everything after that line is fair game.
"""
import os
import random
import sys


def generate(seed, base):
    r = random.Random(seed)

    def hx(n):
        return "".join(r.choice("0123456789ABCDEFabcdef") for _ in range(n))

    def num():
        c = r.random()
        if c < 0.05:
            return "-" + str(r.randrange(1, 99999))
        if c < 0.1:
            return "+" + hx(r.randrange(1, 6))
        if c < 0.15:
            return "0x" + hx(r.randrange(1, 6))
        if c < 0.2:
            return hx(r.randrange(17, 22))
        return hx(r.randrange(1, 9))

    def dec():
        c = r.random()
        if c < 0.1:
            return "-" + str(r.randrange(1, 70000))
        if c < 0.15:
            return str(r.randrange(1, 2 ** 40))
        if c < 0.2:
            return "+" + str(r.randrange(0, 100))
        return str(r.randrange(0, 70000))

    def ws():
        return r.choice([" ", " ", "  ", "\t", " \t "])

    def addr():
        c = r.random()
        if c < 0.7:
            return hx(8)
        if c < 0.9:
            return hx(32)
        return hx(r.randrange(1, 40))

    def state(name):
        if name.startswith("tcp"):
            return "%02X" % r.randrange(0, 16) if r.random() < 0.9 else r.choice(["0", "+5", "0F"])
        return num()

    def local_addr():
        # more than 8 digits selects IPv6; 32 then sets all four words (shorter would keep
        # words from earlier lines, and the first such line would show netstat's stack)
        return r.choice([hx(8), hx(32), hx(r.randrange(1, 9))])

    def inet_line(i, first, name):
        local = r.choice([hx(8), hx(32)]) if first else local_addr()
        remote = (hx(8) if len(local) == 8 else hx(32)) if first else addr()
        fields = ["%4d:" % i, local + ":" + num(), remote + ":" + num(), state(name),
                  num() + ":" + num(), num() + ":" + num(), num(), dec(), dec(), dec()]
        if first:
            return " " + " ".join(fields)
        if r.random() < 0.1:
            fields = fields[:r.randrange(1, len(fields))]
        text = ws().join(fields)
        if r.random() < 0.05:
            text = text.replace(":", " :", 1)
        if r.random() < 0.03:
            text = text[:r.randrange(len(text))]
        return " " + text

    net = os.path.join(base, "proc", "net")
    os.makedirs(net, exist_ok=True)
    header = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
              "  timeout inode\n")
    for name in ["tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite"]:
        with open(os.path.join(net, name), "w") as f:
            f.write(header)
            for i in range(r.randrange(0, 15)):
                f.write(inet_line(i, i == 0, name) + "\n")
    with open(os.path.join(net, "unix"), "w") as f:
        f.write("Num       RefCount Protocol Flags    Type St Inode Path\n")
        for i in range(r.randrange(0, 12)):
            fields = [hx(16) + ":", num(), num(), r.choice(["00010000", "00000000", "00030000", num()]),
                      num(), num(), dec(), r.choice(["/a", "@x", "", "/p q"])]
            if i > 0 and r.random() < 0.1:
                fields = fields[:r.randrange(1, len(fields))]
            f.write((" ".join(fields) if i == 0 else ws().join(fields)) + "\n")


if __name__ == "__main__":
    generate(int(sys.argv[1]), sys.argv[2])
