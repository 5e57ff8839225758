// SPDX-License-Identifier: MIT
// TCP health lines and rows shared by the summary and the audit report.
#include "netstat_audit/view/tcp_health_view.hpp"

#include <fmt/format.h>

namespace netstat_audit {

std::string retrans_share_text(const std::optional<double>& share) {
    return share ? fmt::format("{:.2f}%", *share * 100) : std::string("-");
}

std::string render_tcp_health_overall(const HealthSummary& health) {
    if (!health.source.available)
        return "TCP health (RTT, retransmissions): not available from /proc text\n  (" +
               health.source.reason + ")\n";
    const HealthGroup& all = health.all;
    std::string out =
        fmt::format("TCP health of established connections (tcp_info): {}\n", all.connections);
    if (all.connections > 0)
        out += fmt::format("  RTT p50 {:.3f} ms, p95 {:.3f} ms; retransmitted {} of {} segments\n",
                           all.rtt_p50_ms, all.rtt_p95_ms, retrans_share_text(all.retrans_share),
                           all.segs_out);
    return out;
}

void append_health_rows(std::string& out, std::string_view key,
                        std::span<const HealthGroup> groups) {
    if (groups.empty())
        return;
    out += fmt::format("  Conns   p50 ms   p95 ms  Retrans  {}\n", key);
    for (const HealthGroup& g : groups)
        out += fmt::format("{:>7} {:>8.3f} {:>8.3f} {:>8}  {}\n", g.connections, g.rtt_p50_ms,
                           g.rtt_p95_ms, retrans_share_text(g.retrans_share), g.key);
}

nlohmann::ordered_json health_group_json(const HealthGroup& g) {
    // No connection has no RTT: null, never a 0 that reads as a fast one.
    auto rtt = [&](double ms) {
        return g.connections > 0 ? nlohmann::ordered_json(ms) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json row = {{"key", g.key},
                                  {"connections", g.connections},
                                  {"rtt_p50_ms", rtt(g.rtt_p50_ms)},
                                  {"rtt_p95_ms", rtt(g.rtt_p95_ms)},
                                  {"total_retrans", g.total_retrans},
                                  {"segs_out", g.segs_out}};
    row["retrans_share"] = g.retrans_share ? nlohmann::ordered_json(*g.retrans_share) : nullptr;
    return row;
}

} // namespace netstat_audit
