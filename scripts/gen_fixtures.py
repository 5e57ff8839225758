#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the fabricated /proc and /etc fixtures behind the golden tests.

Adapted from the probe kit's gen_fixtures.py (../shared/netstat-probe).  Writes
tests/fixtures/<name>/{proc/...,etc/...,setup.sh}; fd entries are real symlinks
(`socket:[N]`), which git keeps.  All addresses are documentation ranges
(192.0.2.0/24 except .1/.2, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) or loopback.

Inputs that are not generated live in tests/fixtures/_source/: the kernel field lists for
the -s fixtures and a frozen copy of Debian's /etc/services and /etc/protocols, which every
fixture gets in etc/ so names resolve the same on any machine.

Run:  python3 scripts/gen_fixtures.py   (then re-record goldens: scripts/record-goldens.sh)
Only the fixture directories this script owns are replaced; others are left alone.
"""
import ipaddress
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(os.path.dirname(HERE), "tests", "fixtures")
SOURCE = os.path.join(FIX, "_source")

# Every fixture directory written below; main() replaces exactly these.
GENERATED = ("sock", "bad", "state12", "oldunix", "empty", "headers", "route", "route_reorder",
             "route_missingcol", "snmp_nz", "snmp_zero", "snmp_unknown", "snmp_bad",
             "snmp_blank", "dev", "perm", "perm_none", "svc", "sctp", "snmp_sctp", "dev_bogus",
             "eloop", "tcp_eacces", "zero_octet", "timers", "ctrl_cmdline", "json_strings",
             "interleave")


def source(name):
    with open(os.path.join(SOURCE, name)) as f:
        return f.read()


def v4hex(a):
    """IPv4 as the kernel prints it in /proc/net/{tcp,udp,raw,route}: u32 host order (LE)."""
    b = ipaddress.IPv4Address(a).packed
    return "%08X" % struct.unpack("<I", b)[0]


def v6hex(a):
    """IPv6 as in /proc/net/tcp6 etc: four u32 words, each printed in host order (LE)."""
    b = ipaddress.IPv6Address(a).packed
    return "".join("%08X" % struct.unpack("<I", b[i:i + 4])[0] for i in range(0, 16, 4))


def v6plain(a):
    """IPv6 as in /proc/net/ipv6_route and if_inet6: 32 hex digits in network order."""
    return ipaddress.IPv6Address(a).packed.hex()


TCP_HDR = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
           "   uid  timeout inode                                                     \n")
TCP6_HDR = ("  sl  local_address                         remote_address                        st"
            " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n")
UDP_HDR = ("   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
           "   uid  timeout inode ref pointer drops            \n")
UDP6_HDR = ("  sl  local_address                         remote_address                        st"
            " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n")
RAW_HDR = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
           "   uid  timeout inode ref pointer drops\n")
UNIX_HDR = "Num       RefCount Protocol Flags    Type St Inode Path\n"


def sockline(sl, la, lp, ra, rp, st, txq, rxq, tr, when, retr, uid, tmo, inode, v6=False, udp=False):
    h = v6hex if v6 else v4hex
    s = "%4d: %s:%04X %s:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d" % (
        sl, h(la), lp, h(ra), rp, st, txq, rxq, tr, when, retr, uid, tmo, inode)
    if udp:
        s += " 2 0000000000000000 0"
    else:
        s += " 1 0000000000000000 100 0 0 10 0"
    return s + "\n"


def w(path, text, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    if mode is not None:
        os.chmod(path, mode)


def wb(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def keep(dirpath):
    """git drops empty directories; a dot file keeps them (netstat ignores it)."""
    w(os.path.join(dirpath, ".gitkeep"), "")


def symlink(target, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.lexists(path):
        os.remove(path)
    os.symlink(target, path)


ETC_NSSWITCH = """passwd:         files
group:          files
hosts:          files
networks:       files
protocols:      files
services:       files
"""
ETC_HOSTS = """127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
198.51.100.10\thost-a.example.net host-a
203.0.113.5\tclient-five.example.org
203.0.113.77\tan-extremely-long-host-name-for-truncation.example.com
192.0.2.254\tgw.example.net
2001:db8::10\tv6host.example.net
"""
ETC_NETWORKS = """default\t\t0.0.0.0
loopback\t127.0.0.0
link-local\t169.254.0.0
docnet-two\t198.51.100.0
"""


ETC_PASSWD = """root:x:0:0:root:/root:/bin/sh
alice:x:1000:1000::/home/alice:/bin/sh
systemd-timesync-long:x:104:104::/:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
"""


def etc(d, networks=True):
    w(os.path.join(d, "etc", "nsswitch.conf"), ETC_NSSWITCH)
    w(os.path.join(d, "etc", "hosts"), ETC_HOSTS)
    w(os.path.join(d, "etc", "passwd"), ETC_PASSWD)
    if networks:
        w(os.path.join(d, "etc", "networks"), ETC_NETWORKS)
    w(os.path.join(d, "etc", "services"), source("services"))
    w(os.path.join(d, "etc", "protocols"), source("protocols"))


def gen_sock():
    d = os.path.join(FIX, "sock")
    n = os.path.join(d, "proc", "net")
    A, B, C = "198.51.100.10", "203.0.113.5", "203.0.113.6"
    tcp = [TCP_HDR]
    rows = [
        # la, lp, ra, rp, st, txq, rxq, tr, when, retr, uid, tmo, inode
        ("0.0.0.0", 22, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 1001),
        ("127.0.0.1", 631, "0.0.0.0", 0, 0x0A, 0, 5, 0, 0, 0, 0, 0, 1002),
        (A, 22, B, 51000, 0x01, 0, 0, 2, 7500, 0, 1000, 0, 1003),
        (A, 45000, C, 443, 0x02, 1, 0, 1, 123, 2, 1000, 0, 1004),
        (A, 80, B, 51001, 0x03, 0, 0, 1, 50, 1, 0, 0, 0),
        (A, 45001, C, 80, 0x04, 500, 0, 1, 20, 0, 1000, 0, 1005),
        (A, 45002, C, 8080, 0x05, 0, 0, 0, 0, 0, 1000, 0, 1006),
        (A, 45003, C, 25, 0x06, 0, 0, 3, 5999, 0, 0, 0, 0),
        (A, 45004, "0.0.0.0", 0, 0x07, 0, 0, 0, 0, 0, 4242, 0, 1007),
        (A, 45005, C, 110, 0x07, 0, 0, 0, 0, 0, 65534, 0, 1008),
        (A, 45006, C, 143, 0x08, 0, 1048575, 0, 0, 0, 1000, 0, 1009),
        (A, 45007, C, 993, 0x09, 0, 0, 4, 300, 3, 1000, 0, 1010),
        (A, 45008, C, 995, 0x0B, 0, 0, 9, 100, 0, 1000, 0, 1011),
        ("203.0.113.77", 3306, "203.0.113.77", 33060, 0x01, 0, 0, 0, 0, 0, 1000, 0, 1012),
        ("192.0.2.10", 12345, "198.51.100.200", 65535, 0x01, 0, 0, 0, 0, 0, 1000, 0, 1013),
    ]
    for i, r in enumerate(rows):
        tcp.append(sockline(i, *r))
    w(os.path.join(n, "tcp"), "".join(tcp))

    tcp6 = [TCP6_HDR]
    rows6 = [
        ("::", 22, "::", 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 2001),
        ("::1", 631, "::", 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 2002),
        ("::ffff:127.0.0.1", 8080, "::ffff:127.0.0.1", 40000, 0x01, 0, 0, 0, 0, 0, 1000, 0, 2003),
        ("2001:db8::10", 443, "2001:db8:1234:5678:9abc:def0:1234:5678", 50000, 0x01, 0, 0, 2, 720000, 0, 1000, 0, 2004),
        ("fe80::1", 22, "fe80::2", 33000, 0x01, 0, 0, 0, 0, 0, 0, 0, 2005),
        ("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", 54321, "2001:db8::10", 22, 0x06, 0, 0, 3, 100, 0, 0, 0, 0),
    ]
    for i, r in enumerate(rows6):
        tcp6.append(sockline(i, *r, v6=True))
    w(os.path.join(n, "tcp6"), "".join(tcp6))

    udp = [UDP_HDR]
    urows = [
        ("0.0.0.0", 68, "0.0.0.0", 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 3001),
        ("127.0.0.1", 53, "0.0.0.0", 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 3002),
        (A, 40000, "203.0.113.53", 53, 0x01, 0, 0, 0, 0, 0, 1000, 0, 3003),
        (A, 40001, "0.0.0.0", 53, 0x07, 0, 0, 0, 0, 0, 1000, 0, 3004),
        (A, 40002, C, 0, 0x07, 0, 0, 0, 0, 0, 1000, 0, 3005),
        (A, 40003, C, 123, 0x0A, 0, 0, 2, 250, 0, 1000, 0, 3006),
        ("0.0.0.0", 5353, "0.0.0.0", 0, 0x07, 0, 213, 0, 0, 0, 104, 0, 3007),
    ]
    for i, r in enumerate(urows):
        udp.append(sockline(i, *r, udp=True))
    w(os.path.join(n, "udp"), "".join(udp))

    udp6 = [UDP6_HDR]
    for i, r in enumerate([
        ("::", 5353, "::", 0, 0x07, 0, 0, 0, 0, 0, 104, 0, 4001),
        ("2001:db8::10", 40000, "2001:db8::53", 53, 0x01, 0, 0, 0, 0, 0, 1000, 0, 4002),
    ]):
        udp6.append(sockline(i, *r, v6=True, udp=True))
    w(os.path.join(n, "udp6"), "".join(udp6))

    w(os.path.join(n, "udplite"), UDP_HDR + sockline(0, "0.0.0.0", 9999, "0.0.0.0", 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 5001, udp=True)
      + sockline(1, A, 9998, B, 9997, 0x01, 0, 0, 0, 0, 0, 0, 0, 5002, udp=True))
    w(os.path.join(n, "udplite6"), UDP6_HDR + sockline(0, "::", 9999, "::", 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 5003, v6=True, udp=True))

    w(os.path.join(n, "raw"), RAW_HDR
      + sockline(0, "0.0.0.0", 1, "0.0.0.0", 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 6001, udp=True)
      + sockline(1, "0.0.0.0", 255, "0.0.0.0", 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 6002, udp=True)
      + sockline(2, A, 17, B, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 6003, udp=True)
      + sockline(3, "0.0.0.0", 6, "0.0.0.0", 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 6004, udp=True))
    w(os.path.join(n, "raw6"), UDP6_HDR.replace("udp", "raw")
      + sockline(0, "::", 58, "::", 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 6101, v6=True, udp=True))

    ux = [UNIX_HDR]

    def u(refcnt, flags, typ, st, inode, path=None):
        s = "0000000000000000: %08X %08X %08X %04X %02X %5d" % (refcnt, 0, flags, typ, st, inode)
        if path is not None:
            s += " " + path
        ux.append(s + "\n")
    u(2, 0x10000, 1, 1, 7001, "/run/listen.sock")
    u(3, 0, 1, 3, 7002, "/run/listen.sock")
    u(3, 0, 1, 3, 7003)
    u(2, 0, 2, 1, 7004, "/run/systemd/notify")
    u(2, 0x10000, 5, 1, 7005, "@abstract-name")
    u(2, 0, 5, 3, 7006, "@")
    u(2, 0x20000, 1, 2, 7007, "/tmp/connecting.sock")
    u(2, 0x40000, 2, 4, 7008)
    u(2, 0x70000, 3, 0, 7009, "/tmp/raw.sock")
    u(2, 0, 4, 3, 7010)
    u(2, 0, 9, 5, 7011)
    u(2, 0x10000, 1, 3, 7012, "/tmp/acc-but-connected")
    u(0x1F, 0, 2, 1, 123456789, "/run/a/very/long/path/name/that/goes/on/and/on/for/quite/a/while/socket")
    u(2, 0, 1, 1, 7013, "/tmp/path with space")
    w(os.path.join(n, "unix"), "".join(ux))

    # processes for -p
    P = os.path.join(d, "proc")
    procs = [
        (1234, b"/usr/sbin/sshd\0-D\0", [1001, 2001]),
        (2345, b"sshd: alice@pts/0\0\0\0\0\0\0\0\0\0", [1003]),
        (3456, b"/usr/bin/python3\0/opt/app/server.py\0", [1004, 3003, 7001]),
        (4567, b"", [1005]),
        (5678, b"averyveryverylongprogramname\0--flag\0", [1006, 7002]),
        (6789, b"/opt/x/y z/prog with space\0", [1009]),
        (123456, b"/usr/lib/systemd/systemd-resolved\0", [3002, 7004]),
        (2, b"/usr/sbin/sshd\0", [1001]),
        (7890, b"relative/path/tool\0", [7005, 4001]),
    ]
    for pid, cmd, inodes in procs:
        wb(os.path.join(P, str(pid), "cmdline"), cmd)
        for k, ino in enumerate(inodes):
            symlink("socket:[%d]" % ino, os.path.join(P, str(pid), "fd", str(3 + k)))
        symlink("/dev/null", os.path.join(P, str(pid), "fd", "0"))
    # old-style "[0000]:inode" link
    wb(os.path.join(P, "8901", "cmdline"), b"/bin/oldstyle\0")
    symlink("[0000]:1010", os.path.join(P, "8901", "fd", "3"))
    # non-numeric dir must be ignored
    os.makedirs(os.path.join(P, "self", "fd"), exist_ok=True)
    keep(os.path.join(P, "self", "fd"))
    etc(d)


def gen_badlines():
    d = os.path.join(FIX, "bad")
    n = os.path.join(d, "proc", "net")
    w(os.path.join(n, "tcp"), TCP_HDR
      + "   0: garbage\n"
      + sockline(1, "0.0.0.0", 22, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 1)
      + "   2: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000\n"
      + "   3: 0100007F:0017 00000000:0000 0A 00000000:00000000 00:00000000\n"
      + sockline(4, "127.0.0.1", 24, "0.0.0.0", 0, 0x00, 0, 0, 0, 0, 0, 0, 0, 2))
    w(os.path.join(n, "udp"), UDP_HDR + "junk line\n"
      + "   1: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000\n"
      + "   2: 0100007F:0036 00000000:0000 07 00000000:00000000 00:00000000 00000000\n")
    w(os.path.join(n, "raw"), RAW_HDR + "x\n")
    w(os.path.join(n, "unix"), UNIX_HDR + "nonsense\n"
      + "0000000000000000: 00000002 00000000 00010000 0001\n"
      + "0000000000000000: 00000002 00000000 00010000 0001 01\n")
    etc(d)


def gen_state12():
    d = os.path.join(FIX, "state12")
    n = os.path.join(d, "proc", "net")
    w(os.path.join(n, "tcp"), TCP_HDR
      + sockline(0, "127.0.0.1", 22, "127.0.0.1", 1000, 0x0C, 0, 0, 0, 0, 0, 0, 0, 1)
      + sockline(1, "127.0.0.1", 23, "127.0.0.1", 1001, 0x00, 0, 0, 0, 0, 0, 0, 0, 2))
    etc(d)


def gen_oldunix():
    """Unix file without the Inode column (very old kernels)."""
    d = os.path.join(FIX, "oldunix")
    n = os.path.join(d, "proc", "net")
    w(os.path.join(n, "unix"), "Num       RefCount Protocol Flags    Type St Path\n"
      "0000000000000000: 00000002 00000000 00010000 0001 01 /run/x.sock\n"
      "0000000000000000: 00000002 00000000 00000000 0001 03\n")
    etc(d)


def gen_empty():
    d = os.path.join(FIX, "empty")
    os.makedirs(os.path.join(d, "proc", "net"), exist_ok=True)
    keep(os.path.join(d, "proc", "net"))
    etc(d)


def gen_headers_only():
    d = os.path.join(FIX, "headers")
    n = os.path.join(d, "proc", "net")
    w(os.path.join(n, "tcp"), TCP_HDR)
    w(os.path.join(n, "tcp6"), TCP6_HDR)
    w(os.path.join(n, "udp"), UDP_HDR)
    w(os.path.join(n, "udp6"), UDP6_HDR)
    w(os.path.join(n, "udplite"), UDP_HDR)
    w(os.path.join(n, "udplite6"), UDP6_HDR)
    w(os.path.join(n, "raw"), RAW_HDR)
    w(os.path.join(n, "raw6"), RAW_HDR)
    w(os.path.join(n, "unix"), UNIX_HDR)
    etc(d)


def gen_route():
    d = os.path.join(FIX, "route")
    n = os.path.join(d, "proc", "net")
    hdr = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t   \n"
    hdr = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n"

    def r(iface, dst, gw, flags, ref, use, metric, mask, mtu=0, win=0, irtt=0):
        return "%s\t%s\t%s\t%04X\t%d\t%d\t%d\t%s\t%d\t%d\t%d                                                                               \n" % (
            iface, v4hex(dst), v4hex(gw), flags, ref, use, metric, v4hex(mask), mtu, win, irtt)
    lines = [hdr,
             r("veth0", "0.0.0.0", "192.0.2.254", 0x0003, 0, 0, 100, "0.0.0.0"),
             r("veth0", "192.0.2.0", "0.0.0.0", 0x0001, 0, 0, 0, "255.255.255.0"),
             r("veth1", "198.51.100.0", "0.0.0.0", 0x0001, 0, 5, 10, "255.255.255.0", 1400, 65535, 300),
             r("veth1", "203.0.113.77", "198.51.100.1", 0x0007, 1, 12345, 0, "255.255.255.255"),
             r("lo", "127.0.0.0", "0.0.0.0", 0x0001, 0, 0, 0, "255.0.0.0"),
             r("veth0", "169.254.0.0", "0.0.0.0", 0x0001, 0, 0, 1000, "255.255.0.0"),
             r("veth0", "203.0.113.0", "0.0.0.0", 0x0201, 0, 0, 0, "255.255.255.128"),
             r("averylongifname", "10.0.0.0", "0.0.0.0", 0x0001, 0, 0, 0, "255.0.0.0"),
             r("veth0", "203.0.113.128", "192.0.2.254", 0x0002, 0, 0, 0, "255.255.255.128"),
             r("veth0", "203.0.113.5", "0.0.0.0", 0x0005, 0, 0, 4294967295 & 0x7fffffff, "255.255.255.255"),
             r("veth0", "0.0.0.0", "0.0.0.0", 0x0001, 0, 0, 0, "128.0.0.0"),
             r("veth0", "198.51.100.128", "0.0.0.0", 0x0001 | 0x0010 | 0x0020 | 0x0040 | 0x0100 | 0x0004, 0, 0, 0, "255.255.255.192"),
             ]
    w(os.path.join(n, "route"), "".join(lines))

    def r6(dst, plen, src, slen, nh, metric, ref, use, flags, dev):
        return "%s %02x %s %02x %s %08x %08x %08x %08x %8s\n" % (
            v6plain(dst), plen, v6plain(src), slen, v6plain(nh), metric, ref, use, flags, dev)
    l6 = [
        r6("2001:db8::", 64, "::", 0, "::", 256, 1, 0, 0x00000001, "veth0"),
        r6("fe80::", 64, "::", 0, "::", 256, 1, 0, 0x00000001, "veth0"),
        r6("::", 0, "::", 0, "2001:db8::1", 1024, 2, 5, 0x00000003 | 0x00040000 | 0x00010000, "veth0"),
        r6("::1", 128, "::", 0, "::", 0, 3, 0, 0x80200001, "lo"),
        r6("2001:db8::10", 128, "::", 0, "::", 0, 2, 0, 0x80200001, "veth0"),
        r6("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", 128, "::", 0, "2001:db8:1234:5678:9abc:def0:1234:5678", 0, 2, 0, 0x00000007, "averylongifname"),
        r6("ff00::", 8, "::", 0, "::", 256, 3, 0, 0x00000001, "veth0"),
        r6("2001:db8:1::", 48, "::", 0, "::", 1024, 0, 0, 0x00000201, "veth0"),
        r6("2001:db8:2::", 48, "::", 0, "::", 1024, 0, 0, 0x01000001, "veth0"),
        r6("::", 0, "::", 0, "::", 0xffffffff, 1, 0, 0x00200200, "lo"),
    ]
    w(os.path.join(n, "ipv6_route"), "".join(l6))
    etc(d)


def gen_route_norm():
    """A route file whose columns are in a different order (proc_gen_fmt header matching)."""
    d = os.path.join(FIX, "route_reorder")
    n = os.path.join(d, "proc", "net")
    hdr = "Destination\tIface\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
    line = "%s\tveth0\t%s\t0003\t0\t0\t7\t%s\t0\t0\t0\n" % (v4hex("0.0.0.0"), v4hex("192.0.2.254"), v4hex("0.0.0.0"))
    w(os.path.join(n, "route"), hdr + line)
    etc(d)
    d = os.path.join(FIX, "route_missingcol")
    n = os.path.join(d, "proc", "net")
    hdr = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\n"
    w(os.path.join(n, "route"), hdr + "veth0\t00000000\tFE0200C0\t0003\t0\t0\t0\t00000000\t0\t0\n")
    etc(d)


SNMP_HDRS = {
    "Ip": "Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams InUnknownProtos InDiscards InDelivers OutRequests OutDiscards OutNoRoutes ReasmTimeout ReasmReqds ReasmOKs ReasmFails FragOKs FragFails FragCreates OutTransmits",
    "Icmp": "InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds InParmProbs InSrcQuenchs InRedirects InEchos InEchoReps InTimestamps InTimestampReps InAddrMasks InAddrMaskReps OutMsgs OutErrors OutRateLimitGlobal OutRateLimitHost OutDestUnreachs OutTimeExcds OutParmProbs OutSrcQuenchs OutRedirects OutEchos OutEchoReps OutTimestamps OutTimestampReps OutAddrMasks OutAddrMaskReps",
    "IcmpMsg": "InType0 InType3 InType8 OutType0 OutType3 OutType8",
    "Tcp": "RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors",
    "Udp": "InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors",
    "UdpLite": "InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors",
}


def snmp_text(order, valfn):
    out = []
    for t in order:
        names = SNMP_HDRS[t].split()
        vals = [valfn(t, i, nm) for i, nm in enumerate(names)]
        out.append("%s: %s\n" % (t, " ".join(names)))
        out.append("%s: %s\n" % (t, " ".join(str(v) for v in vals)))
    return "".join(out)


def netstat_text(real_netstat, valfn):
    out = []
    lines = real_netstat.splitlines()
    for k in range(0, len(lines), 2):
        t, names = lines[k].split(":", 1)
        names = names.split()
        vals = [valfn(t, i, nm) for i, nm in enumerate(names)]
        out.append("%s: %s\n" % (t, " ".join(names)))
        out.append("%s: %s\n" % (t, " ".join(str(v) for v in vals)))
    return "".join(out)


def gen_snmp():
    order = ["Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite"]
    real_netstat = source("kernel-proc-net-netstat.txt")
    real_snmp6 = source("kernel-proc-net-snmp6.txt")

    def allnz(t, i, nm):
        if t == "Ip" and nm == "Forwarding":
            return 1
        if t == "Tcp" and nm == "MaxConn":
            return -1
        return 100 + i

    def allzero(t, i, nm):
        if t == "Ip" and nm == "Forwarding":
            return 2
        if t == "Ip" and nm == "DefaultTTL":
            return 64
        if t == "Tcp" and nm in ("RtoAlgorithm",):
            return 1
        if t == "Tcp" and nm == "RtoMin":
            return 200
        if t == "Tcp" and nm == "RtoMax":
            return 120000
        if t == "Tcp" and nm == "MaxConn":
            return -1
        return 0

    for name, fn in (("snmp_nz", allnz), ("snmp_zero", allzero)):
        d = os.path.join(FIX, name)
        n = os.path.join(d, "proc", "net")
        w(os.path.join(n, "snmp"), snmp_text(order, fn))
        w(os.path.join(n, "netstat"), netstat_text(real_netstat, fn))
        s6 = []
        for k, line in enumerate(real_snmp6.splitlines()):
            key = line.split()[0]
            v = (1000 + k) if fn is allnz else 0
            s6.append("%-32s\t%d\n" % (key, v))
        w(os.path.join(n, "snmp6"), "".join(s6))
        etc(d)
    # snmp with a brand-new unknown table and unknown field, and no netstat file
    d = os.path.join(FIX, "snmp_unknown")
    n = os.path.join(d, "proc", "net")
    txt = snmp_text(["Ip", "Icmp", "Tcp", "Udp"], allnz)
    txt += "Foo: Alpha Beta Gamma\nFoo: 0 7 18446744073709551615\n"
    txt += "Tcp: NewField ActiveOpens\nTcp: 5 6\n"
    w(os.path.join(n, "snmp"), txt)
    etc(d)
    # malformed snmp
    d = os.path.join(FIX, "snmp_bad")
    n = os.path.join(d, "proc", "net")
    w(os.path.join(n, "snmp"), "Ip: Forwarding DefaultTTL\nIp 1 64\n")
    etc(d)
    # empty first line (2.6 kernels)
    d = os.path.join(FIX, "snmp_blank")
    n = os.path.join(d, "proc", "net")
    w(os.path.join(n, "snmp"), "\n" + snmp_text(["Tcp"], allnz))
    etc(d)


def gen_dev():
    """Fabricated /proc/net/dev for the ifaces of the probe network namespace."""
    d = os.path.join(FIX, "dev")
    n = os.path.join(d, "proc", "net")
    hdr = ("Inter-|   Receive                                                |  Transmit\n"
           " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n")
    def row(name, vals):
        return "%6s: %s\n" % (name, " ".join("%7d" % v for v in vals))
    body = row("lo", [3267, 29, 0, 0, 0, 0, 0, 0, 3267, 29, 0, 0, 0, 0, 0, 0])
    body += row("veth0", [1234567890123, 123456789012, 1, 2, 3, 4, 5, 6, 987654, 4321, 7, 8, 9, 10, 11, 12])
    body += row("veth10", [2048, 20, 0, 0, 0, 0, 0, 0, 1048577, 10, 0, 0, 0, 0, 0, 0])
    body += row("veth2", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    body += row("averylongifname", [1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0])
    w(os.path.join(n, "dev"), hdr + body)
    # if_inet6 for -ie
    def i6(a, idx, plen, scope, flags, dev):
        return "%s %02x %02x %02x %02x %8s\n" % (v6plain(a), idx, plen, scope, flags, dev)
    w(os.path.join(n, "if_inet6"),
      i6("2001:db8::10", 2, 64, 0x00, 0x80, "veth0")
      + i6("fe80::1", 2, 64, 0x20, 0x80, "veth0")
      + i6("::1", 1, 128, 0x10, 0x80, "lo")
      + i6("::ffff:192.0.2.9", 2, 96, 0x00, 0x80, "veth0")
      + i6("fec0::1", 2, 64, 0x40, 0x80, "veth0")
      + i6("::192.0.2.9", 2, 96, 0x80, 0x80, "veth0"))
    etc(d)


def gen_extra():
    # -p permission probes (run with --as 65534); setup.sh runs inside the namespace
    for v, own in (("perm", True), ("perm_none", False)):
        d = os.path.join(FIX, v)
        shutil.copytree(os.path.join(FIX, "sock", "proc"), os.path.join(d, "proc"), symlinks=True)
        etc(d)
        sh = "for d in /proc/[0-9]*/fd; do chmod 500 \"$d\"; done\n"
        if own:
            sh += "chown 65534:65534 /proc/3456/fd\n"
        w(os.path.join(d, "setup.sh"), sh)
    # services file with a duplicate and long names
    d = os.path.join(FIX, "svc")
    shutil.copytree(os.path.join(FIX, "sock", "proc"), os.path.join(d, "proc"), symlinks=True)
    etc(d)
    w(os.path.join(d, "etc", "services"), source("services")
      + "# probe additions\nsecure-shell-dup 22/tcp\na-very-long-service-name-indeed 45000/tcp\nmedium-svc-name 45001/tcp\n")
    # SCTP endpoint / association files
    d = os.path.join(FIX, "sctp")
    w(os.path.join(d, "proc", "net", "sctp", "eps"),
      " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n"
      "ffff888003b1c000 ffff888004f2a000 2   10  39   5000      0 12345 198.51.100.10 203.0.113.1 \n")
    w(os.path.join(d, "proc", "net", "sctp", "assocs"),
      " ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <-> RADDRS HBINT INS OUTS MAXRT T1X T2X RTXC wmema wmemq sndbuf rcvbuf\n"
      "ffff888003b1d000 ffff888004f2b000 2   1   4  1541  1        7        9     0 23456  5000 40000  198.51.100.10 203.0.113.1 <-> *203.0.113.5 203.0.113.6 \t    7500    10    10   10    0    0        0        1        0   212992   212992\n")
    etc(d)
    # /proc/net/sctp/snmp for -s
    d = os.path.join(FIX, "snmp_sctp")
    w(os.path.join(d, "proc", "net", "snmp"), snmp_text(["Tcp"], lambda t, i, n: i))
    keys = ("SctpCurrEstab SctpActiveEstabs SctpPassiveEstabs SctpAborteds SctpShutdowns SctpOutOfBlues "
            "SctpChecksumErrors SctpOutCtrlChunks SctpOutOrderChunks SctpOutUnorderChunks SctpInCtrlChunks "
            "SctpInOrderChunks SctpInUnorderChunks SctpFragUsrMsgs SctpReasmUsrMsgs SctpOutSCTPPacks "
            "SctpInSCTPPacks SctpT1InitExpireds SctpT1CookieExpireds SctpT2ShutdownExpireds SctpT3RtxExpireds "
            "SctpT4RtoExpireds SctpT5ShutdownGuardExpireds SctpDelaySackExpireds SctpAutocloseExpireds "
            "SctpT3Retransmits SctpPmtudRetransmits SctpFastRetransmits SctpInPktSoftirq SctpInPktBacklog "
            "SctpInPktDiscards SctpInDataChunkDiscards").split()
    w(os.path.join(d, "proc", "net", "sctp", "snmp"), "".join("%-32s\t%d\n" % (k, i) for i, k in enumerate(keys)))
    etc(d)
    # /proc/net/dev naming an interface that does not exist
    d = os.path.join(FIX, "dev_bogus")
    shutil.copytree(os.path.join(FIX, "dev", "proc"), os.path.join(d, "proc"))
    with open(os.path.join(d, "proc", "net", "dev"), "a") as f:
        f.write("  nosuch0:       1       1    0    0    0     0          0         0        1       1    0    0    0     0       0          0\n")
    etc(d)


def gen_edge():
    # /proc/net/tcp is a symlink loop -> open fails with ELOOP (exit 255)
    d = os.path.join(FIX, "eloop")
    etc(d)
    w(os.path.join(d, "setup.sh"), "ln -s tcp /proc/net/tcp\n")
    # /proc/net/tcp unreadable for an unprivileged user (EACCES), tcp6 readable
    d = os.path.join(FIX, "tcp_eacces")
    shutil.copytree(os.path.join(FIX, "sock", "proc"), os.path.join(d, "proc"), symlinks=True)
    etc(d)
    w(os.path.join(d, "setup.sh"), "chmod 000 /proc/net/tcp\n")
    # IPv4 socket address with first octet 0 -> /etc/networks lookup
    d = os.path.join(FIX, "zero_octet")
    w(os.path.join(d, "proc", "net", "tcp"), TCP_HDR + sockline(0, "0.0.0.5", 22, "0.1.2.3", 80, 1, 0, 0, 0, 0, 0, 0, 0, 1))
    etc(d)
    with open(os.path.join(d, "etc", "networks"), "a") as f:
        f.write("tiny\t0.0.0.5\n")


def gen_timers():
    """Every timer kind with non-zero RETR and TIMEOUT in each protocol (found by the differential
    test: raw rows print RETR, udp rows print 0)."""
    d = os.path.join(FIX, "timers")
    n = os.path.join(d, "proc", "net")
    A, B = "198.51.100.10", "203.0.113.5"

    def rows(v6, udp):
        la, ra = ("2001:db8::10", "2001:db8::53") if v6 else (A, B)
        return "".join(sockline(i, la, 40000 + i, ra, 53, 0x01 if udp else 0x01, 0, 0, tr,
                                0x1D4C * (i + 1), 0x11 + i, 1000, 7 + i, 9000 + i, v6=v6, udp=udp)
                       for i, tr in enumerate([0, 1, 2, 3, 4, 5, 9]))
    w(os.path.join(n, "tcp"), TCP_HDR + rows(False, False))
    w(os.path.join(n, "tcp6"), TCP6_HDR + rows(True, False))
    w(os.path.join(n, "udp"), UDP_HDR + rows(False, True))
    w(os.path.join(n, "udp6"), UDP6_HDR + rows(True, True))
    w(os.path.join(n, "udplite"), UDP_HDR + rows(False, True))
    w(os.path.join(n, "raw"), RAW_HDR + rows(False, True))
    w(os.path.join(n, "raw6"), UDP6_HDR.replace("udp", "raw") + rows(True, True))
    etc(d)


def gen_ctrl_cmdline():
    """Program names with control and non-ASCII bytes: netstat prints them raw (golden
    cases in tests/golden/cases/regress.cases)."""
    d = os.path.join(FIX, "ctrl_cmdline")
    n = os.path.join(d, "proc", "net")
    w(os.path.join(n, "tcp"), TCP_HDR + "".join(
        sockline(i, "127.0.0.1", 1000 + i, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 8000 + i)
        for i in range(6)))
    ux = UNIX_HDR + "".join("0000000000000000: 00000002 00000000 00010000 0001 01 %5d /run/s%d\n"
                            % (8100 + i, i) for i in range(6))
    w(os.path.join(n, "unix"), ux)
    names = [b"/bin/tab\tname\0", b"/bin/esc\x1b[31mred\0", b"/bin/csi\x9bx\0",
             b"/bin/\xc3\xa9t\xc3\xa9\0", b"/bin/del\x7f\0", b"/bin/c1\xc2\x85x\0"]
    P = os.path.join(d, "proc")
    for i, cmd in enumerate(names):
        pid = 100 + i
        wb(os.path.join(P, str(pid), "cmdline"), cmd)
        symlink("socket:[%d]" % (8000 + i), os.path.join(P, str(pid), "fd", "3"))
        symlink("socket:[%d]" % (8100 + i), os.path.join(P, str(pid), "fd", "4"))
    etc(d)


# UNIX paths and program names that JSON must carry losslessly (tests/json): quotes,
# backslashes, control bytes, invalid UTF-8 and a literal U+EF80 (the escape range itself).
JSON_STRING_BYTES = [b'q"uote', b"back\\slash", b"ctl\x01\x1b[31m\x7f", b"bad\xff\xc3(",
                     b"pua\xee\xbe\x80", b"caf\xc3\xa9"]


def gen_json_strings():
    """Hostile strings for --json: every unix path and argv[0] below holds one of them."""
    d = os.path.join(FIX, "json_strings")
    P = os.path.join(d, "proc")
    n = os.path.join(P, "net")
    w(os.path.join(n, "tcp"), TCP_HDR + "".join(
        sockline(i, "127.0.0.1", 2000 + i, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 9000 + i)
        for i in range(len(JSON_STRING_BYTES))))
    ux = UNIX_HDR.encode() + b"".join(
        b"0000000000000000: 00000002 00000000 00010000 0001 01 %5d /run/%s\n" % (9100 + i, name)
        for i, name in enumerate(JSON_STRING_BYTES))
    wb(os.path.join(n, "unix"), ux)
    for i, name in enumerate(JSON_STRING_BYTES):
        pid = 300 + i
        wb(os.path.join(P, str(pid), "cmdline"), b"/bin/" + name + b"\0--flag\0")
        symlink("socket:[%d]" % (9000 + i), os.path.join(P, str(pid), "fd", "3"))
        symlink("socket:[%d]" % (9100 + i), os.path.join(P, str(pid), "fd", "4"))
    w(os.path.join(P, "sys", "kernel", "hostname"), "fixture-host\n")
    w(os.path.join(P, "sys", "kernel", "osrelease"), "6.1.0-test\n")
    w(os.path.join(P, "sys", "kernel", "random", "boot_id"),
      "00000000-0000-4000-8000-000000000001\n")
    etc(d)



def gen_interleave():
    """Bogus lines after more than 4 KiB of rows: where stderr lands among stdout's blocks."""
    d = os.path.join(FIX, "interleave")
    n = os.path.join(d, "proc", "net")
    tcp = [TCP_HDR]
    for i in range(120):
        if i in (45, 46, 100):
            tcp.append("%4d: bogus\n" % i)
            continue
        tcp.append(sockline(i, "192.0.2.10", 40000 + i, "198.51.100.20", 443, 0x01, 0, 0, 0, 0, 0,
                            1000, 0, 50000 + i))
    w(os.path.join(n, "tcp"), "".join(tcp))
    tcp6 = [TCP6_HDR]
    for i in range(60):
        if i == 30:
            tcp6.append("%4d: bogus\n" % i)
            continue
        tcp6.append(sockline(i, "2001:db8::10", 50000 + i, "2001:db8::20", 80, 0x01, 0, 0, 0, 0,
                             0, 1000, 0, 60000 + i, v6=True))
    w(os.path.join(n, "tcp6"), "".join(tcp6))
    w(os.path.join(n, "udp"), UDP_HDR + "junk\n")
    etc(d)


if __name__ == "__main__":
    for name in GENERATED:
        if os.path.lexists(os.path.join(FIX, name)):
            shutil.rmtree(os.path.join(FIX, name))
    gen_sock()
    gen_badlines()
    gen_state12()
    gen_oldunix()
    gen_empty()
    gen_headers_only()
    gen_route()
    gen_route_norm()
    gen_snmp()
    gen_dev()
    gen_extra()
    gen_edge()
    gen_timers()
    gen_ctrl_cmdline()
    gen_json_strings()
    gen_interleave()
    print("fixtures written to", FIX)
