#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Random /proc/net/{route,ipv6_route,snmp,netstat,snmp6} for the -r and -s differential tests,
and /proc/net/{dev,if_inet6} for -i (--interfaces).

usage: random_system_proc.py SEED DIR [--interfaces]    (writes DIR/proc/net/...)

Routes: shuffled, extra or missing header columns, random flags (reject, gateway, host...),
masks and metrics including -1 and 2^32-1, truncated rows, a missing file now and then.
Counters: random sections (known, unknown and extension ones) with keys drawn from the
statistics table, values at the edges (-1, 2^32-1, 99999999999), a value line one short, a
leading blank line. netstat keeps a bad route address from the previous printed row, and the
first one would show its stack: bad address fields therefore never occur in the first row.
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STAT_TABLE = os.path.join(HERE, "..", "tests", "fixtures", "stats", "stat-tables.tsv")


def generate(seed, base):
    r = random.Random(seed)
    net = os.path.join(base, "proc", "net")
    os.makedirs(net, exist_ok=True)

    def hx(n):
        return "".join(r.choice("0123456789ABCDEFabcdef") for _ in range(n))

    def num():
        return r.choice(["0", "1", str(r.randint(0, 70000)), "-1", "4294967295", "2147483647",
                         str(r.randint(-5, 5)), "99999999999"])

    def le(value):
        return "%08X" % int.from_bytes(value.to_bytes(4, "big"), "little")

    # /proc/net/route
    header = ["Iface", "Destination", "Gateway", "Flags", "RefCnt", "Use", "Metric", "Mask",
              "MTU", "Window", "IRTT"]
    if r.random() < 0.1:
        header.insert(r.randint(0, 11), "Extra")
    if r.random() < 0.05:
        header.remove(r.choice(header))
    lines = ["\t".join(header) + " " * r.randint(0, 40)]
    for row_number in range(r.randint(0, 12)):
        mask_length = r.randint(0, 32)
        mask = (0xFFFFFFFF << (32 - mask_length)) & 0xFFFFFFFF
        destination = r.choice([0, 0x0A000000, 0x7F000000, 0xC6336400, 0xCB00714D, 0xC00002FE,
                                r.getrandbits(32)]) & (mask if r.random() < 0.7 else 0xFFFFFFFF)
        flags = r.choice([1, 3, 5, 7, 0x201, 0x203, 2, 0x175, r.getrandbits(16) | 1,
                          r.getrandbits(32)])
        values = {"Iface": r.choice(["eth0", "lo", "veth1", "averylongifname", "x" * 17]),
                  "Destination": le(destination),
                  "Gateway": le(r.choice([0, 0xC00002FE, 0xC6336401, r.getrandbits(32)])),
                  "Flags": "%04X" % flags, "RefCnt": num(), "Use": num(), "Metric": num(),
                  "Mask": le(mask), "MTU": num(), "Window": num(), "IRTT": num(), "Extra": "z"}
        row = [values.get(h, "q") for h in header]
        if r.random() < 0.1:
            row = row[:r.randint(0, len(row))]
        if row_number > 0 and row and r.random() < 0.05:
            row[r.randrange(len(row))] = "GG"
        lines.append("\t".join(row))
    if r.random() > 0.05:
        with open(os.path.join(net, "route"), "w") as f:
            f.write("\n".join(lines) + ("\n" if r.random() < 0.9 else ""))

    # /proc/net/ipv6_route
    rows = []
    for _ in range(r.randint(0, 10)):
        destination = r.choice(["0" * 32, "20010db8000000000000000000000010", "0" * 31 + "1",
                                "00000000000000000000ffffc0000201",
                                "fe800000000000000000000000000000", hx(32)])
        next_hop = r.choice(["0" * 32, "20010db8000000000000000000000001", hx(32)])
        rows.append("%s %02x %s %02x %s %08x %08x %08x %08x %8s" % (
            destination, r.randint(0, 128), "0" * 32, 0, next_hop,
            r.choice([0, 256, 1024, 0xFFFFFFFF]), r.randint(0, 5), r.randint(0, 99999),
            r.choice([1, 3, 0x50003, 0x80200001, 0x01000001, 0x200200, r.getrandbits(32)]),
            r.choice(["lo", "eth0", "averylongifname"])))
    with open(os.path.join(net, "ipv6_route"), "w") as f:
        f.write("".join(row + "\n" for row in rows))

    # /proc/net/snmp, /proc/net/netstat, /proc/net/snmp6
    with open(STAT_TABLE) as f:
        keys = [line.split("\t")[1] for line in f if not line.startswith("#")]

    def section(name):
        chosen = r.sample(keys, min(len(keys), r.randint(0, 12)))
        if r.random() < 0.5:
            chosen.append(r.choice(["Foo", "InCsumErrors", "Bar1"]))
        values = [num() for _ in chosen]
        if r.random() < 0.1:
            values = values[:-1]
        return "%s: %s\n%s: %s\n" % (name, " ".join(chosen), name, " ".join(values))

    names = ["Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite", "Weird"]
    text = "".join(section(r.choice(names)) for _ in range(r.randint(1, 7)))
    if r.random() < 0.1:
        text = "\n" + text
    with open(os.path.join(net, "snmp"), "w") as f:
        f.write(text)
    with open(os.path.join(net, "netstat"), "w") as f:
        f.write("".join(section(r.choice(["TcpExt", "IpExt", "MPTcpExt"]))
                        for _ in range(r.randint(0, 3))))
    keys6 = [k for k in keys if "6" in k] + ["UdpLite6InDatagrams", "Ip6Foo", "Icmp6InType3",
                                             "Weird"]
    with open(os.path.join(net, "snmp6"), "w") as f:
        f.write("".join("%-32s\t%s\n" % (k, num()) for k in r.sample(keys6, r.randint(0, 30))))


# The interfaces scripts/netns_setup.sh --here builds (peers p* included).
NETNS_INTERFACES = ["lo", "veth0", "veth10", "veth2", "averylongifname", "p0", "p10", "p2", "plong"]


def generate_interfaces(seed, base):
    """DIR/proc/net/{dev,if_inet6}: a random subset of NETNS_INTERFACES (in random order) with
    counters at the unit and width edges, one of the three header layouts, short lines."""
    r = random.Random(seed)
    net = os.path.join(base, "proc", "net")
    os.makedirs(net, exist_ok=True)
    layout = r.choice([3, 3, 3, 2, 1])
    second = {3: " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets"
                 " errs drop fifo colls carrier compressed",
              2: " face |bytes    packets errs drop fifo frame|bytes    packets errs drop fifo colls"
                 " carrier",
              1: " face |packets errs drop fifo frame|packets errs drop fifo colls carrier"}[layout]
    count = {3: 16, 2: 13, 1: 11}[layout]
    lines = ["Inter-|   Receive                                                |  Transmit", second]
    for name in r.sample(NETNS_INTERFACES, r.randint(1, len(NETNS_INTERFACES))):
        values = [str(r.choice([0, 1, 1023, 1024, 1025, r.getrandbits(r.randint(1, 64))]))
                  for _ in range(count - r.choice([0, 0, 0, 3]))]
        lines.append("%6s: %s" % (name, " ".join("%7s" % v for v in values)))
    with open(os.path.join(net, "dev"), "w") as f:
        f.write("\n".join(lines) + "\n")
    rows = ["%s %02x %02x %02x %02x %8s" % (
        r.choice(["fe800000000000000000000000000001", "0" * 31 + "1",
                  "00000000000000000000ffffc0000209", "20010db8000000000000000000000010"]),
        2, r.randint(0, 128), r.choice([0, 0x10, 0x20, 0x40, 0x80, 0xa0]), 0x80,
        r.choice(NETNS_INTERFACES)) for _ in range(r.randint(0, 5))]
    with open(os.path.join(net, "if_inet6"), "w") as f:
        f.write("".join(row + "\n" for row in rows))


if __name__ == "__main__":
    (generate_interfaces if "--interfaces" in sys.argv else generate)(int(sys.argv[1]), sys.argv[2])
