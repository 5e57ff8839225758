// SPDX-License-Identifier: MIT
// Health, capacity and routing checks: rates from two samples (or totals since boot, said so in
// the evidence), gauges against their kernel limits, the default routes.
#include "netstat_audit/audit/health_rules.hpp"

#include "netstat_audit/model/route.hpp"
#include "netstat_audit/model/socket_filter.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace netstat_audit {

namespace {

Subject protocol_subject(std::string protocol) {
    Subject subject;
    subject.protocol = std::move(protocol);
    return subject;
}

Subject sysctl_subject(std::string name) {
    Subject subject;
    subject.sysctl = std::move(name);
    return subject;
}

std::string percent_text(double percent) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, percent < 0.1 ? "%.3f %%" : "%.2f %%", percent);
    return buffer;
}

std::string number_text(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

std::uint64_t ok_value(const CounterDelta& d) {
    return d.status == DeltaStatus::ok ? d.value : 0;
}

// An "it increased" finding judged on totals since boot says so and is only info: the event
// may be months old.
void judge_increase_basis(const HealthInputs& h, Finding& f) {
    f.evidence += " " + h.basis_text();
    if (h.since_boot()) {
        f.severity = Severity::info;
        f.evidence += "; judged totals since boot, so it may be long past: run with --interval "
                      "SECONDS or --state FILE to see whether it still happens";
    }
}

std::optional<std::uint64_t> sysctl_number(const Snapshot& s, const std::string& name) {
    auto it = s.sysctls.find(name);
    if (it == s.sysctls.end())
        return std::nullopt;
    return parse_decimal(it->second);
}

// The whitespace-separated numbers of a multi-value sysctl (tcp_mem, ip_local_port_range).
std::vector<std::uint64_t> sysctl_numbers(const Snapshot& s, const std::string& name) {
    std::vector<std::uint64_t> values;
    auto it = s.sysctls.find(name);
    if (it == s.sysctls.end())
        return values;
    std::string_view text = it->second;
    while (!text.empty()) {
        const std::size_t start = text.find_first_not_of(" \t");
        if (start == text.npos)
            break;
        text.remove_prefix(start);
        const std::size_t end = std::min(text.find_first_of(" \t"), text.size());
        if (auto v = parse_decimal(text.substr(0, end)))
            values.push_back(*v);
        text.remove_prefix(end);
    }
    return values;
}

std::optional<std::int64_t> sockstat_value(const HealthSample& s, std::string_view label,
                                           std::string_view key) {
    for (const SockstatLine& line : s.sockstat)
        if (line.label == label)
            for (const auto& [name, value] : line.values)
                if (name == key)
                    return value;
    return std::nullopt;
}

// Every TCP row with its family label.
template <typename Visit> void for_each_tcp(const Snapshot& s, Visit visit) {
    for (const FileTable<InetSocket>& table : s.sockets.tcp)
        for (const InetSocket& row : table.parsed.rows)
            visit(row, table.version == IpVersion::v6 ? "tcp6" : "tcp");
}

std::string socket_text(std::string_view protocol, const Endpoint& local, const Endpoint& remote) {
    return std::string(protocol) + " " + endpoint_text(local.address, local.port) + " -> " +
           endpoint_text(remote.address, remote.port);
}

Subject socket_subject(const AuditContext& c, std::string_view protocol, const Endpoint& local,
                       std::uint64_t inode) {
    Subject subject;
    subject.protocol = std::string(protocol);
    subject.address = address_text(local.address);
    subject.port = local.port;
    if (const ProcessInfo* owner = c.facts.first_holder(inode)) {
        subject.pid = owner->pid;
        subject.program = owner->comm;
        if (owner->exe)
            subject.exe = *owner->exe;
        if (!owner->user.empty())
            subject.user = owner->user;
    }
    return subject;
}

std::string owner_of(const AuditContext& c, std::uint64_t inode) {
    const ProcessInfo* owner = c.facts.first_holder(inode);
    return owner ? owner->comm + " (pid " + std::to_string(owner->pid) + ")" : "no known process";
}

} // namespace

// --- rates -----------------------------------------------------------------------------------

void check_tcp_retransmission_rate(const AuditContext& c, const Rule& rule,
                                   std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthInputs& h = *c.health;
    const CounterDelta sent = h.delta("Tcp", "OutSegs");
    const CounterDelta resent = h.delta("Tcp", "RetransSegs");
    const std::optional<double> ratio = delta_ratio(resent, sent);
    if (!ratio ||
        static_cast<double>(sent.value) < h.thresholds["tcp-retransmission-rate.min-segments"])
        return; // a reset, a missing counter or too few segments to judge
    const double percent = *ratio * 100;
    const double warning = h.thresholds["tcp-retransmission-rate.warning-percent"];
    const double critical = h.thresholds["tcp-retransmission-rate.critical-percent"];
    if (percent <= warning)
        return;
    Finding f = make_finding(
        rule, {},
        "RetransSegs " + h.change_text(resent) + " of OutSegs " + h.change_text(sent) + " = " +
            percent_text(percent) + " " + h.basis_text() + " (warning above " +
            number_text(warning) + " %, critical above " + number_text(critical) +
            " %); TCPTimeouts " + h.change_text(h.delta("TcpExt", "TCPTimeouts")) +
            ", TCPSynRetrans " + h.change_text(h.delta("TcpExt", "TCPSynRetrans")) +
            ", TCPLostRetransmit " + h.change_text(h.delta("TcpExt", "TCPLostRetransmit")));
    if (percent > critical)
        f.severity = Severity::critical;
    out.push_back(std::move(f));
}

void check_interface_errors(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthInputs& h = *c.health;
    for (const CounterGroup& group : h.now->counters) {
        if (!group.name.starts_with("dev:") || group.name == "dev:lo")
            continue;
        auto d = [&](std::string_view name) { return h.delta(group, name); };
        const CounterDelta rx = d("rx_packets"), tx = d("tx_packets");
        if (rx.status != DeltaStatus::ok || tx.status != DeltaStatus::ok)
            continue; // a reset (driver reload) is no rate
        const std::uint64_t packets = rx.value + tx.value;
        const std::uint64_t bad = ok_value(d("rx_errs")) + ok_value(d("rx_drop")) +
                                  ok_value(d("tx_errs")) + ok_value(d("tx_drop"));
        if (packets == 0 ||
            static_cast<double>(packets) < h.thresholds["interface-errors.min-packets"])
            continue;
        const double percent = 100.0 * static_cast<double>(bad) / static_cast<double>(packets);
        if (percent <= h.thresholds["interface-errors.warning-percent"])
            continue;
        const std::string name = group.name.substr(4);
        Subject subject;
        subject.interface = name;
        out.push_back(make_finding(
            rule, std::move(subject),
            name + ": " + std::to_string(bad) + " errors and drops in " + std::to_string(packets) +
                " packets = " + percent_text(percent) + " " + h.basis_text() + " (warning above " +
                number_text(h.thresholds["interface-errors.warning-percent"]) + " %); rx errs " +
                h.change_text(d("rx_errs")) + " drop " + h.change_text(d("rx_drop")) + " fifo " +
                h.change_text(d("rx_fifo")) + " frame " + h.change_text(d("rx_frame")) +
                ", tx errs " + h.change_text(d("tx_errs")) + " drop " +
                h.change_text(d("tx_drop")) + " fifo " + h.change_text(d("tx_fifo")) + " carrier " +
                h.change_text(d("tx_carrier")) + " colls " + h.change_text(d("tx_colls")) +
                (ok_value(d("tx_colls")) + ok_value(d("rx_frame")) > 0
                     ? " — collisions and frame errors together point at a duplex mismatch"
                     : "")));
    }
}

void check_tcp_errors(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthInputs& h = *c.health;
    const CounterDelta errors = h.delta("Tcp", "InErrs"), csum = h.delta("Tcp", "InCsumErrors");
    const std::uint64_t total = ok_value(errors) + ok_value(csum);
    if (total == 0 || static_cast<double>(total) < h.thresholds["tcp-errors.min-count"])
        return;
    Finding f = make_finding(rule, protocol_subject("tcp"),
                             "Tcp InErrs " + h.change_text(errors) + ", InCsumErrors " +
                                 h.change_text(csum) + ", InSegs " +
                                 h.change_text(h.delta("Tcp", "InSegs")));
    judge_increase_basis(h, f);
    out.push_back(std::move(f));
}

void check_udp_buffer_errors(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthInputs& h = *c.health;
    const CounterDelta rcvbuf = h.delta("Udp", "RcvbufErrors"),
                       sndbuf = h.delta("Udp", "SndbufErrors"),
                       csum = h.delta("Udp", "InCsumErrors"),
                       softnet = h.delta("Softnet", "dropped");
    const std::uint64_t total =
        ok_value(rcvbuf) + ok_value(sndbuf) + ok_value(csum) + ok_value(softnet);
    if (total == 0 || static_cast<double>(total) < h.thresholds["udp-buffer-errors.min-count"])
        return;
    Finding f =
        make_finding(rule, protocol_subject("udp"),
                     "Udp RcvbufErrors " + h.change_text(rcvbuf) + ", SndbufErrors " +
                         h.change_text(sndbuf) + ", InCsumErrors " + h.change_text(csum) +
                         ", softnet backlog drops " + h.change_text(softnet) + " (time_squeeze " +
                         h.change_text(h.delta("Softnet", "time_squeeze")) + ")");
    judge_increase_basis(h, f);
    out.push_back(std::move(f));
}

void check_listen_queue_overflow(const AuditContext& c, const Rule& rule,
                                 std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthInputs& h = *c.health;
    const CounterDelta overflows = h.delta("TcpExt", "ListenOverflows"),
                       drops = h.delta("TcpExt", "ListenDrops");
    // The accept queue of a listener is its Recv-Q; it never exceeds the backlog, which
    // net.core.somaxconn caps: a Recv-Q at somaxconn is a full queue whatever the backlog.
    const std::uint64_t somaxconn = sysctl_number(c.snapshot, "net/core/somaxconn").value_or(4096);
    std::string full;
    std::string waiting;
    for_each_tcp(c.snapshot, [&](const InetSocket& s, std::string_view protocol) {
        if (s.state != tcp_state::k_listen || s.rx_queue_bytes == 0)
            return;
        std::string text = std::string(protocol) + " " +
                           endpoint_text(s.local.address, s.local.port) + " " +
                           owner_of(c, s.inode) + " Recv-Q " + std::to_string(s.rx_queue_bytes);
        (s.rx_queue_bytes >= somaxconn ? full : waiting) += (text + "; ");
    });
    if (ok_value(overflows) + ok_value(drops) == 0 && full.empty())
        return;
    Finding f = make_finding(rule, protocol_subject("tcp"),
                             "TcpExt ListenOverflows " + h.change_text(overflows) +
                                 ", ListenDrops " + h.change_text(drops));
    judge_increase_basis(h, f);
    if (!full.empty())
        f.severity = rule.severity; // a queue full now is current whatever the counters say
    if (!full.empty())
        f.evidence += "; accept queue at net.core.somaxconn=" + std::to_string(somaxconn) + ": " +
                      full.substr(0, full.size() - 2);
    if (!waiting.empty())
        f.evidence +=
            "; connections waiting to be accepted: " + waiting.substr(0, waiting.size() - 2);
    out.push_back(std::move(f));
}

void check_syn_flood(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthInputs& h = *c.health;
    std::size_t syn_recv = 0;
    std::map<std::uint16_t, std::size_t> by_port;
    for_each_tcp(c.snapshot, [&](const InetSocket& s, std::string_view) {
        if (s.state == tcp_state::k_syn_recv) {
            ++syn_recv;
            ++by_port[s.local.port];
        }
    });
    const CounterDelta cookies = h.delta("TcpExt", "SyncookiesSent");
    const double limit = h.thresholds["syn-flood.syn-recv"];
    const bool many = static_cast<double>(syn_recv) >= limit;
    if (!many && ok_value(cookies) == 0)
        return;
    std::string ports;
    for (const auto& [port, count] : by_port)
        ports += (ports.empty() ? "" : ", ") + std::to_string(count) + " on port " +
                 std::to_string(port);
    Finding f = make_finding(rule, protocol_subject("tcp"),
                             std::to_string(syn_recv) + " SYN_RECV sockets now (threshold " +
                                 number_text(limit) + ")" + (ports.empty() ? "" : ": " + ports) +
                                 "; TcpExt SyncookiesSent " + h.change_text(cookies) +
                                 ", SyncookiesFailed " +
                                 h.change_text(h.delta("TcpExt", "SyncookiesFailed")));
    judge_increase_basis(h, f);
    if (many)
        f.severity = rule.severity; // half-open sockets now are current
    out.push_back(std::move(f));
}

// --- gauges ----------------------------------------------------------------------------------

std::string_view tw_reuse_meaning(std::string_view value) {
    if (value == "0")
        return "TIME_WAIT sockets are never reused for new outgoing connections";
    if (value == "1")
        return "outgoing connections may reuse TIME_WAIT ports when timestamps make it safe";
    if (value == "2")
        return "reuse only for loopback connections (the kernel default)";
    return "an unknown mode";
}

void check_time_wait_pressure(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthInputs& h = *c.health;
    std::int64_t time_wait = sockstat_value(*h.now, "TCP", "tw").value_or(-1);
    if (time_wait < 0) {
        time_wait = 0;
        for_each_tcp(c.snapshot, [&](const InetSocket& s, std::string_view) {
            time_wait += s.state == tcp_state::k_time_wait ? 1 : 0;
        });
    }
    const auto max = sysctl_number(c.snapshot, "net/ipv4/tcp_max_tw_buckets");
    const CounterDelta overflow = h.delta("TcpExt", "TCPTimeWaitOverflow");
    const double percent =
        max && *max > 0 ? 100.0 * static_cast<double>(time_wait) / static_cast<double>(*max) : 0;
    const bool near = percent >= h.thresholds["time-wait-pressure.percent"];
    if (!near && ok_value(overflow) == 0)
        return;
    auto reuse = c.snapshot.sysctls.find("net/ipv4/tcp_tw_reuse");
    const std::string reuse_value = reuse == c.snapshot.sysctls.end() ? "?" : reuse->second;
    Finding f = make_finding(
        rule, protocol_subject("tcp"),
        std::to_string(time_wait) + " TIME_WAIT sockets of net.ipv4.tcp_max_tw_buckets=" +
            (max ? std::to_string(*max) : std::string("?")) + " (" + percent_text(percent) +
            "); TcpExt TCPTimeWaitOverflow " + h.change_text(overflow) +
            "; net.ipv4.tcp_tw_reuse=" + reuse_value + ": " +
            std::string(tw_reuse_meaning(reuse_value)));
    judge_increase_basis(h, f);
    if (near)
        f.severity = rule.severity;
    out.push_back(std::move(f));
}

void check_close_wait_buildup(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    std::map<std::int32_t, std::vector<std::uint64_t>> by_pid; // -1: no known process
    for_each_tcp(c.snapshot, [&](const InetSocket& s, std::string_view) {
        if (s.state != tcp_state::k_close_wait)
            return;
        const ProcessInfo* owner = c.facts.first_holder(s.inode);
        by_pid[owner ? owner->pid : -1].push_back(s.inode);
    });
    const double limit = c.health->thresholds["close-wait-buildup.per-process"];
    for (const auto& [pid, inodes] : by_pid) {
        if (static_cast<double>(inodes.size()) < limit)
            continue;
        Subject subject;
        const ProcessInfo* owner = pid < 0 ? nullptr : c.facts.first_holder(inodes.front());
        if (owner != nullptr) {
            subject.pid = owner->pid;
            subject.program = owner->comm;
            if (owner->exe)
                subject.exe = *owner->exe;
            if (!owner->user.empty())
                subject.user = owner->user;
        }
        out.push_back(make_finding(rule, std::move(subject),
                                   std::to_string(inodes.size()) + " CLOSE_WAIT sockets held by " +
                                       (owner ? owner->comm + " (pid " + std::to_string(pid) + ")"
                                              : std::string("no known process")) +
                                       " (threshold " + number_text(limit) +
                                       "): the peers closed, the program did not; first " +
                                       c.facts.describe_socket(inodes.front())));
    }
}

void check_ephemeral_port_exhaustion(const AuditContext& c, const Rule& rule,
                                     std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const std::vector<std::uint64_t> range =
        sysctl_numbers(c.snapshot, "net/ipv4/ip_local_port_range");
    if (range.size() != 2 || range[1] < range[0])
        return;
    const std::uint64_t size = range[1] - range[0] + 1;
    using Key = std::tuple<std::string, std::string, std::string, std::uint16_t>;
    std::map<Key, std::size_t> counts;
    for_each_tcp(c.snapshot, [&](const InetSocket& s, std::string_view protocol) {
        if (s.state == tcp_state::k_listen || s.remote.port == 0 || s.local.port < range[0] ||
            s.local.port > range[1])
            return;
        ++counts[{std::string(protocol), address_text(s.local.address),
                  address_text(s.remote.address), s.remote.port}];
    });
    const double threshold = c.health->thresholds["ephemeral-port-exhaustion.percent"];
    for (const auto& [key, count] : counts) {
        const double percent = 100.0 * static_cast<double>(count) / static_cast<double>(size);
        if (percent < threshold)
            continue;
        const auto& [protocol, local, remote, port] = key;
        Subject subject;
        subject.protocol = protocol;
        subject.address = local;
        out.push_back(make_finding(
            rule, std::move(subject),
            std::to_string(count) + " connections (TIME_WAIT included) from " + local + " to " +
                remote + ":" + std::to_string(port) + " use " + percent_text(percent) +
                " of net.ipv4.ip_local_port_range " + std::to_string(range[0]) + "-" +
                std::to_string(range[1]) + " (" + std::to_string(size) + " ports; threshold " +
                number_text(threshold) + " %)"));
    }
}

void check_orphan_sockets(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const auto orphans = sockstat_value(*c.health->now, "TCP", "orphan");
    const auto max = sysctl_number(c.snapshot, "net/ipv4/tcp_max_orphans");
    if (!orphans || !max || *max == 0)
        return;
    const double percent = 100.0 * static_cast<double>(*orphans) / static_cast<double>(*max);
    const double threshold = c.health->thresholds["orphan-sockets.percent"];
    if (percent < threshold)
        return;
    out.push_back(make_finding(rule, sysctl_subject("net.ipv4.tcp_max_orphans"),
                               "sockstat TCP orphan " + std::to_string(*orphans) +
                                   " of net.ipv4.tcp_max_orphans=" + std::to_string(*max) + " (" +
                                   percent_text(percent) + "; threshold " + number_text(threshold) +
                                   " %)"));
}

void check_tcp_memory_pressure(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthInputs& h = *c.health;
    const auto pages = sockstat_value(*h.now, "TCP", "mem");
    const std::vector<std::uint64_t> tcp_mem = sysctl_numbers(c.snapshot, "net/ipv4/tcp_mem");
    const CounterDelta pressures = h.delta("TcpExt", "TCPMemoryPressures");
    if (!pages || tcp_mem.size() != 3 || tcp_mem[1] == 0)
        return;
    const double percent = 100.0 * static_cast<double>(*pages) / static_cast<double>(tcp_mem[1]);
    const bool high = percent >= h.thresholds["tcp-memory-pressure.percent"];
    if (!high && ok_value(pressures) == 0)
        return;
    Finding f = make_finding(
        rule, {},
        "sockstat TCP mem " + std::to_string(*pages) + " pages; net.ipv4.tcp_mem " +
            std::to_string(tcp_mem[0]) + " " + std::to_string(tcp_mem[1]) + " " +
            std::to_string(tcp_mem[2]) + " (" + percent_text(percent) +
            " of the pressure value); TcpExt TCPMemoryPressures " + h.change_text(pressures));
    judge_increase_basis(h, f);
    if (high)
        f.severity = rule.severity;
    if (static_cast<std::uint64_t>(*pages) >= tcp_mem[2]) {
        f.severity = Severity::critical;
        f.evidence += "; at tcp_mem[2] the kernel drops segments";
    }
    out.push_back(std::move(f));
}

void check_conntrack_table_full(const AuditContext& c, const Rule& rule,
                                std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthSample& s = *c.health->now;
    if (!s.conntrack_count || !s.conntrack_max || *s.conntrack_max == 0)
        return; // no nf_conntrack module loaded
    const double percent =
        100.0 * static_cast<double>(*s.conntrack_count) / static_cast<double>(*s.conntrack_max);
    const double threshold = c.health->thresholds["conntrack-table-full.percent"];
    if (percent < threshold)
        return;
    out.push_back(make_finding(rule, sysctl_subject("net.netfilter.nf_conntrack_max"),
                               "net.netfilter.nf_conntrack_count " +
                                   std::to_string(*s.conntrack_count) + " of nf_conntrack_max " +
                                   std::to_string(*s.conntrack_max) + " (" + percent_text(percent) +
                                   "; threshold " + number_text(threshold) + " %)"));
}

void check_fd_exhaustion(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr)
        return;
    const HealthSample& s = *c.health->now;
    const double threshold = c.health->thresholds["fd-exhaustion.percent"];
    if (s.files_allocated && s.files_max && *s.files_max > 0) {
        const double percent =
            100.0 * static_cast<double>(*s.files_allocated) / static_cast<double>(*s.files_max);
        if (percent >= threshold)
            out.push_back(make_finding(
                rule, {},
                "fs.file-nr: " + std::to_string(*s.files_allocated) +
                    " file handles of fs.file-max " + std::to_string(*s.files_max) + " (" +
                    percent_text(percent) + "; threshold " + number_text(threshold) + " %)"));
    }
    for (const ProcessFdUse& use : s.fd_use) {
        if (!use.nofile_soft || *use.nofile_soft == 0)
            continue;
        const double percent =
            100.0 * static_cast<double>(use.open_fds) / static_cast<double>(*use.nofile_soft);
        if (percent < threshold)
            continue;
        auto p = std::find_if(c.snapshot.processes.begin(), c.snapshot.processes.end(),
                              [&](const ProcessInfo& info) { return info.pid == use.pid; });
        if (p == c.snapshot.processes.end())
            continue;
        Subject subject;
        subject.pid = p->pid;
        subject.program = p->comm;
        if (p->exe)
            subject.exe = *p->exe;
        if (!p->user.empty())
            subject.user = p->user;
        out.push_back(make_finding(
            rule, std::move(subject),
            p->comm + " (pid " + std::to_string(p->pid) + ") has " + std::to_string(use.open_fds) +
                " descriptors open (" + std::to_string(p->socket_fds.size()) +
                " sockets) of its soft RLIMIT_NOFILE " + std::to_string(*use.nofile_soft) +
                " (ulimit -n; " + percent_text(percent) + ", threshold " + number_text(threshold) +
                " %)"));
    }
}

void check_stuck_queue(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr || c.health->before == nullptr)
        return; // "stays" needs two samples
    const HealthInputs& h = *c.health;
    const double recv = h.thresholds["stuck-queue.recv-bytes"];
    const double send = h.thresholds["stuck-queue.send-bytes"];
    auto same = [](const QueuedSocket& a, const QueuedSocket& b) {
        return a.protocol == b.protocol && a.local.address == b.local.address &&
               a.local.port == b.local.port && a.remote.address == b.remote.address &&
               a.remote.port == b.remote.port && a.inode == b.inode;
    };
    for (const QueuedSocket& now : h.now->queued) {
        auto earlier = std::find_if(h.before->queued.begin(), h.before->queued.end(),
                                    [&](const QueuedSocket& q) { return same(q, now); });
        if (earlier == h.before->queued.end())
            continue;
        const bool rx = static_cast<double>(now.rx_queue_bytes) >= recv &&
                        static_cast<double>(earlier->rx_queue_bytes) >= recv;
        const bool tx = static_cast<double>(now.tx_queue_bytes) >= send &&
                        static_cast<double>(earlier->tx_queue_bytes) >= send;
        if (!rx && !tx)
            continue;
        std::string evidence = socket_text(now.protocol, now.local, now.remote) + " of " +
                               owner_of(c, now.inode) + ": ";
        if (rx)
            evidence += "Recv-Q " + std::to_string(earlier->rx_queue_bytes) + " then " +
                        std::to_string(now.rx_queue_bytes) + " bytes (threshold " +
                        number_text(recv) + "): the program is not reading";
        if (rx && tx)
            evidence += "; ";
        if (tx)
            evidence += "Send-Q " + std::to_string(earlier->tx_queue_bytes) + " then " +
                        std::to_string(now.tx_queue_bytes) + " bytes (threshold " +
                        number_text(send) + "): the peer or the path is not taking data";
        evidence += " " + h.basis_text();
        out.push_back(make_finding(rule, socket_subject(c, now.protocol, now.local, now.inode),
                                   std::move(evidence)));
    }
}

// --- routing ---------------------------------------------------------------------------------

namespace {

bool ipv4_default(const Ipv4Route& r) {
    return (r.flags & route_flag::k_up) != 0 && r.destination.is_unspecified() &&
           r.mask.is_unspecified();
}

bool ipv6_default(const Ipv6Route& r) {
    return (r.flags & route_flag::k_up) != 0 && r.prefix_length == 0 &&
           r.destination.is_unspecified() && r.device != "lo" &&
           (r.flags & route_flag::k_reject) == 0;
}

bool contains(const Ipv4Route& r, const IpAddress& address) {
    const std::uint32_t mask = r.mask.v4_host_order();
    return (address.v4_host_order() & mask) == (r.destination.v4_host_order() & mask);
}

} // namespace

void check_no_default_route(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    const bool any =
        std::any_of(c.snapshot.routes_v4.begin(), c.snapshot.routes_v4.end(), ipv4_default) ||
        std::any_of(c.snapshot.routes_v6.begin(), c.snapshot.routes_v6.end(), ipv6_default);
    if (any || c.snapshot.routes_v4.empty())
        return; // no routing table read at all is not "no default route"
    out.push_back(
        make_finding(rule, {},
                     "neither net/route nor net/ipv6_route has a default route (0.0.0.0/0 "
                     "or ::/0): only directly connected networks are reachable"));
}

void check_multiple_default_routes(const AuditContext& c, const Rule& rule,
                                   std::vector<Finding>& out) {
    // Several default routes with different metrics are a deliberate failover (NetworkManager
    // gives Wi-Fi 600 and Ethernet 100); several at the best metric fight over the traffic.
    std::vector<const Ipv4Route*> v4;
    for (const Ipv4Route& r : c.snapshot.routes_v4)
        if (ipv4_default(r))
            v4.push_back(&r);
    if (v4.size() < 2)
        return;
    std::int32_t best = v4.front()->metric;
    for (const Ipv4Route* r : v4)
        best = std::min(best, r->metric);
    std::string routes;
    std::size_t tied = 0;
    for (const Ipv4Route* r : v4)
        if (r->metric == best) {
            ++tied;
            routes += (routes.empty() ? "" : ", ") + std::string("via ") +
                      address_text(r->gateway) + " dev " + r->interface_name;
        }
    if (tied < 2)
        return;
    out.push_back(make_finding(rule, {},
                               std::to_string(tied) +
                                   " IPv4 default routes share the best metric " +
                                   std::to_string(best) + ": " + routes +
                                   "; the kernel uses the first, the others are dead weight or a "
                                   "misconfiguration (for failover give them different metrics)"));
}

void check_gateway_unreachable(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    for (const Ipv4Route& r : c.snapshot.routes_v4) {
        if (!ipv4_default(r) || r.gateway.is_unspecified())
            continue;
        const bool connected = std::any_of(
            c.snapshot.routes_v4.begin(), c.snapshot.routes_v4.end(), [&](const Ipv4Route& link) {
                return (link.flags & route_flag::k_up) != 0 &&
                       (link.flags & route_flag::k_gateway) == 0 && !link.mask.is_unspecified() &&
                       link.interface_name == r.interface_name && contains(link, r.gateway);
            });
        if (connected)
            continue;
        Subject subject;
        subject.interface = r.interface_name;
        subject.address = address_text(r.gateway);
        out.push_back(make_finding(
            rule, std::move(subject),
            "the default route via " + address_text(r.gateway) + " dev " + r.interface_name +
                " has a gateway outside every connected subnet of " + r.interface_name +
                ": no neighbour can be resolved for it (unless the route "
                "was added with onlink)"));
    }
}

void check_ip_forwarding_enabled(const AuditContext& c, const Rule& rule,
                                 std::vector<Finding>& out) {
    for (std::string_view name : {"net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding"}) {
        auto it = c.snapshot.sysctls.find(std::string(name));
        if (it == c.snapshot.sysctls.end() || it->second == "0")
            continue;
        std::string dotted(name);
        std::replace(dotted.begin(), dotted.end(), '/', '.');
        Subject subject;
        subject.sysctl = dotted;
        out.push_back(
            make_finding(rule, std::move(subject),
                         dotted + "=" + it->second +
                             ": this host routes packets between its interfaces (expected "
                             "on routers, container and VM hosts)"));
    }
}

// --- integrity -------------------------------------------------------------------------------

void check_hidden_socket(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (c.health == nullptr || c.health->now->hidden_probe != HiddenProbe::done)
        return;
    for (const HiddenSocket& s : c.health->now->hidden) {
        const bool from_proc = s.hidden_from == HiddenFrom::proc;
        out.push_back(make_finding(
            rule, socket_subject(c, s.protocol, s.local, s.inode),
            socket_text(s.protocol, s.local, s.remote) + " (inode " + std::to_string(s.inode) +
                ", held by " + owner_of(c, s.inode) + ") is in both " +
                (from_proc ? "netlink dumps and in neither read of /proc/net"
                           : "reads of /proc/net and in neither netlink dump") +
                ": something filters " + (from_proc ? "/proc/net" : "sock_diag") +
                " (a rootkit hiding the port from " + (from_proc ? "netstat" : "ss") + ")"));
    }
}

} // namespace netstat_audit
