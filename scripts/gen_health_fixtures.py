#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds the health checks' before/after fixture pairs under tests/fixtures/health/<case>/:
before/ (or the shared tests/fixtures/health/before) and after/ are netstat-audit-capture
directories of the stock Debian 12 server of
gen_audit_fixtures.py, taken 10 s apart (MANIFEST time-unix), with one condition planted in
after/ (a triggering case) or a near miss (a quiet case). before/ holds only what the earlier
sample reads (counters, sockets, sysctls), after/ the whole server.

tests/fixtures/health/expected lists "CASE CHECK SEVERITY" per case, SEVERITY "quiet" when
CHECK must not fire (CHECK "ALL": no check may fire); tests/audit/run_health_pairs.sh runs
  netstat-audit audit --proc-root CASE/after --compare-to CASE/before --only CHECK --json
Run from the repository root: python3 scripts/gen_health_fixtures.py"""
import copy
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_audit_fixtures as g  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                    "health")
T0 = 1764590000
BOOT2 = "0d6f7e21-3c44-4a9b-b0f2-7e5d1c9a8f33"


def pair():
    """A before tree and the after tree 10 s later with ordinary traffic in between."""
    before = g.base()
    before["health"]["time_unix"] = T0
    after = copy.deepcopy(before)
    h = after["health"]
    h["time_unix"] = T0 + 10
    h["tcp"]["InSegs"] += 48000
    h["tcp"]["OutSegs"] += 50000
    h["tcp"]["RetransSegs"] += 25  # 0.05 %
    h["udp"]["InDatagrams"] += 900
    h["udp"]["OutDatagrams"] += 910
    eth0 = h["dev"]["eth0"]
    eth0[1] += 60000
    eth0[9] += 52000
    h["softnet"] = [(p + 30000, d, q) for p, d, q in h["softnet"]]
    return before, after


def tcp_rows(count, state, local, lport_base, remote, rport, inode_base, uid=0, same_lport=False):
    return [g.sock("tcp", local, lport_base if same_lport else lport_base + i, remote,
                   rport if rport else 40000 + i, st=state, uid=uid, inode=inode_base + i)
            for i in range(count)]


def cases():
    c = {}

    def case(name, check, severity, edit, procs=False):
        """procs: keep the server's processes in after/ (checks that name owners)."""
        before, after = pair()
        edit(before, after)
        if not procs:
            after["procs"] = [p for p in after["procs"] if p["pid"] == 1]
        c[name] = (check, severity, before, after)

    # The stock server with ordinary traffic: every check stays quiet (ALL in `expected`).
    case("stock", "ALL", "quiet", lambda before, after: None, procs=True)

    # --- tcp-retransmission-rate ---
    def retrans(percent, segments=50000):
        def edit(before, after):
            bt, at = before["health"]["tcp"], after["health"]["tcp"]
            at["OutSegs"] = bt["OutSegs"] + segments
            at["RetransSegs"] = bt["RetransSegs"] + int(segments * percent / 100)
            after["health"]["tcpext"]["TCPTimeouts"] += 40
        return edit
    case("retrans_quiet", "tcp-retransmission-rate", "quiet", retrans(0.8))
    case("retrans_warning", "tcp-retransmission-rate", "warning", retrans(2))
    case("retrans_critical", "tcp-retransmission-rate", "critical", retrans(8))
    case("retrans_few_segments", "tcp-retransmission-rate", "quiet", retrans(50, segments=40))

    def backwards(before, after):  # a counter that went backwards: a reset, never a rate
        after["health"]["tcp"]["OutSegs"] = 1000
        after["health"]["tcp"]["RetransSegs"] = 900
    case("retrans_counter_reset", "tcp-retransmission-rate", "quiet", backwards)

    def reboot(before, after):  # rebooted in between: totals since the new boot are judged
        after["boot_id"] = BOOT2
        after["health"]["uptime"] = "5.20 9.00"
        after["health"]["tcp"].update(OutSegs=4000, RetransSegs=3, InSegs=3900)
    case("retrans_reboot", "tcp-retransmission-rate", "quiet", reboot)

    def reboot_lossy(before, after):
        reboot(before, after)
        after["health"]["tcp"]["RetransSegs"] = 400  # 10 % since the new boot
    case("retrans_reboot_lossy", "tcp-retransmission-rate", "critical", reboot_lossy)

    # --- interface-errors ---
    def iface(errs, frame, colls):
        def edit(before, after):
            eth0 = after["health"]["dev"]["eth0"]
            eth0[2] += errs
            eth0[5] += frame
            eth0[13] += colls
        return edit
    case("iface_quiet", "interface-errors", "quiet", iface(20, 20, 0))
    case("iface_duplex_mismatch", "interface-errors", "warning", iface(300, 250, 200))

    # --- time-wait-pressure ---
    def tw(count, overflow=0):
        def edit(before, after):
            after["health"]["sockstat"]["tw"] = count
            after["health"]["tcpext"]["TCPTimeWaitOverflow"] += overflow
        return edit
    case("time_wait_quiet", "time-wait-pressure", "quiet", tw(20000))
    case("time_wait_near_limit", "time-wait-pressure", "warning", tw(120000))
    case("time_wait_overflow", "time-wait-pressure", "warning", tw(60000, overflow=35))

    # --- close-wait-buildup: a Java service that never closes ---
    def close_wait(count):
        def edit(before, after):
            rows = tcp_rows(count, 0x08, "192.168.1.20", 8080, "192.168.1.50", 0, 40000, uid=1000,
                            same_lport=True)
            after["sockets"] += rows
            after["sockets"].append(g.sock("tcp", "0.0.0.0", 8080, uid=1000, inode=39999))
            fds = {10 + i: 40000 + i for i in range(count)}
            fds[9] = 39999
            after["procs"].append(g.proc(6100, "java", ["/usr/bin/java", "-jar", "svc.jar"],
                                         "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
                                         uid=1000, cap=0, fds=fds))
        return edit
    case("close_wait_quiet", "close-wait-buildup", "quiet", close_wait(6), procs=True)
    case("close_wait_leak", "close-wait-buildup", "warning", close_wait(40), procs=True)

    # --- listen-queue-overflow ---
    def overflow(count):
        def edit(before, after):
            after["health"]["tcpext"]["ListenOverflows"] += count
            after["health"]["tcpext"]["ListenDrops"] += count
        return edit
    case("listen_overflow", "listen-queue-overflow", "warning", overflow(120))

    # --- syn-flood ---
    def syn(count, cookies=0):
        def edit(before, after):
            after["sockets"] += [g.sock("tcp", "192.168.1.20", 443, "203.0.113.%d" % (i % 250 + 1),
                                        20000 + i, st=0x03, inode=0) for i in range(count)]
            after["health"]["tcpext"]["SyncookiesSent"] += cookies
        return edit
    case("syn_flood_quiet", "syn-flood", "quiet", syn(12))
    case("syn_flood_half_open", "syn-flood", "warning", syn(300))
    case("syn_flood_cookies", "syn-flood", "warning", syn(20, cookies=800))

    # --- ephemeral-port-exhaustion: a narrow port range, one database peer ---
    def ephemeral(count):
        def edit(before, after):
            after["sysctls"]["net/ipv4/ip_local_port_range"] = "60000\t60999"
            after["sockets"] += tcp_rows(count, 0x06, "192.168.1.20", 60000, "192.168.1.40", 5432,
                                         0)
        return edit
    case("ephemeral_quiet", "ephemeral-port-exhaustion", "quiet", ephemeral(150))
    case("ephemeral_exhausted", "ephemeral-port-exhaustion", "warning", ephemeral(620))

    # --- tcp-errors, udp-buffer-errors ---
    def tcp_err(csum):
        def edit(before, after):
            after["health"]["tcp"]["InCsumErrors"] += csum
            after["health"]["tcp"]["InErrs"] += csum
        return edit
    case("tcp_errors_checksum", "tcp-errors", "warning", tcp_err(40))

    def udp_err(rcvbuf, softnet):
        def edit(before, after):
            after["health"]["udp"]["RcvbufErrors"] += rcvbuf
            p, d, q = after["health"]["softnet"][0]
            after["health"]["softnet"][0] = (p, d + softnet, q + softnet)
        return edit
    case("udp_buffer_rcvbuf", "udp-buffer-errors", "warning", udp_err(900, 0))
    case("udp_buffer_softnet", "udp-buffer-errors", "warning", udp_err(0, 55))

    # --- orphan-sockets, tcp-memory-pressure ---
    def sockstat(**values):
        def edit(before, after):
            after["health"]["sockstat"].update(values)
        return edit
    case("orphans_quiet", "orphan-sockets", "quiet", sockstat(orphan=300))
    case("orphans_many", "orphan-sockets", "warning", sockstat(orphan=70000))
    case("tcp_memory_quiet", "tcp-memory-pressure", "quiet", sockstat(mem=90000))
    case("tcp_memory_pressure", "tcp-memory-pressure", "warning", sockstat(mem=260000))
    case("tcp_memory_exhausted", "tcp-memory-pressure", "critical", sockstat(mem=390000))

    # --- conntrack-table-full ---
    def conntrack(count):
        def edit(before, after):
            after["health"]["conntrack"] = (count, 262144)
        return edit
    case("conntrack_quiet", "conntrack-table-full", "quiet", conntrack(15000))
    case("conntrack_full", "conntrack-table-full", "warning", conntrack(240000))

    # --- fd-exhaustion: a process at its ulimit -n, and the whole system ---
    def fd_process(count):
        def edit(before, after):
            fds = {3 + i: "/var/lib/app/seg.%d" % i for i in range(count)}
            after["procs"].append(g.proc(6200, "app", ["/usr/local/bin/app"], "/usr/local/bin/app",
                                         uid=1000, cap=0, fds=fds, nofile=(64, 4096)))
        return edit
    case("fd_quiet", "fd-exhaustion", "quiet", fd_process(20), procs=True)
    case("fd_process_at_limit", "fd-exhaustion", "warning", fd_process(60), procs=True)

    def fd_system(before, after):
        after["health"]["file_nr"] = "950000\t0\t1000000"
        after["health"]["file_max"] = "1000000"
    case("fd_system_at_limit", "fd-exhaustion", "warning", fd_system)

    # --- stuck-queue: a Recv-Q full in both samples, or only in the later one ---
    def stuck(before_rxq):
        def edit(before, after):
            for tree, rxq in ((before, before_rxq), (after, 200000)):
                tree["sockets"].append(g.sock("tcp", "192.168.1.20", 5432, "192.168.1.60", 51000,
                                              st=0x01, uid=105, inode=41001, rxq=rxq))
            find = next(p for p in after["procs"] if p["pid"] == 901)
            find["fds"][20] = 41001
        return edit
    case("stuck_queue_quiet", "stuck-queue", "quiet", stuck(0), procs=True)
    case("stuck_queue_recv", "stuck-queue", "warning", stuck(180000), procs=True)

    # --- routing ---
    def routes(table):
        def edit(before, after):
            after["routes"] = table
        return edit
    case("no_default_route", "no-default-route", "warning", routes([]))
    case("multiple_default_routes_failover", "multiple-default-routes", "quiet", routes([
        ("eth0", "0.0.0.0", "192.168.1.1", "0.0.0.0", 0x0003),
        ("eth0", "0.0.0.0", "192.168.1.254", "0.0.0.0", 0x0003, 600)]))
    case("multiple_default_routes", "multiple-default-routes", "warning", routes([
        ("eth0", "0.0.0.0", "192.168.1.1", "0.0.0.0", 0x0003),
        ("eth0", "0.0.0.0", "192.168.1.254", "0.0.0.0", 0x0003)]))
    case("gateway_unreachable", "gateway-unreachable", "warning", routes([
        ("eth0", "0.0.0.0", "10.9.9.1", "0.0.0.0", 0x0003)]))

    def forwarding(before, after):
        after["sysctls"]["net/ipv4/ip_forward"] = "1"
        after["sysctls"]["net/ipv4/conf/all/log_martians"] = "1"
    case("ip_forwarding", "ip-forwarding-enabled", "info", forwarding)

    # --- sysctl-hardening: stock Debian is quiet; each deviation fires ---
    def sysctl(**values):
        def edit(before, after):
            for key, value in values.items():
                after["sysctls"][key.replace("__", "/")] = value
        return edit
    case("sysctl_router_logs_martians", "sysctl-hardening", "quiet", forwarding)
    case("sysctl_rp_filter_off", "sysctl-hardening", "warning",
         sysctl(net__ipv4__conf__eth0__rp_filter="0", net__ipv4__conf__default__rp_filter="0"))
    case("sysctl_syncookies_off", "sysctl-hardening", "warning",
         sysctl(net__ipv4__tcp_syncookies="0"))
    case("sysctl_insecure_redirects", "sysctl-hardening", "warning",
         sysctl(net__ipv4__conf__all__secure_redirects="0"))
    case("sysctl_proxy_arp", "sysctl-hardening", "warning",
         sysctl(net__ipv4__conf__eth0__proxy_arp="1"))
    case("sysctl_source_route", "sysctl-hardening", "warning",
         sysctl(net__ipv4__conf__all__accept_source_route="1"))
    case("sysctl_router_no_martians", "sysctl-hardening", "warning",
         sysctl(net__ipv4__ip_forward="1"))
    case("sysctl_static_ipv6_redirects", "sysctl-hardening", "warning",
         sysctl(net__ipv6__conf__all__accept_ra="0", net__ipv6__conf__default__accept_ra="0"))
    return c


def strip_to_counters(tree):
    """The earlier sample reads counters, sockets and sysctls only."""
    tree["procs"] = []
    return tree


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    os.makedirs(ROOT)
    # The earlier capture most cases share: tests/fixtures/health/before.
    shared = strip_to_counters(pair()[0])
    g.build("before", shared, root=ROOT)
    lines = []
    for name, (check, severity, before, after) in sorted(cases().items()):
        top = os.path.join(ROOT, name)
        if strip_to_counters(before) != shared:
            g.build("before", before, root=top)
        g.build("after", after, root=top)
        lines.append("%s %s %s\n" % (name, check, severity))
    with open(os.path.join(ROOT, "expected"), "w") as f:
        f.write("# CASE CHECK SEVERITY (quiet: the check must not fire); gen_health_fixtures.py\n")
        f.writelines(lines)


if __name__ == "__main__":
    main()
