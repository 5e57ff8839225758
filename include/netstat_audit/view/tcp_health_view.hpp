// SPDX-License-Identifier: MIT
// The TCP health figures (tcp_info RTT percentiles, retransmitted share) as the summary and the
// audit's health block print them: the same lines, the same table, the same JSON rows.
#pragma once

#include "netstat_audit/model/tcp_health.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace netstat_audit {

// "5.00%"; "-" when the group sent nothing it could be judged on.
std::string retrans_share_text(const std::optional<double>& share);

// When health.source is not available: two lines, the fact and why ("(netlink unavailable:
// ...)"); no figure. Otherwise "TCP health of established connections (tcp_info): N" and, when
// N > 0, the overall "RTT p50 ... ms, p95 ... ms; retransmitted ... of ... segments" line.
std::string render_tcp_health_overall(const HealthSummary& health);

// The column header ("  Conns   p50 ms   p95 ms  Retrans  KEY") and one row per group, in order;
// nothing for no groups.
void append_health_rows(std::string& out, std::string_view key,
                        std::span<const HealthGroup> groups);

// One group as JSON: key, connections, rtt_p50_ms and rtt_p95_ms (null for no connection),
// total_retrans, segs_out and retrans_share (a fraction; null when nothing was sent).
nlohmann::ordered_json health_group_json(const HealthGroup& group);

} // namespace netstat_audit
