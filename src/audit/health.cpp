// SPDX-License-Identifier: MIT
// Health-check inputs: the thresholds with their reasons, the comparison of two samples, and the
// state file (JSON) that carries a sample from one run to the next.
#include "netstat_audit/audit/health.hpp"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <cassert>
#include <cstdio>
#include <limits>
#include <type_traits>

namespace netstat_audit {

namespace {

constexpr ThresholdSpec k_thresholds[] = {
    {"tcp-retransmission-rate.warning-percent", 1, "%",
     "the runbook's packet-loss indicator: above 1 % of segments resent, throughput visibly "
     "suffers"},
    {"tcp-retransmission-rate.critical-percent", 5, "%",
     "at 5 % TCP spends its time in recovery: users see stalls"},
    {"tcp-retransmission-rate.min-segments", 1000, "segments",
     "a ratio over fewer segments is noise (2 resent of 50 is 4 %)"},
    {"interface-errors.warning-percent", 0.1, "%",
     "a healthy link loses far under 0.1 %; more is cabling, duplex mismatch or overrun rings"},
    {"interface-errors.min-packets", 1000, "packets", "a ratio over fewer packets is noise"},
    {"time-wait-pressure.percent", 80, "% of tcp_max_tw_buckets",
     "at the limit the kernel destroys TIME_WAIT sockets early (TCPTimeWaitOverflow)"},
    {"close-wait-buildup.per-process", 32, "sockets",
     "CLOSE_WAIT lasts until the program closes the socket; dozens means it never does"},
    {"syn-flood.syn-recv", 256, "sockets",
     "a busy server holds a few dozen half-open connections; hundreds is a flood or a dead "
     "accept loop"},
    {"ephemeral-port-exhaustion.percent", 50, "% of ip_local_port_range",
     "connections to one ip:port from one address share the range; at half, bursts fail "
     "with EADDRNOTAVAIL"},
    {"orphan-sockets.percent", 50, "% of tcp_max_orphans",
     "orphans pin memory; at the limit the kernel resets connections (\"too many orphaned "
     "sockets\")"},
    {"tcp-memory-pressure.percent", 100, "% of tcp_mem's pressure value",
     "above tcp_mem[1] the kernel shrinks buffers; above tcp_mem[2] it drops"},
    {"conntrack-table-full.percent", 80, "% of nf_conntrack_max",
     "a full table drops new connections (\"nf_conntrack: table full, dropping packet\")"},
    {"fd-exhaustion.percent", 80, "% of the limit",
     "at the limit accept() and open() fail with EMFILE/ENFILE"},
    {"stuck-queue.recv-bytes", 65536, "bytes",
     "a Recv-Q that stays this full means the program stopped reading"},
    {"stuck-queue.send-bytes", 1048576, "bytes",
     "a Send-Q that stays this full means the peer or the path stopped taking data (bulk "
     "transfers fill a few hundred KiB)"},
    {"tcp-errors.min-count", 1, "errors",
     "every bad or checksum-failed segment is a corrupted packet; raise it on links known to "
     "be noisy"},
    {"udp-buffer-errors.min-count", 1, "errors",
     "every buffer error is a datagram or a packet the kernel dropped"},
};

std::optional<IpAddress> parse_ip(const std::string& text) {
    IpAddress address;
    for (auto [family, version] : {std::pair{AF_INET, IpVersion::v4}, {AF_INET6, IpVersion::v6}})
        if (::inet_pton(family, text.c_str(), address.bytes.data()) == 1) {
            address.version = version;
            return address;
        }
    return std::nullopt;
}

// A state file's integer of type T: a JSON integer in T's range, never a fraction or an
// exponent (their conversion to an integer is undefined past the range) nor a wrapped value.
template <typename T> std::optional<T> state_integer(const nlohmann::json& value) {
    if (value.is_number_unsigned()) {
        const auto number = value.get<std::uint64_t>();
        if (number <= static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
            return static_cast<T>(number);
    } else if (value.is_number_integer()) { // negative
        if constexpr (std::is_signed_v<T>) {
            const auto number = value.get<std::int64_t>();
            if (number >= std::numeric_limits<T>::min())
                return static_cast<T>(number);
        }
    }
    return std::nullopt;
}

// std::llround for a positive value below 2^63, without libm: the one libm function the tool
// used, and loading libm.so cost every run's start-up and ~340 kB of resident pages.
long long round_half_away(double value) {
    auto whole = static_cast<long long>(value); // truncates; value - whole is exact
    return value - static_cast<double>(whole) >= 0.5 ? whole + 1 : whole;
}

std::string one_decimal(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

} // namespace

std::span<const ThresholdSpec> health_thresholds() {
    return k_thresholds;
}

const ThresholdSpec* find_threshold(std::string_view name) {
    for (const ThresholdSpec& spec : k_thresholds)
        if (spec.name == name)
            return &spec;
    return nullptr;
}

double Thresholds::operator[](std::string_view name) const {
    if (auto it = overrides.find(name); it != overrides.end())
        return it->second;
    const ThresholdSpec* spec = find_threshold(name);
    assert(spec != nullptr);
    return spec != nullptr ? spec->default_value : 0;
}

CounterDelta HealthInputs::delta(std::string_view group, std::string_view name) const {
    const std::optional<std::uint64_t> after = find_counter(now->counters, group, name);
    if (!after)
        return {DeltaStatus::missing, 0};
    if (before == nullptr)
        return {DeltaStatus::ok, *after};
    const std::optional<std::uint64_t> earlier = find_counter(before->counters, group, name);
    if (!earlier)
        return {DeltaStatus::missing, 0};
    return counter_delta(*earlier, *after, true); // other boots never get here (see `reset`)
}

CounterDelta HealthInputs::delta(const CounterGroup& group, std::string_view name) const {
    auto in = [&](const CounterGroup& g) -> std::optional<std::uint64_t> {
        for (const Counter& c : g.counters)
            if (c.name == name)
                return static_cast<std::uint64_t>(c.value);
        return std::nullopt;
    };
    const std::optional<std::uint64_t> after = in(group);
    if (!after)
        return {DeltaStatus::missing, 0};
    if (before == nullptr)
        return {DeltaStatus::ok, *after};
    if (before_index.empty())
        for (const CounterGroup& g : before->counters)
            before_index.try_emplace(g.name, &g);
    auto it = before_index.find(group.name);
    const std::optional<std::uint64_t> earlier =
        it == before_index.end() ? std::nullopt : in(*it->second);
    if (!earlier)
        return {DeltaStatus::missing, 0};
    return counter_delta(*earlier, *after, true);
}

std::string HealthInputs::change_text(const CounterDelta& d) const {
    switch (d.status) {
    case DeltaStatus::ok:
        return (since_boot() ? "" : "+") + std::to_string(d.value);
    case DeltaStatus::reset:
        return "reset";
    case DeltaStatus::missing:
        break;
    }
    return "n/a";
}

std::optional<double> HealthInputs::seconds() const {
    if (before == nullptr)
        return now->uptime_seconds;
    if (before->time_unix_ns <= 0 || now->time_unix_ns <= before->time_unix_ns)
        return std::nullopt;
    return static_cast<double>(now->time_unix_ns - before->time_unix_ns) / 1e9;
}

std::string duration_text(double seconds) {
    if (seconds < 120)
        return one_decimal(seconds) + " s";
    if (seconds < 2 * 3600)
        return std::to_string(round_half_away(seconds / 60)) + " min";
    if (seconds < 2 * 86400)
        return std::to_string(round_half_away(seconds / 3600)) + " h";
    return std::to_string(round_half_away(seconds / 86400)) + " days";
}

std::string HealthInputs::basis_text() const {
    const std::optional<double> s = seconds();
    switch (basis) {
    case RateBasis::interval:
        if (before != nullptr)
            return "over " + (s ? duration_text(*s) : std::string("the interval"));
        break;
    case RateBasis::state:
        if (before != nullptr)
            return "since the previous run" + (s ? " (" + duration_text(*s) + " ago)" : "");
        break;
    case RateBasis::captures:
        if (before != nullptr)
            return "between the captures" + (s ? " (" + duration_text(*s) + ")" : "");
        break;
    case RateBasis::since_boot:
        break;
    }
    return "totals since boot" + (s ? " (up " + duration_text(*s) + ")" : std::string());
}

// --- state file --------------------------------------------------------------------------------

std::string render_health_state(const HealthSample& sample) {
    nlohmann::ordered_json doc;
    doc["format"] = "netstat-audit-state";
    doc["version"] = 1;
    doc["boot_id"] = sample.boot_id;
    doc["time_unix_ns"] = sample.time_unix_ns;
    nlohmann::ordered_json groups = nlohmann::ordered_json::object();
    for (const CounterGroup& group : sample.counters) {
        nlohmann::ordered_json& g = groups[group.name];
        if (g.is_null())
            g = nlohmann::ordered_json::object();
        for (const Counter& c : group.counters)
            if (!g.contains(c.name)) // find_counter() takes the first of a repeated name
                g[c.name] = static_cast<std::uint64_t>(c.value);
    }
    doc["counters"] = std::move(groups);
    nlohmann::ordered_json queued = nlohmann::ordered_json::array();
    for (const QueuedSocket& q : sample.queued) {
        queued.push_back({{"protocol", q.protocol},
                          {"local", format_numeric(q.local.address)},
                          {"local_port", q.local.port},
                          {"remote", format_numeric(q.remote.address)},
                          {"remote_port", q.remote.port},
                          {"rx_queue", q.rx_queue_bytes},
                          {"tx_queue", q.tx_queue_bytes},
                          {"inode", q.inode}});
    }
    doc["queued"] = std::move(queued);
    return doc.dump(1) + "\n";
}

std::expected<HealthSample, std::string> parse_health_state(std::string_view text) {
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return std::unexpected("not a JSON document");
    // Any type: value("format", "") throws for a "format" that is not a string.
    auto field = [&](const char* key) {
        const auto it = doc.find(key);
        return it == doc.end() ? nlohmann::json() : *it;
    };
    if (field("format") != "netstat-audit-state" || field("version") != 1)
        return std::unexpected("not a netstat-audit state file (format 1)");
    HealthSample sample;
    const std::unexpected<std::string> not_integer("malformed state file: a number that is not "
                                                   "an integer of its field's range");
    try {
        sample.boot_id = doc.at("boot_id").get<std::string>();
        const auto time = state_integer<std::int64_t>(doc.at("time_unix_ns"));
        if (!time)
            return not_integer;
        sample.time_unix_ns = *time;
        for (const auto& [group, counters] : doc.at("counters").items()) {
            CounterGroup g{group, {}};
            for (const auto& [name, value] : counters.items()) {
                const auto count = state_integer<std::uint64_t>(value);
                if (!count)
                    return not_integer;
                g.counters.push_back({name, static_cast<std::int64_t>(*count)});
            }
            sample.counters.push_back(std::move(g));
        }
        for (const auto& q : doc.at("queued")) {
            QueuedSocket s;
            s.protocol = q.at("protocol").get<std::string>();
            auto local = parse_ip(q.at("local").get<std::string>());
            auto remote = parse_ip(q.at("remote").get<std::string>());
            if (!local || !remote)
                return std::unexpected("bad address in queued socket");
            const auto local_port = state_integer<std::uint16_t>(q.at("local_port"));
            const auto remote_port = state_integer<std::uint16_t>(q.at("remote_port"));
            const auto rx = state_integer<std::uint64_t>(q.at("rx_queue"));
            const auto tx = state_integer<std::uint64_t>(q.at("tx_queue"));
            const auto inode = state_integer<std::uint64_t>(q.at("inode"));
            if (!local_port || !remote_port || !rx || !tx || !inode)
                return not_integer;
            s.local = {*local, *local_port};
            s.remote = {*remote, *remote_port};
            s.rx_queue_bytes = *rx;
            s.tx_queue_bytes = *tx;
            s.inode = *inode;
            sample.queued.push_back(std::move(s));
        }
    } catch (const nlohmann::json::exception& error) {
        return std::unexpected(std::string("malformed state file: ") + error.what());
    }
    return sample;
}

} // namespace netstat_audit

namespace netstat_audit {

namespace {

HealthMeasure ratio_measure(std::string name, std::string label, const CounterDelta& part,
                            const CounterDelta& whole, std::string detail) {
    HealthMeasure m{std::move(name), std::move(label), "percent",        std::nullopt,
                    std::nullopt,    std::nullopt,     std::move(detail)};
    if (part.status == DeltaStatus::ok && whole.status == DeltaStatus::ok) {
        m.numerator = part.value;
        m.denominator = whole.value;
    }
    if (auto ratio = delta_ratio(part, whole))
        m.value = *ratio * 100;
    return m;
}

HealthMeasure count_measure(std::string name, std::string label, const CounterDelta& d,
                            std::string detail) {
    HealthMeasure m{std::move(name), std::move(label), "count",          std::nullopt,
                    std::nullopt,    std::nullopt,     std::move(detail)};
    if (d.status == DeltaStatus::ok) {
        m.value = static_cast<double>(d.value);
        m.numerator = d.value;
    }
    return m;
}

HealthMeasure gauge_measure(std::string name, std::string label, std::optional<std::uint64_t> now,
                            std::optional<std::uint64_t> limit, std::string limit_name) {
    HealthMeasure m{std::move(name), std::move(label), "percent", std::nullopt, now, limit, ""};
    if (now && limit && *limit > 0)
        m.value = 100.0 * static_cast<double>(*now) / static_cast<double>(*limit);
    m.detail = (now ? std::to_string(*now) : std::string("?")) + " of " + limit_name + " " +
               (limit ? std::to_string(*limit) : std::string("?"));
    return m;
}

std::optional<std::uint64_t> sockstat_of(const HealthSample& s, std::string_view label,
                                         std::string_view key) {
    for (const SockstatLine& line : s.sockstat)
        if (line.label == label)
            for (const auto& [name, value] : line.values)
                if (name == key && value >= 0)
                    return static_cast<std::uint64_t>(value);
    return std::nullopt;
}

std::optional<std::uint64_t> sysctl_word(const std::map<std::string, std::string>& sysctls,
                                         const std::string& name, std::size_t index) {
    auto it = sysctls.find(name);
    if (it == sysctls.end())
        return std::nullopt;
    std::string_view text = it->second;
    for (std::size_t i = 0;; ++i) {
        const std::size_t start = text.find_first_not_of(" \t");
        if (start == text.npos)
            return std::nullopt;
        text.remove_prefix(start);
        const std::size_t end = std::min(text.find_first_of(" \t"), text.size());
        if (i == index)
            return parse_decimal(text.substr(0, end));
        text.remove_prefix(end);
    }
}

} // namespace

std::vector<HealthMeasure> health_measures(const HealthInputs& h,
                                           const std::map<std::string, std::string>& sysctls) {
    std::vector<HealthMeasure> out;
    auto plus = [&](const CounterDelta& d) { return h.change_text(d); };
    const CounterDelta sent = h.delta("Tcp", "OutSegs"), resent = h.delta("Tcp", "RetransSegs");
    out.push_back(ratio_measure("tcp_retransmission", "TCP retransmitted", resent, sent,
                                "RetransSegs " + plus(resent) + " of OutSegs " + plus(sent)));
    if (auto seconds = h.seconds(); seconds && !h.since_boot())
        if (auto rate = delta_per_second(sent, *seconds))
            out.push_back({"tcp_segments_out", "TCP segments sent", "per_second", *rate, sent.value,
                           std::nullopt, "OutSegs " + plus(sent)});
    for (const CounterGroup& group : h.now->counters) {
        if (!group.name.starts_with("dev:") || group.name == "dev:lo")
            continue;
        auto d = [&](std::string_view name) { return h.delta(group, name); };
        const CounterDelta rx = d("rx_packets"), tx = d("tx_packets");
        CounterDelta packets{DeltaStatus::reset, 0}, bad{DeltaStatus::reset, 0};
        if (rx.status == DeltaStatus::ok && tx.status == DeltaStatus::ok) {
            packets = {DeltaStatus::ok, rx.value + tx.value};
            bad = {DeltaStatus::ok, 0};
            for (std::string_view name : {"rx_errs", "rx_drop", "tx_errs", "tx_drop"})
                bad.value += d(name).status == DeltaStatus::ok ? d(name).value : 0;
        }
        if (packets.status == DeltaStatus::ok && packets.value == 0)
            continue; // an idle or down interface has no ratio to show
        const std::string name = group.name.substr(4);
        out.push_back(ratio_measure("interface_errors:" + name, name + " errors+drops", bad,
                                    packets, plus(bad) + " of " + plus(packets) + " packets"));
    }
    const CounterDelta overflows = h.delta("TcpExt", "ListenOverflows");
    out.push_back(
        count_measure("listen_overflows", "listen overflows", overflows, plus(overflows)));
    out.push_back(count_measure("syncookies_sent", "SYN cookies sent",
                                h.delta("TcpExt", "SyncookiesSent"),
                                plus(h.delta("TcpExt", "SyncookiesSent"))));
    CounterDelta tcp_bad = h.delta("Tcp", "InErrs");
    if (const CounterDelta csum = h.delta("Tcp", "InCsumErrors");
        tcp_bad.status == DeltaStatus::ok && csum.status == DeltaStatus::ok)
        tcp_bad.value += csum.value;
    out.push_back(count_measure("tcp_bad_segments", "TCP bad segments", tcp_bad, plus(tcp_bad)));
    CounterDelta udp = h.delta("Udp", "RcvbufErrors");
    if (const CounterDelta snd = h.delta("Udp", "SndbufErrors");
        udp.status == DeltaStatus::ok && snd.status == DeltaStatus::ok)
        udp.value += snd.value;
    out.push_back(count_measure("udp_buffer_errors", "UDP buffer errors", udp, plus(udp)));
    out.push_back(count_measure("softnet_dropped", "softnet drops", h.delta("Softnet", "dropped"),
                                plus(h.delta("Softnet", "dropped"))));
    out.push_back(gauge_measure("time_wait", "TIME_WAIT", sockstat_of(*h.now, "TCP", "tw"),
                                sysctl_word(sysctls, "net/ipv4/tcp_max_tw_buckets", 0),
                                "tcp_max_tw_buckets"));
    out.push_back(gauge_measure("orphans", "TCP orphans", sockstat_of(*h.now, "TCP", "orphan"),
                                sysctl_word(sysctls, "net/ipv4/tcp_max_orphans", 0),
                                "tcp_max_orphans"));
    out.push_back(gauge_measure("tcp_memory", "TCP memory (pages)",
                                sockstat_of(*h.now, "TCP", "mem"),
                                sysctl_word(sysctls, "net/ipv4/tcp_mem", 1), "tcp_mem pressure"));
    out.push_back(gauge_measure("file_handles", "file handles", h.now->files_allocated,
                                h.now->files_max, "file-max"));
    if (h.now->conntrack_max)
        out.push_back(gauge_measure("conntrack", "conntrack entries", h.now->conntrack_count,
                                    h.now->conntrack_max, "nf_conntrack_max"));
    return out;
}

} // namespace netstat_audit
