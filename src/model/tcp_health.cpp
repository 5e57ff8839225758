// SPDX-License-Identifier: MIT
// Groups of tcp_info samples: nearest-rank RTT percentiles and retransmission shares.
#include "netstat_audit/model/tcp_health.hpp"

#include <algorithm>
#include <cmath>

namespace netstat_audit {

void HealthSamples::add(const TcpHealth& health) {
    rtt_us.push_back(health.rtt_us);
    total_retrans += health.total_retrans;
    if (health.has_segs_out) {
        segs_out += health.segs_out;
        retrans_with_segs_out += health.total_retrans;
    }
}

HealthGroup HealthSamples::summarise(std::string key) const {
    HealthGroup group;
    group.key = std::move(key);
    group.connections = static_cast<std::int64_t>(rtt_us.size());
    std::vector<std::uint32_t> sorted = rtt_us;
    group.rtt_p50_ms = nearest_rank_ms(sorted, 0.5);
    group.rtt_p95_ms = nearest_rank_ms(sorted, 0.95);
    group.total_retrans = total_retrans;
    group.segs_out = segs_out;
    if (segs_out > 0)
        group.retrans_share =
            static_cast<double>(retrans_with_segs_out) / static_cast<double>(segs_out);
    return group;
}

double nearest_rank_ms(std::vector<std::uint32_t>& values_us, double fraction) {
    if (values_us.empty())
        return 0;
    std::ranges::sort(values_us);
    const double rank = std::ceil(fraction * static_cast<double>(values_us.size()));
    const std::size_t index =
        std::clamp<std::size_t>(static_cast<std::size_t>(rank), 1, values_us.size()) - 1;
    return static_cast<double>(values_us[index]) / 1000.0;
}

std::vector<HealthGroup> rank_health(const std::map<std::string, HealthSamples>& groups,
                                     std::size_t top) {
    std::vector<HealthGroup> rows;
    rows.reserve(groups.size());
    for (const auto& [key, samples] : groups)
        rows.push_back(samples.summarise(key));
    std::ranges::stable_sort(rows, [](const HealthGroup& a, const HealthGroup& b) {
        return a.rtt_p95_ms > b.rtt_p95_ms;
    });
    if (rows.size() > top)
        rows.resize(top);
    return rows;
}

std::string tcp_info_fallback_reason(std::string_view error_message) {
    return "netlink unavailable: " + std::string(error_message);
}

} // namespace netstat_audit
