#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Random /proc/net socket tables for the differential test (same seed, same bytes).

usage: random_proc.py SEED DIR     writes DIR/proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,
                                   raw,raw6,unix}; run a tool on it with
                                   scripts/fakerun.sh --etc tests/fixtures/sock/etc DIR ARGS

Rows are valid kernel rows (random addresses, ports, states, queues, timers, uids, inodes),
biased towards values that /etc/hosts, /etc/services and /etc/passwd of the fixture `sock`
know. Depending on the seed, a tree also carries malformed input: garbage lines, truncated
rows, empty lines, lines longer than netstat's 8192-byte line buffer, rows with missing
trailing fields, NUL bytes, lower-case hex, missing files and a last line without newline.
Inputs for which netstat 2.10 itself has undefined behaviour are never generated:
tcp states above 0x0F, socket files that are directories, and lines whose sscanf stops
between the last mandatory field and INODE (tcp 11-13 items, udp/raw 10-13, unix exactly 6):
netstat then prints whatever its stack held, which no golden can pin down. scanf_items()
models netstat's fgets+sscanf to check that.
"""
import ipaddress
import os
import random
import struct
import sys

TCP_HDR = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
           "   uid  timeout inode                                                     \n")
INET6_HDR = ("  sl  local_address                         remote_address                        st"
             " tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n")
UDP_HDR = ("   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
           "   uid  timeout inode ref pointer drops            \n")
UNIX_HDR = "Num       RefCount Protocol Flags    Type St Inode Path\n"

# (file name, IPv6?, kind)
INET_FILES = [("tcp", False, "tcp"), ("tcp6", True, "tcp"), ("udp", False, "udp"),
              ("udp6", True, "udp"), ("udplite", False, "udp"), ("udplite6", True, "udp"),
              ("raw", False, "raw"), ("raw6", True, "raw")]

# addresses the fixture /etc/hosts names, plus wildcard/loopback and a few unnamed ones
KNOWN_V4 = ["198.51.100.10", "203.0.113.5", "203.0.113.77", "192.0.2.254", "127.0.0.1",
            "0.0.0.0", "203.0.113.6", "192.0.2.10", "0.0.0.5", "0.1.2.3"]
KNOWN_V6 = ["::", "::1", "2001:db8::10", "fe80::1", "::ffff:127.0.0.1", "::ffff:198.51.100.10",
            "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", "2001:db8::53", "::127.0.0.1"]
KNOWN_PORTS = [0, 22, 25, 53, 68, 80, 110, 123, 143, 443, 631, 993, 995, 3306, 5353, 8080,
               65535, 1, 6, 17, 58, 255]
KNOWN_UIDS = [0, 1000, 104, 65534, 4242]


def v4hex(a):
    return "%08X" % struct.unpack("<I", ipaddress.IPv4Address(a).packed)[0]


def v6hex(a):
    b = ipaddress.IPv6Address(a).packed
    return "".join("%08X" % struct.unpack("<I", b[i:i + 4])[0] for i in range(0, 16, 4))


HEX = "0123456789abcdefABCDEF"
DEC = "0123456789"
WS = " \t\n\v\f\r"
INET_FORMAT = ["d", ":", " ", "[", ":", "X", " ", "[", ":", "X", " ", "X", " ", "X", ":", "X", " ",
               "X", ":", "X", " ", "X", " ", "d", " ", "d", " ", "u", " ", "s"]
UNIX_FORMAT = ["p", ":", " ", "X", " ", "X", " ", "X", " ", "X", " ", "X", " ", "u", " ", "s"]


def scanf_items(line, fmt):
    """How many items glibc sscanf assigns for netstat's format (as a token list)."""
    line = line.split("\0", 1)[0]
    pos, items = 0, 0

    def skip_ws(p):
        while p < len(line) and line[p] in WS:
            p += 1
        return p

    def number(p, digits, allow_0x):
        p = skip_ws(p)
        if p < len(line) and line[p] in "+-":
            p += 1
        start = p
        if allow_0x and line[p:p + 2].lower() == "0x" and p + 2 < len(line) and line[p + 2] in HEX:
            p += 2
        while p < len(line) and line[p] in digits:
            p += 1
        return p if p > start else None

    for f in fmt:
        if f == " ":
            pos = skip_ws(pos)
            continue
        if f == ":":
            if pos >= len(line) or line[pos] != ":":
                return items
            pos += 1
            continue
        if f == "[":
            start = pos
            while pos < len(line) and line[pos] in HEX and pos - start < 64:
                pos += 1
            new = pos if pos > start else None
        elif f in "Xp":
            new = number(pos, HEX, True)
        elif f in "du":
            new = number(pos, DEC, False)
        else:  # s
            p = skip_ws(pos)
            new = p
            while new < len(line) and line[new] not in WS:
                new += 1
            new = new if new > p else None
        if new is None:
            return items
        pos, items = new, items + 1
    return items


def fgets_chunks(line):
    """The pieces netstat's fgets(buf, 8192) returns for one line (newline included)."""
    text = line + "\n"
    return [text[i:i + 8191] for i in range(0, len(text), 8191)]


def undefined_in_reference(line, kind):
    """True when netstat 2.10 would print leftovers of the previous line for LINE."""
    for chunk in fgets_chunks(line):
        if kind == "unix":
            if scanf_items(chunk, UNIX_FORMAT) == 6:
                return True
        else:
            n = scanf_items(chunk, INET_FORMAT)
            if (11 if kind == "tcp" else 10) <= n <= 13:
                return True
    return False


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        r = self.rng
        # how hostile this tree is: a third of the trees are clean
        self.p_bad = r.choice([0.0, 0.0, 0.05, 0.15, 0.3])
        self.p_missing = r.choice([0.0, 0.1, 0.25])
        self.lowercase = r.random() < 0.2
        self.inodes = []  # socket inodes written so far, for the fd links of the processes

    def address(self, v6):
        r = self.rng
        if r.random() < 0.6:
            return r.choice(KNOWN_V6 if v6 else KNOWN_V4)
        if v6:
            return str(ipaddress.IPv6Address(
                (0x20010db8 << 96) | r.getrandbits(r.choice([16, 64, 96]))))
        return str(ipaddress.IPv4Address(r.getrandbits(32)))

    def port(self):
        r = self.rng
        return r.choice(KNOWN_PORTS) if r.random() < 0.6 else r.randint(0, 65535)

    def number(self, bits_choices):
        r = self.rng
        if r.random() < 0.5:
            return 0
        return r.getrandbits(r.choice(bits_choices))

    def inet_row(self, sl, v6, kind):
        r = self.rng
        hexa = v6hex if v6 else v4hex
        if kind == "tcp":
            state = r.choice([1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 11] + ([0, 12] if r.random() < 0.05 else []))
        else:
            state = r.choice([7, 7, 1, 10] + ([r.randint(0, 15)] if r.random() < 0.1 else []))
        remote_port = 0 if (state == 10 and r.random() < 0.8) else self.port()
        remote = ("::" if v6 else "0.0.0.0") if (state in (7, 10) and r.random() < 0.6) else self.address(v6)
        timer = r.choice([0, 0, 0, 1, 2, 3, 4] + ([r.randint(5, 255)] if r.random() < 0.1 else []))
        uid = r.choice(KNOWN_UIDS) if r.random() < 0.8 else r.getrandbits(31)
        inode = 0 if r.random() < 0.1 else r.getrandbits(r.choice([12, 20, 32, 40]))
        self.inodes.append(inode)
        row = "%4d: %s:%04X %s:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d" % (
            sl, hexa(self.address(v6)), self.port(), hexa(remote), remote_port, state,
            self.number([8, 20, 32]), self.number([8, 20, 32]), timer,
            self.number([8, 16, 24, 32]), self.number([4, 8]), uid, r.choice([0, 0, 1, 200]),
            inode)
        if kind == "tcp":
            row += " 1 0000000000000000 100 0 0 10 0"
        else:
            row += " 2 0000000000000000 %d" % r.choice([0, 0, 5])
        return row

    def unix_row(self):
        r = self.rng
        flags = r.choice([0, 0, 0x10000, 0x10000, 0x20000, 0x40000, 0x70000, 0x30000])
        sock_type = r.choice([1, 1, 2, 2, 5, 3, 4, 9])
        state = r.choice([1, 1, 3, 3, 2, 4, 0, 7])
        inode = r.getrandbits(r.choice([12, 24, 32, 40]))
        self.inodes.append(inode)
        row = "%016x: %08X %08X %08X %04X %02X %5d" % (
            r.getrandbits(64), r.choice([2, 3, 0x1F, r.getrandbits(16)]),
            0 if r.random() < 0.95 else 1, flags, sock_type, state, inode)
        path = r.choice([None, None, "/run/listen.sock", "@abstract-name", "@", "/tmp/connecting.sock",
                         "/run/systemd/journal/stdout", "@/tmp/.X11-unix/X0",
                         "/run/" + "x" * r.randint(50, 200), "/tmp/path with space",
                         "/tmp/\xe9t\xe9.sock"])
        if path is not None:
            row += " " + path
        return row

    def malformed(self, row, kind):
        """One hostile variant of a valid row, never one with undefined reference output."""
        for _ in range(20):
            line = self.mutate(row)
            if not undefined_in_reference(line, kind):
                return line
        return "garbage"

    def mutate(self, row):
        r = self.rng
        kind = r.choice(["garbage", "truncated", "empty", "long_tail", "long_head", "nul",
                         "missing_tail", "extra_space", "cut_token"])
        if kind == "garbage":
            return "".join(r.choice("abcXYZ019 :.-_\t") for _ in range(r.randint(1, 60)))
        if kind == "truncated":
            tokens = row.split()
            return " ".join(tokens[:r.randint(1, len(tokens) - 1)])
        if kind == "empty":
            return ""
        if kind == "long_tail":  # one row longer than netstat's 8192-byte fgets buffer
            return row + " " + "x" * r.randint(8192, 12000)
        if kind == "long_head":  # a buffer full of junk, then a valid row in the second chunk
            return "A" * r.choice([8190, 8191, 8192]) + row
        if kind == "nul":
            at = r.randint(0, len(row))
            return row[:at] + "\0" + row[at:]
        if kind == "missing_tail":  # fields after INODE dropped, or too few for a row
            tokens = row.split()
            return " ".join(tokens[:r.choice([10, 10, 7, 6, 5, 4])])
        if kind == "extra_space":
            return "  " + row.replace(" ", "\t", 1) + "   "
        at = r.randint(1, len(row) - 1)  # cut_token: a row cut in the middle of a field
        return row[:at]

    def table(self, header, make_row, kind):
        r = self.rng
        lines = [header.rstrip("\n")]
        for sl in range(r.choice([0, 1, 3, 8, 15, 25])):
            row = make_row(sl)
            if self.lowercase:
                row = row.lower()
            lines.append(self.malformed(row, kind) if r.random() < self.p_bad else row)
        text = "\n".join(lines) + "\n"
        if self.p_bad and r.random() < 0.2:
            text = text[:-1]  # no newline after the last line
        return text

    def tree(self, root):
        net = os.path.join(root, "proc", "net")
        os.makedirs(net, exist_ok=True)
        for name, v6, kind in INET_FILES:
            header = TCP_HDR if kind == "tcp" and not v6 else INET6_HDR if v6 else UDP_HDR
            text = self.table(header, lambda sl: self.inet_row(sl, v6, kind), kind)
            if self.rng.random() >= self.p_missing:
                write(os.path.join(net, name), text)
        text = self.table(UNIX_HDR, lambda sl: self.unix_row(), "unix")
        if self.rng.random() >= self.p_missing:
            write(os.path.join(net, "unix"), text)
        self.processes(os.path.join(root, "proc"))

    def processes(self, proc):
        """/proc/PID/{cmdline,fd/N} for -p: links to the tables' inodes (several holders per
        inode, so the first-in-/proc-order rule matters), odd link forms and odd cmdlines."""
        r = self.rng
        for _ in range(r.choice([0, 3, 10, 30])):
            pid = r.choice([r.randint(1, 99), r.randint(100, 40000), r.randint(40000, 4194304)])
            base = os.path.join(proc, str(pid))
            if os.path.exists(base):
                continue
            os.makedirs(os.path.join(base, "fd"))
            cmdline = r.choice([
                b"/usr/sbin/sshd\0-D\0", b"sshd: alice@pts/0\0\0\0", b"", b"/usr/bin/\0",
                b"relative/path/tool\0x\0", b"/opt/x/y z/prog with space\0",
                b"averyveryverylongprogramname\0--flag\0", b"/usr/lib/systemd/systemd-resolved\0",
                b"/bin/\xc3\xa9t\xc3\xa9-\xff\0", b"/a/" + b"b" * r.randint(500, 600) + b"\0",
                b"no-nul-terminator", b"/bin/tab\tname\0"])
            with open(os.path.join(base, "cmdline"), "wb") as f:
                f.write(cmdline)
            fd = -1
            for _ in range(r.choice([0, 1, 3, 6])):
                fd += r.choice([1, 1, 2, 7])
                inode = r.choice(self.inodes) if self.inodes and r.random() < 0.8 else r.getrandbits(20)
                target = r.choice(["socket:[%d]" % inode] * 6 + [
                    "[0000]:%d" % inode, "/dev/null", "pipe:[%d]" % inode, "anon_inode:[eventfd]",
                    "socket:[0%o]" % inode, "socket:[%d]" % (inode * 10**12)])
                os.symlink(target, os.path.join(base, "fd", str(fd)))
            if r.random() < 0.1:
                os.symlink("socket:[1]", os.path.join(base, "fd", "cwd"))  # not digit-led: ignored
        if r.random() < 0.3:
            os.makedirs(os.path.join(proc, "self", "fd"), exist_ok=True)  # non-numeric: ignored


def write(path, text):
    with open(path, "wb") as f:
        f.write(text.encode("latin-1"))


def generate(seed, root):
    """Writes the tree for SEED under ROOT/proc/net."""
    Gen(seed).tree(root)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: random_proc.py SEED DIR")
    generate(int(sys.argv[1]), sys.argv[2])
