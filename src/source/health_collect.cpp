// SPDX-License-Identifier: MIT
// The health checks' reading stage: counters, gauges, limits and sysctls of one sample.
#include "netstat_audit/source/health_collect.hpp"

#include "netstat_audit/model/connection_health.hpp"
#include "netstat_audit/model/socket_filter.hpp"
#include "netstat_audit/parse/counters.hpp"
#include "netstat_audit/parse/net_dev.hpp"
#include "netstat_audit/parse/proc_status.hpp"
#include "netstat_audit/source/audit_collect.hpp"
#include "netstat_audit/source/collect.hpp"

#include <chrono>
#include <dirent.h>

namespace netstat_audit {

namespace {

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t'))
        text.pop_back();
    return text;
}

std::optional<std::string> read_small(const ProcFs& proc, std::string_view relative) {
    auto text = read_whole_file(proc.path(relative), 1024 * 1024);
    if (!text)
        return std::nullopt;
    return trimmed(std::move(*text));
}

std::optional<std::uint64_t> read_number(const ProcFs& proc, std::string_view relative) {
    auto text = read_small(proc, relative);
    return text ? parse_decimal(*text) : std::nullopt;
}

bool is_live(const ProcFs& proc) {
    std::string root = proc.root();
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    return root == "/proc";
}

// The time of the sample: now live; a capture's MANIFEST time-unix offline.
std::int64_t sample_time(const ProcFs& proc) {
    if (is_live(proc))
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    std::string root = proc.root();
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    const std::size_t slash = root.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : root.substr(0, slash);
    auto manifest = read_whole_file(dir + "/MANIFEST", 64 * 1024);
    if (!manifest)
        return 0;
    return parse_capture_manifest(*manifest).time_unix.value_or(0) * 1'000'000'000;
}

void read_counters(const ProcFs& proc, Snapshot& snapshot, HealthSample& sample) {
    if (snapshot.counters.empty())
        for (std::string_view file : {"net/snmp", "net/netstat"})
            if (auto text = proc.read_file(file)) {
                auto parsed = parse_counter_pairs(*text, file);
                snapshot.counters.insert(snapshot.counters.end(), parsed.rows.begin(),
                                         parsed.rows.end());
            }
    sample.counters = snapshot.counters;
    if (auto text = proc.read_file("net/dev"))
        for (const InterfaceStatsRow& row : parse_net_dev(*text).rows) {
            const InterfaceStats& s = row.stats;
            auto v = [](std::uint64_t value) { return static_cast<std::int64_t>(value); };
            sample.counters.push_back({"dev:" + row.name,
                                       {{"rx_packets", v(s.rx_packets)},
                                        {"rx_errs", v(s.rx_errors)},
                                        {"rx_drop", v(s.rx_dropped)},
                                        {"rx_fifo", v(s.rx_fifo)},
                                        {"rx_frame", v(s.rx_frame)},
                                        {"tx_packets", v(s.tx_packets)},
                                        {"tx_errs", v(s.tx_errors)},
                                        {"tx_drop", v(s.tx_dropped)},
                                        {"tx_fifo", v(s.tx_fifo)},
                                        {"tx_colls", v(s.tx_collisions)},
                                        {"tx_carrier", v(s.tx_carrier)}}});
        }
    if (auto text = proc.read_file("net/softnet_stat"))
        sample.counters.push_back(parse_softnet_stat(*text));
}

void read_gauges(const ProcFs& proc, HealthSample& sample) {
    for (std::string_view file : {"net/sockstat", "net/sockstat6"})
        if (auto text = proc.read_file(file)) {
            auto lines = parse_sockstat(*text);
            sample.sockstat.insert(sample.sockstat.end(), lines.begin(), lines.end());
        }
    // file-nr: "allocated  free(always 0 since 2.6)  max"
    if (auto text = read_small(proc, "sys/fs/file-nr")) {
        std::string_view t = *text;
        sample.files_allocated = parse_decimal(t.substr(0, t.find_first_of(" \t")));
    }
    sample.files_max = read_number(proc, "sys/fs/file-max");
    sample.conntrack_count = read_number(proc, "sys/net/netfilter/nf_conntrack_count");
    sample.conntrack_max = read_number(proc, "sys/net/netfilter/nf_conntrack_max");
    if (auto text = read_small(proc, "uptime")) {
        char* end = nullptr;
        const double seconds = std::strtod(text->c_str(), &end);
        if (end != text->c_str() && seconds > 0)
            sample.uptime_seconds = seconds;
    }
}

void read_sysctls(const ProcFs& proc, Snapshot& snapshot) {
    auto read = [&](const std::string& name) {
        if (auto text = read_small(proc, "sys/" + name))
            snapshot.sysctls[name] = *text;
    };
    for (std::string_view name : k_health_sysctls)
        read(std::string(name));
    for (std::string_view name :
         {"net/ipv4/ip_forward", "net/core/somaxconn", "net/ipv4/conf/default/rp_filter"})
        read(std::string(name));
    for (const Interface& interface : snapshot.interfaces)
        for (std::string_view key : {"rp_filter", "proxy_arp"})
            read("net/ipv4/conf/" + interface.name + "/" + std::string(key));
}

std::uint64_t count_fds(const ProcFs& proc, std::int32_t pid) {
    DIR* dir = ::opendir(proc.path(std::to_string(pid) + "/fd").c_str());
    if (dir == nullptr)
        return 0;
    std::uint64_t count = 0;
    while (const dirent* entry = ::readdir(dir))
        if (entry->d_name[0] != '.')
            ++count;
    ::closedir(dir);
    return count;
}

void read_fd_use(const ProcFs& proc, const Snapshot& snapshot, HealthSample& sample) {
    for (const ProcessInfo& p : snapshot.processes) {
        if (p.kernel_thread || !p.fds_readable)
            continue;
        ProcessFdUse use;
        use.pid = p.pid;
        use.open_fds = count_fds(proc, p.pid);
        if (auto text = proc.read_file(std::to_string(p.pid) + "/limits"))
            if (auto soft = parse_nofile_soft_limit(*text); soft != k_rlimit_unlimited)
                use.nofile_soft = soft; // an unlimited one is never near its limit
        sample.fd_use.push_back(use);
    }
}

SocketTables read_tcp_tables(const ProcFs& proc) {
    SocketSelection selection;
    selection.tcp = true;
    selection.read_ipv4 = selection.read_ipv6 = true;
    selection.implicit = true;
    selection.filter = ListingFilter::all;
    return collect_socket_tables(proc, selection);
}

} // namespace

CounterGroup parse_softnet_stat(std::string_view text) {
    // One line per CPU: processed dropped time_squeeze 0 0 0 0 0 cpu_collision received_rps ...
    std::uint64_t totals[3] = {0, 0, 0};
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == text.npos ? text.size() : newline + 1);
        for (std::size_t column = 0; column < 3 && !line.empty(); ++column) {
            const std::size_t blank = line.find(' ');
            if (auto value = parse_hex(line.substr(0, blank)))
                totals[column] += *value;
            line.remove_prefix(blank == line.npos ? line.size() : blank + 1);
        }
    }
    auto v = [](std::uint64_t value) { return static_cast<std::int64_t>(value); };
    return {
        "Softnet",
        {{"processed", v(totals[0])}, {"dropped", v(totals[1])}, {"time_squeeze", v(totals[2])}}};
}

std::vector<QueuedSocket> queued_sockets(const SocketTables& tables) {
    std::vector<QueuedSocket> queued;
    for (const FileTable<InetSocket>& table : tables.tcp)
        for (const InetSocket& s : table.parsed.rows)
            if (s.state == tcp_state::k_established &&
                (s.rx_queue_bytes != 0 || s.tx_queue_bytes != 0))
                queued.push_back({table.version == IpVersion::v6 ? "tcp6" : "tcp", s.local,
                                  s.remote, s.rx_queue_bytes, s.tx_queue_bytes, s.inode});
    return queued;
}

HealthSample collect_health_sample(const ProcFs& proc, Snapshot& snapshot,
                                   const HealthCollectOptions& options) {
    HealthSample sample;
    sample.time_unix_ns = sample_time(proc);
    sample.boot_id = snapshot.host.boot_id;
    if (sample.boot_id.empty())
        sample.boot_id = read_small(proc, "sys/kernel/random/boot_id").value_or("");
    read_counters(proc, snapshot, sample);
    read_gauges(proc, sample);
    read_sysctls(proc, snapshot);
    if (snapshot.sockets.tcp.empty()) {
        sample.queued = queued_sockets(read_tcp_tables(proc));
    } else {
        sample.queued = queued_sockets(snapshot.sockets);
        sample.tcp_health = summarise_tcp_health(snapshot.sockets, snapshot.tcp_info);
    }
    if (options.limits == ProcessLimits::read)
        read_fd_use(proc, snapshot, sample);
    if (options.hidden == HiddenSocketProbe::on && options.hidden_readers != nullptr)
        probe_hidden_sockets(*options.hidden_readers, sample);
    else if (options.hidden == HiddenSocketProbe::on)
        probe_hidden_sockets(proc, sample);
    return sample;
}

} // namespace netstat_audit
