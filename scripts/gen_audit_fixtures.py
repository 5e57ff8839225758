#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds the audit's fixture trees under tests/fixtures/audit/<scenario>/, laid out like a
netstat-audit-capture directory: proc/net/*, proc/PID/{status,comm,cmdline,exe,fd/N},
proc/sys/..., proc/self/status, sys/class/net/IF/flags, etc/passwd. exe and fd entries are
symlinks whose target TEXT is what readlink returns on the captured machine (never followed).

Each scenario is a stock Debian 12 server (sshd, systemd-resolved, chronyd, cupsd, dhclient,
postgres) plus the changes that plant one condition, or that keep a tricky case quiet.
Run from the repository root: python3 scripts/gen_audit_fixtures.py"""
import copy
import ipaddress
import os
import shutil
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "audit")

CAP_ALL = 0x000001FFFFFFFFFF
CAP_NET_BIND_SERVICE = 1 << 10
CAP_NET_RAW = 1 << 13
CAP_SYS_TIME = 1 << 25

PASSWD = """root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
systemd-resolve:x:101:103:systemd Resolver:/run/systemd:/usr/sbin/nologin
_chrony:x:102:105:Chrony daemon:/var/lib/chrony:/usr/sbin/nologin
postgres:x:105:110:PostgreSQL administrator:/var/lib/postgresql:/bin/bash
redis:x:106:111::/var/lib/redis:/usr/sbin/nologin
alice:x:1000:1000:Alice:/home/alice:/bin/bash
"""


# Debian 12's network sysctls: kernel defaults, plus systemd's 50-default.conf (rp_filter=2 on
# default and every interface, accept_source_route=0), on an 8 GiB machine.
DEBIAN12_SYSCTLS = {
    "net/core/somaxconn": "4096",
    "net/ipv4/tcp_max_tw_buckets": "131072",
    "net/ipv4/tcp_tw_reuse": "2",
    "net/ipv4/tcp_max_orphans": "131072",
    "net/ipv4/tcp_mem": "190761\t254350\t381522",
    "net/ipv4/tcp_syncookies": "1",
    "net/ipv4/ip_local_port_range": "32768\t60999",
    "net/ipv4/icmp_echo_ignore_broadcasts": "1",
    "net/ipv4/icmp_ignore_bogus_error_responses": "1",
    "net/ipv4/conf/all/accept_redirects": "1",
    "net/ipv4/conf/all/secure_redirects": "1",
    "net/ipv4/conf/all/accept_source_route": "0",
    "net/ipv4/conf/all/rp_filter": "0",
    "net/ipv4/conf/default/rp_filter": "2",
    "net/ipv4/conf/lo/rp_filter": "2",
    "net/ipv4/conf/eth0/rp_filter": "2",
    "net/ipv4/conf/all/log_martians": "0",
    "net/ipv4/conf/all/proxy_arp": "0",
    "net/ipv4/conf/lo/proxy_arp": "0",
    "net/ipv4/conf/eth0/proxy_arp": "0",
    "net/ipv6/conf/all/forwarding": "0",
    "net/ipv6/conf/all/accept_ra": "1",
    "net/ipv6/conf/default/accept_ra": "1",
    "net/ipv6/conf/all/accept_redirects": "1",
    "net/ipv6/conf/all/accept_source_route": "0",
}

TCP_FIELDS = ("RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails "
              "EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors").split()
UDP_FIELDS = ("InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors "
              "IgnoredMulti MemErrors").split()
TCPEXT_FIELDS = ("SyncookiesSent SyncookiesRecv SyncookiesFailed EmbryonicRsts PruneCalled "
                 "TW TWRecycled TWKilled ListenOverflows ListenDrops TCPTimeouts "
                 "TCPLostRetransmit TCPSynRetrans TCPTimeWaitOverflow TCPMemoryPressures "
                 "TCPOrphanQueued TCPAbortOnMemory").split()

# A week of a quiet server: 0.2 % retransmitted, a few listen overflows long ago, no errors.
DEBIAN12_HEALTH = dict(
    time_unix=None,
    uptime="604800.12 1180000.50",
    tcp=dict(RtoAlgorithm=1, RtoMin=200, RtoMax=120000, MaxConn=-1, ActiveOpens=81234,
             PassiveOpens=40321, AttemptFails=310, EstabResets=1220, CurrEstab=1,
             InSegs=9800000, OutSegs=10400000, RetransSegs=20800, InErrs=0, OutRsts=4100,
             InCsumErrors=0),
    udp=dict(InDatagrams=512000, NoPorts=310, InErrors=0, OutDatagrams=515000, RcvbufErrors=0,
             SndbufErrors=0, InCsumErrors=0, IgnoredMulti=2200, MemErrors=0),
    tcpext=dict(SyncookiesSent=0, SyncookiesRecv=0, SyncookiesFailed=0, EmbryonicRsts=2,
                PruneCalled=0, TW=60211, TWRecycled=0, TWKilled=0, ListenOverflows=3,
                ListenDrops=3, TCPTimeouts=1900, TCPLostRetransmit=40, TCPSynRetrans=620,
                TCPTimeWaitOverflow=0, TCPMemoryPressures=0, TCPOrphanQueued=0,
                TCPAbortOnMemory=0),
    # net/dev: rx bytes packets errs drop fifo frame compressed multicast, tx bytes packets errs
    # drop fifo colls carrier compressed
    dev={"lo": [52000000, 410000, 0, 0, 0, 0, 0, 0, 52000000, 410000, 0, 0, 0, 0, 0, 0],
         "eth0": [9100000000, 11000000, 0, 12, 0, 0, 0, 9000, 2900000000, 10800000, 0, 0, 0, 0,
                  0, 0]},
    softnet=[(5400000, 0, 12), (5300000, 0, 9)],
    sockstat=dict(inuse=9, orphan=0, tw=4, alloc=11, mem=3),
    file_nr="1408\t0\t9223372036854775807",
    file_max="9223372036854775807",
    conntrack=None,  # (count, max) when nf_conntrack is loaded
    nofile=(1024, 524288),  # every process's Max open files (soft, hard) unless it says
)


def hex4(addr):
    """The kernel's /proc/net address word: IPv4 one LE word, IPv6 four LE words."""
    ip = ipaddress.ip_address(addr)
    raw = ip.packed
    if ip.version == 4:
        return "%08X" % struct.unpack("<I", raw)[0]
    return "".join("%08X" % struct.unpack("<I", raw[i:i + 4])[0] for i in range(0, 16, 4))


def sock(proto, local, lport, remote="0.0.0.0", rport=0, st=None, uid=0, inode=0, txq=0, rxq=0):
    v6 = ":" in local
    if st is None:
        st = {"tcp": 0x0A, "udp": 0x07, "raw": 0x07}[proto]
    if v6 and remote == "0.0.0.0":
        remote = "::"
    return dict(proto=proto, v6=v6, local=local, lport=lport, remote=remote, rport=rport, st=st,
                uid=uid, inode=inode, txq=txq, rxq=rxq)


def proc(pid, comm, argv, exe, uid=0, ppid=1, cap=CAP_ALL, fds=None, nofile=None):
    """fds: {fd_number: inode or link text}; nofile: (soft, hard) Max open files."""
    return dict(pid=pid, comm=comm, argv=argv, exe=exe, uid=uid, ppid=ppid, cap=cap,
                fds=dict(fds or {}), nofile=nofile)


def base():
    """A stock Debian 12 server, as root: nothing at warning or above."""
    return dict(
        hostname="deb12", release="6.1.0-18-amd64",
        boot_id="4b1c2f8e-9d7a-4c3e-8f1b-2a6d5e7c9b01",
        self_uid=0,
        sysctls=dict({"net/ipv4/ip_unprivileged_port_start": "1024", "net/ipv6/bindv6only": "0",
                      "net/ipv4/ip_forward": "0"}, **DEBIAN12_SYSCTLS),
        health=copy.deepcopy(DEBIAN12_HEALTH),
        interfaces={"lo": "0x9", "eth0": "0x1003"},
        bridge_ports=[],
        routes=[("eth0", "0.0.0.0", "192.168.1.1", "0.0.0.0", 0x0003)],
        sockets=[
            sock("tcp", "0.0.0.0", 22, inode=20101),
            sock("tcp", "::", 22, inode=20102),
            sock("tcp", "127.0.0.53", 53, uid=101, inode=20201),
            sock("udp", "127.0.0.53", 53, uid=101, inode=20202),
            sock("udp", "127.0.0.1", 323, uid=0, inode=20301),
            sock("udp", "::1", 323, uid=0, inode=20302),
            sock("tcp", "127.0.0.1", 631, inode=20401),
            sock("tcp", "::1", 631, inode=20402),
            sock("udp", "0.0.0.0", 68, inode=20501),
            sock("tcp", "127.0.0.1", 5432, uid=105, inode=20601),
            sock("tcp", "::1", 5432, uid=105, inode=20602),
            sock("tcp", "192.168.1.20", 22, "192.168.1.5", 51234, st=0x01, inode=20103),
        ],
        packet=[dict(type=3, proto=0x0003, iface=2, uid=0, inode=20502)],
        procs=[
            proc(1, "systemd", ["/sbin/init"], "/usr/lib/systemd/systemd", ppid=0),
            proc(2, "kthreadd", [], None, ppid=0),
            proc(14, "kworker/0:1-events", [], None, ppid=2),
            proc(455, "systemd-resolve", ["/lib/systemd/systemd-resolved"],
                 "/usr/lib/systemd/systemd-resolved", uid=101,
                 cap=CAP_NET_BIND_SERVICE | (1 << 12) | CAP_NET_RAW,
                 fds={0: "/dev/null", 1: "socket:[19001]", 12: 20201, 13: 20202}),
            proc(520, "chronyd", ["/usr/sbin/chronyd", "-F", "1"], "/usr/sbin/chronyd",
                 uid=102, cap=CAP_NET_BIND_SERVICE | CAP_SYS_TIME, fds={5: 20301, 6: 20302}),
            proc(610, "cupsd", ["/usr/sbin/cupsd", "-l"], "/usr/sbin/cupsd",
                 fds={3: 20401, 4: 20402}),
            proc(700, "dhclient", ["/sbin/dhclient", "-4", "-v", "-i", "-pf",
                                   "/run/dhclient.eth0.pid", "eth0"], "/usr/sbin/dhclient",
                 fds={6: 20502, 7: 20501}),
            proc(812, "sshd", ["sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"],
                 "/usr/sbin/sshd", fds={3: 20101, 4: 20102}),
            proc(901, "postgres", ["/usr/lib/postgresql/15/bin/postgres", "-D",
                                   "/var/lib/postgresql/15/main"],
                 "/usr/lib/postgresql/15/bin/postgres", uid=105, cap=0, fds={6: 20601, 7: 20602}),
            proc(903, "postgres", ["postgres: 15/main: checkpointer "],
                 "/usr/lib/postgresql/15/bin/postgres", uid=105, ppid=901, cap=0),
            proc(1200, "sshd", ["sshd: alice [priv]"], "/usr/sbin/sshd", ppid=812,
                 fds={4: 20103}),
            proc(1210, "bash", ["-bash"], "/usr/bin/bash", uid=1000, ppid=1200, cap=0,
                 fds={0: "/dev/pts/0", 1: "/dev/pts/0", 2: "/dev/pts/0"}),
        ],
    )


def find(tree, pid):
    return next(p for p in tree["procs"] if p["pid"] == pid)


def scenario_definitions():
    s = {}
    s["clean"] = base()

    # A stock host restarted: new pids and inodes, same services.
    t = base()
    t["boot_id"] = "0d6f7e21-3c44-4a9b-b0f2-7e5d1c9a8f33"
    for sk in t["sockets"]:
        sk["inode"] += 100000
    for pk in t["packet"]:
        pk["inode"] += 100000
    for p in t["procs"]:
        p["fds"] = {fd: (v + 100000 if isinstance(v, int) else v) for fd, v in p["fds"].items()}
        if p["pid"] > 100:
            p["pid"] += 3000
            if p["ppid"] > 100:
                p["ppid"] += 3000
    s["clean_restarted"] = t

    # Everything at once: the runbook's memory-resident implant.
    t = base()
    t["sockets"].append(sock("tcp", "0.0.0.0", 4444, uid=33, inode=30001))
    t["procs"].append(proc(23117, "kworker/0:2", ["[kworker/0:2]"], "/dev/shm/.x (deleted)",
                           uid=33, cap=0, fds={0: "/dev/null", 3: 30001}))
    s["implant"] = t

    t = base()
    t["sockets"].append(sock("tcp", "192.168.1.20", 41822, "203.0.113.9", 443, st=0x01,
                             uid=1000, inode=30101))
    t["procs"].append(proc(4100, "agent", ["./agent", "--quiet"], "/home/alice/.cache/agent (deleted)",
                           uid=1000, cap=0, fds={3: 30101}))
    s["deleted_exe"] = t

    # Quiet: a deleted executable without network sockets (UNIX socket only).
    t = base()
    t["procs"].append(proc(4100, "agent", ["./agent"], "/home/alice/.cache/agent (deleted)",
                           uid=1000, cap=0, fds={3: "socket:[39999]"}))
    s["deleted_exe_quiet"] = t

    # A package upgrade replaced sshd: a warning, not a critical.
    t = base()
    find(t, 812)["exe"] = "/usr/sbin/sshd (deleted)"
    s["deleted_exe_upgrade"] = t

    t = base()
    t["sockets"].append(sock("tcp", "192.168.1.20", 41900, "203.0.113.9", 443, st=0x01,
                             uid=1000, inode=30201))
    t["procs"].append(proc(4200, "3", ["3"], "/memfd:  (deleted)", uid=1000, cap=0,
                           fds={5: 30201}))
    s["memfd"] = t

    t = base()
    t["procs"].append(proc(4200, "3", ["3"], "/memfd:  (deleted)", uid=1000, cap=0,
                           fds={5: "socket:[39998]"}))
    s["memfd_quiet"] = t

    t = base()
    t["sockets"].append(sock("udp", "0.0.0.0", 41555, uid=1000, inode=30301))
    t["procs"].append(proc(4300, "kdevtmpfsi", ["/tmp/kdevtmpfsi"], "/tmp/kdevtmpfsi",
                           uid=1000, cap=0, fds={4: 30301}))
    s["temp_exe"] = t

    # Quiet: a program under /opt/tmp (not a temporary directory) with a socket.
    t = base()
    t["sockets"].append(sock("tcp", "127.0.0.1", 9100, uid=1000, inode=30302))
    t["procs"].append(proc(4300, "exporter", ["/opt/tmp/exporter"], "/opt/tmp/exporter",
                           uid=1000, cap=0, fds={4: 30302}))
    s["temp_exe_quiet"] = t

    t = base()
    t["sockets"].append(sock("tcp", "192.168.1.20", 42001, "198.51.100.23", 8443, st=0x01,
                             uid=0, inode=30401))
    t["procs"].append(proc(4400, "kworker/1:1H", ["[kworker/1:1H]"], "/usr/bin/.syslogd",
                           fds={3: 30401}))
    s["kthread"] = t

    # Quiet: genuine kernel threads (no exe, PPid 2) — the base has them; add more.
    t = base()
    t["procs"].append(proc(15, "ksoftirqd/0", [], None, ppid=2))
    t["procs"].append(proc(16, "kworker/1:1H", [], None, ppid=2))
    s["kthread_quiet"] = t

    t = base()
    t["sockets"].append(sock("tcp", "192.168.1.20", 42100, "198.51.100.23", 3333, st=0x01,
                             uid=0, inode=30501))
    t["procs"].append(proc(4500, "sshd", ["sshd: root@pts/1"], "/usr/local/bin/xmrig",
                           fds={7: 30501}))
    s["name_mismatch"] = t

    # Quiet: interpreters with setproctitle names, versioned executables, nginx and postgres
    # titles, netcat through the alternatives system.
    t = base()
    t["sockets"] += [sock("tcp", "127.0.0.1", 8000, uid=33, inode=30601),
                     sock("tcp", "0.0.0.0", 80, inode=30602),
                     sock("tcp", "127.0.0.1", 9999, uid=1000, inode=30603),
                     sock("tcp", "127.0.0.1", 8080, uid=1000, inode=30604)]
    t["procs"] += [
        proc(4600, "gunicorn", ["gunicorn: master [app:wsgi]"], "/usr/bin/python3.11",
             uid=33, cap=0, fds={5: 30601}),
        proc(4610, "nginx", ["nginx: master process /usr/sbin/nginx -g daemon on;"],
             "/usr/sbin/nginx", fds={6: 30602}),
        proc(4611, "nginx", ["nginx: worker process"], "/usr/sbin/nginx", uid=33, ppid=4610,
             cap=0, fds={6: 30602}),
        proc(4620, "nc", ["nc", "-l", "127.0.0.1", "9999"], "/usr/bin/nc.openbsd", uid=1000,
             cap=0, fds={3: 30603}),
        proc(4630, "java", ["/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-jar", "app.jar"],
             "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", uid=1000, cap=0, fds={40: 30604}),
    ]
    s["name_mismatch_quiet"] = t

    t = base()
    t["sockets"].append(sock("tcp", "192.168.1.20", 43210, "203.0.113.50", 4444, st=0x01,
                             uid=33, inode=30701))
    t["procs"].append(proc(4700, "bash", ["bash", "-i"], "/usr/bin/bash", uid=33, cap=0,
                           fds={0: 30701, 1: 30701, 2: 30701}))
    s["reverse_shell"] = t

    t = base()
    t["sockets"].append(sock("tcp", "192.168.1.20", 43300, "198.51.100.7", 80, st=0x01,
                             uid=1000, inode=30801))
    t["procs"].append(proc(4800, "nc", ["nc", "198.51.100.7", "80"], "/usr/bin/nc.openbsd",
                           uid=1000, cap=0, fds={3: 30801}))
    s["netcat_out"] = t

    # Quiet: services whose stdout is the journal (a UNIX socket), an interactive shell.
    t = base()
    t["procs"].append(proc(4900, "bash", ["/bin/bash", "/usr/local/bin/backup.sh"],
                           "/usr/bin/bash", fds={0: "/dev/null", 1: "socket:[39990]",
                                                 2: "socket:[39990]"}))
    s["shell_quiet"] = t

    t = base()
    t["packet"].append(dict(type=3, proto=0x0003, iface=0, uid=0, inode=31001))
    t["procs"].append(proc(5000, "sniffd", ["/usr/local/sbin/sniffd"], "/usr/local/sbin/sniffd",
                           fds={3: 31001}))
    s["raw_socket"] = t

    # A DHCP client's name on a binary outside the system directories is not expected.
    t = base()
    t["packet"].append(dict(type=3, proto=0x0003, iface=2, uid=0, inode=31002))
    t["procs"].append(proc(5010, "dhclient", ["dhclient"], "/var/tmp/dhclient",
                           fds={3: 31002}))
    s["raw_socket_fake_dhcp"] = t

    t = base()
    t["interfaces"]["eth0"] = "0x1103"
    t["packet"].append(dict(type=3, proto=0x0003, iface=2, uid=0, inode=31101))
    t["procs"].append(proc(5100, "tcpdump", ["tcpdump", "-i", "eth0", "-w", "/tmp/x.pcap"],
                           "/usr/bin/tcpdump", uid=0, fds={3: 31101}))
    s["promisc"] = t

    t = base()
    t["interfaces"]["br0"] = "0x1003"
    t["interfaces"]["veth1a2b"] = "0x1103"
    t["bridge_ports"] = ["veth1a2b"]
    s["promisc_quiet"] = t

    t = base()
    t["sockets"].append(sock("udp", "0.0.0.0", 51820, inode=31201))
    s["unowned"] = t

    # Quiet for unowned-listener: the same socket, seen without root.
    t = base()
    t["self_uid"] = 1000
    t["sockets"].append(sock("udp", "0.0.0.0", 51820, inode=31201))
    s["unowned_partial"] = t

    t = base()
    t["sockets"].append(sock("tcp", "0.0.0.0", 80, uid=1000, inode=31301))
    t["sysctls"]["net/ipv4/ip_unprivileged_port_start"] = "1024"
    t["procs"].append(proc(5300, "webfsd", ["/usr/bin/webfsd", "-p", "80"], "/usr/bin/webfsd",
                           uid=1000, cap=0, fds={3: 31301}))
    s["privileged_port"] = t

    # Quiet: the same port with CAP_NET_BIND_SERVICE, and with the sysctl lowered to 80.
    t = copy.deepcopy(s["privileged_port"])
    find(t, 5300)["cap"] = CAP_NET_BIND_SERVICE
    s["privileged_port_cap"] = t
    t = copy.deepcopy(s["privileged_port"])
    t["sysctls"]["net/ipv4/ip_unprivileged_port_start"] = "80"
    s["privileged_port_sysctl"] = t

    # lighttpd binds port 80 as root, then runs as www-data with no root process left: by design.
    t = base()
    t["sockets"].append(sock("tcp", "0.0.0.0", 80, uid=0, inode=31310))
    t["procs"].append(proc(5310, "lighttpd", ["/usr/sbin/lighttpd", "-D", "-f",
                                               "/etc/lighttpd/lighttpd.conf"],
                           "/usr/sbin/lighttpd", uid=33, cap=0, fds={4: 31310}))
    s["privileged_port_drop"] = t

    t = base()
    t["sockets"].append(sock("tcp", "0.0.0.0", 6379, uid=106, inode=31401))
    t["sockets"].append(sock("tcp", "::", 6379, uid=106, inode=31402))
    t["procs"].append(proc(5400, "redis-server", ["/usr/bin/redis-server *:6379"],
                           "/usr/bin/redis-server", uid=106, cap=0, fds={6: 31401, 7: 31402}))
    s["sensitive"] = t

    t = base()
    t["sockets"].append(sock("tcp", "127.0.0.1", 6379, uid=106, inode=31401))
    t["sockets"].append(sock("tcp", "::1", 6379, uid=106, inode=31402))
    t["procs"].append(proc(5400, "redis-server", ["/usr/bin/redis-server 127.0.0.1:6379"],
                           "/usr/bin/redis-server", uid=106, cap=0, fds={6: 31401, 7: 31402}))
    s["sensitive_quiet"] = t

    # Quiet for listener-all-interfaces: everything on loopback.
    t = base()
    t["sockets"] = [k for k in t["sockets"] if k["inode"] not in (20101, 20102, 20501)]
    t["sockets"].append(sock("tcp", "127.0.0.1", 22, inode=20101))
    t["packet"] = []
    find(t, 700)["fds"] = {}
    s["loopback_only"] = t

    t = base()
    t["self_uid"] = 1000
    s["partial"] = t

    # A capture by netstat-audit-capture as uid 1000 that says so only in its MANIFEST.
    t = base()
    t["self_uid"] = None
    t["manifest"] = "format: netstat-audit-capture 1\nhost: deb12\ntime-unix: 1764590000\nuid: 1000\nroot: no (INCOMPLETE: other users' processes could not be read)\n"
    s["partial_manifest"] = t

    # Baseline scenarios (compared with tests/fixtures/audit/clean.baseline).
    t = base()
    t["sockets"].append(sock("tcp", "0.0.0.0", 8080, uid=33, inode=31501))
    t["procs"].append(proc(5500, "lighttpd", ["/usr/sbin/lighttpd", "-D"], "/usr/sbin/lighttpd",
                           uid=33, cap=0, fds={4: 31501}))
    s["baseline_new"] = t

    t = base()
    t["sockets"] = [k for k in t["sockets"] if k["inode"] not in (20401, 20402)]
    t["procs"] = [p for p in t["procs"] if p["pid"] != 610]
    t["routes"] = [("eth0", "0.0.0.0", "192.168.1.254", "0.0.0.0", 0x0003)]
    s["baseline_missing_route"] = t
    return s


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)


def status_text(p):
    uid = p["uid"]
    return ("Name:\t%s\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
            "PPid:\t%d\nTracerPid:\t0\nUid:\t%d\t%d\t%d\t%d\nGid:\t%d\t%d\t%d\t%d\n"
            "FDSize:\t64\nCapInh:\t0000000000000000\nCapPrm:\t%016x\nCapEff:\t%016x\n"
            "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n"
            % (p["comm"][:15], p["pid"], p["pid"], p["ppid"], uid, uid, uid, uid, uid, uid, uid,
               uid, p["cap"], p["cap"]))


def inet_table(rows, proto, v6):
    if v6:
        head = ("  sl  local_address                         remote_address                       "
                " st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n")
    else:
        head = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   "
                "uid  timeout inode\n")
    out = head
    for i, k in enumerate(r for r in rows if r["proto"] == proto and r["v6"] == v6):
        out += ("%4d: %s:%04X %s:%04X %02X %08X:%08X 00:00000000 00000000 %5d %8d %d 1 "
                "0000000000000000 100 0 0 10 0\n"
                % (i, hex4(k["local"]), k["lport"], hex4(k["remote"]), k["rport"], k["st"],
                   k.get("txq", 0), k.get("rxq", 0), k["uid"], 0, k["inode"]))
    return out


def counter_pairs(groups):
    out = ""
    for name, values in groups:
        out += name + ": " + " ".join(values) + "\n"
        out += name + ": " + " ".join(str(v) for v in values.values()) + "\n"
    return out


def limits_text(soft, hard):
    return ("Limit                     Soft Limit           Hard Limit           Units     \n"
            "Max cpu time              unlimited            unlimited            seconds   \n"
            "Max open files            %-20s %-20s files     \n"
            "Max processes             31522                31522                processes \n"
            % (soft, hard))


def write_health(pr, top, t):
    h = t["health"]
    write(os.path.join(pr, "uptime"), h["uptime"] + "\n")
    write(os.path.join(pr, "net/snmp"), counter_pairs([
        ("Ip", {"Forwarding": 2, "DefaultTTL": 64}),
        ("Tcp", {k: h["tcp"][k] for k in TCP_FIELDS}),
        ("Udp", {k: h["udp"][k] for k in UDP_FIELDS}),
        ("UdpLite", {k: 0 for k in UDP_FIELDS})]))
    write(os.path.join(pr, "net/netstat"), counter_pairs([
        ("TcpExt", {k: h["tcpext"][k] for k in TCPEXT_FIELDS}),
        ("IpExt", {"InNoRoutes": 0, "InTruncatedPkts": 0})]))
    ss = h["sockstat"]
    write(os.path.join(pr, "net/sockstat"),
          "sockets: used %d\nTCP: inuse %d orphan %d tw %d alloc %d mem %d\nUDP: inuse 4 mem 2\n"
          "UDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n"
          % (ss["alloc"] + 40, ss["inuse"], ss["orphan"], ss["tw"], ss["alloc"], ss["mem"]))
    write(os.path.join(pr, "net/softnet_stat"), "".join(
        "%08x %08x %08x 00000000 00000000 00000000 00000000 00000000 00000000 00000000 "
        "00000000 00000000 %08x 00000000 00000000\n" % (p, d, q, i)
        for i, (p, d, q) in enumerate(h["softnet"])))
    write(os.path.join(pr, "sys/fs/file-nr"), h["file_nr"] + "\n")
    write(os.path.join(pr, "sys/fs/file-max"), h["file_max"] + "\n")
    if h["conntrack"]:
        write(os.path.join(pr, "sys/net/netfilter/nf_conntrack_count"), "%d\n" % h["conntrack"][0])
        write(os.path.join(pr, "sys/net/netfilter/nf_conntrack_max"), "%d\n" % h["conntrack"][1])
    if h["time_unix"] is not None and "manifest" not in t:
        write(os.path.join(top, "MANIFEST"), "format: netstat-audit-capture 1\nhost: %s\n"
              "time-unix: %d\nuid: 0\nroot: yes\n" % (t["hostname"], h["time_unix"]))


def dev_text(t):
    dev = ("Inter-|   Receive                                                |  Transmit\n"
           " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets "
           "errs drop fifo colls carrier compressed\n")
    for iface in t["interfaces"]:
        v = t["health"]["dev"].get(iface, [0] * 16)
        dev += "%6s: %s\n" % (iface, " ".join(str(x) for x in v))
    return dev


def build(name, t, root=ROOT):
    top = os.path.join(root, name)
    shutil.rmtree(top, ignore_errors=True)
    pr = os.path.join(top, "proc")
    write(os.path.join(pr, "sys/kernel/hostname"), t["hostname"] + "\n")
    write(os.path.join(pr, "sys/kernel/osrelease"), t["release"] + "\n")
    write(os.path.join(pr, "sys/kernel/random/boot_id"), t["boot_id"] + "\n")
    for key, value in t["sysctls"].items():
        write(os.path.join(pr, "sys", key), value + "\n")
    if t["self_uid"] is not None:
        write(os.path.join(pr, "self/status"),
              status_text(dict(comm="cat", pid=999999, ppid=1, uid=t["self_uid"],
                               cap=CAP_ALL if t["self_uid"] == 0 else 0)))
        write(os.path.join(pr, "self/mountinfo"),
              "22 28 0:20 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n")
    if "manifest" in t:
        write(os.path.join(top, "MANIFEST"), t["manifest"])
    for proto in ("tcp", "udp", "raw"):
        write(os.path.join(pr, "net", proto), inet_table(t["sockets"], proto, False))
        write(os.path.join(pr, "net", proto + "6"), inet_table(t["sockets"], proto, True))
    packet = "sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n"
    for i, k in enumerate(t["packet"]):
        packet += "ffff8f0c4a1e%04x 3      %-4d %04x   %-5d 1 0      %-6d %d\n" % (
            i * 0x800, k["type"], k["proto"], k["iface"], k["uid"], k["inode"])
    write(os.path.join(pr, "net/packet"), packet)
    route = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
    for r in t["routes"]:  # (dev, destination, gateway, mask, flags[, metric])
        dev, dest, gw, mask, flags = r[:5]
        metric = r[5] if len(r) > 5 else 100
        route += "%s\t%s\t%s\t%04X\t0\t0\t%d\t%s\t0\t0\t0\n" % (dev, hex4(dest), hex4(gw),
                                                               flags, metric, hex4(mask))
    route += "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n"
    write(os.path.join(pr, "net/route"), route)
    write(os.path.join(pr, "net/ipv6_route"), "")
    write(os.path.join(pr, "net/dev"), dev_text(t))
    write_health(pr, top, t)
    for iface, flags in t["interfaces"].items():
        write(os.path.join(top, "sys/class/net", iface, "flags"), flags + "\n")
        if iface in t["bridge_ports"]:
            write(os.path.join(top, "sys/class/net", iface, "brport/state"), "3\n")
    write(os.path.join(top, "etc/passwd"), PASSWD)
    for p in t["procs"]:
        d = os.path.join(pr, str(p["pid"]))
        write(os.path.join(d, "status"), status_text(p))
        write(os.path.join(d, "comm"), p["comm"][:15] + "\n")
        write(os.path.join(d, "cmdline"), "".join(a + "\0" for a in p["argv"]))
        if p["exe"] is not None:
            write(os.path.join(d, "limits"), limits_text(*(p.get("nofile") or t["health"]["nofile"])))
        os.makedirs(os.path.join(d, "fd"), exist_ok=True)
        if p["exe"] is not None:
            os.symlink(p["exe"], os.path.join(d, "exe"))
        for fd, target in sorted(p["fds"].items()):
            text = "socket:[%d]" % target if isinstance(target, int) else target
            os.symlink(text, os.path.join(d, "fd", str(fd)))


def main():
    for name, tree in scenario_definitions().items():
        build(name, tree)


if __name__ == "__main__":
    main()
