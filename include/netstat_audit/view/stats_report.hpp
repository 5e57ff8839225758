// SPDX-License-Identifier: MIT
// The whole -s view over a Snapshot: netstat's IPv4 or IPv6 report and its file diagnostics.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/model/snapshot.hpp"
#include "netstat_audit/view/rendered_text.hpp"

namespace netstat_audit {

// Renders the IPv4 report (snapshot.counters: snmp, netstat, sctp groups) or, for -6 alone, the
// IPv6 one (snapshot.counters_v6 from snmp6, then the Tcp groups of snapshot.counters).
// "cannot open /proc/…" and "Problem while parsing /proc/…" go to stderr (golden cases
// s_empty, s_bad); the status is 0 then. Any other family list prints netstat's refusal on
// stdout with status 1 (golden case s46).
RenderedText render_stats_report(const Snapshot& snapshot, const Options& options);

} // namespace netstat_audit
