// SPDX-License-Identifier: MIT
// What the audit's health checks read: one sample of cumulative counters and gauges, the
// earlier sample they are compared with (--interval, --state, --compare-to), the thresholds,
// and the state file that carries a sample from one run to the next.
#pragma once

#include "netstat_audit/model/counter_delta.hpp"
#include "netstat_audit/model/counters.hpp"
#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/model/tcp_health.hpp"
#include "netstat_audit/parse/sockstat.hpp"

#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netstat_audit {

// An established TCP socket with data queued (net/tcp "tx_queue:rx_queue" non-zero).
struct QueuedSocket {
    std::string protocol; // "tcp", "tcp6"
    Endpoint local;
    Endpoint remote;
    std::uint64_t rx_queue_bytes = 0;
    std::uint64_t tx_queue_bytes = 0;
    std::uint64_t inode = 0;
};

// A process's descriptors against its soft RLIMIT_NOFILE (/proc/PID/limits "Max open files").
struct ProcessFdUse {
    std::int32_t pid = 0;
    std::uint64_t open_fds = 0;
    std::optional<std::uint64_t> nofile_soft; // nullopt: unknown or unlimited
};

// A socket one interface reports and the other omits, in two reads of each.
enum class HiddenFrom : std::uint8_t { proc, netlink };
struct HiddenSocket {
    std::string protocol; // "tcp", "udp6", ...
    Endpoint local;
    Endpoint remote;
    std::uint64_t inode = 0;
    std::uint32_t state = 0;
    HiddenFrom hidden_from = HiddenFrom::proc;
};

enum class HiddenProbe : std::uint8_t { not_run, unavailable, done };

// One collection of what the health checks read. `counters` holds net/snmp and net/netstat
// groups as parsed, plus groups made from other files so that one counter_delta() serves all:
//   "dev:IF"  rx_packets rx_errs rx_drop rx_fifo rx_frame tx_packets tx_errs tx_drop tx_fifo
//             tx_colls tx_carrier (net/dev; ':' never occurs in an interface name)
//   "Softnet" processed dropped time_squeeze (net/softnet_stat, summed over CPUs)
struct HealthSample {
    std::string boot_id;
    std::int64_t time_unix_ns = 0; // 0: unknown (a capture without MANIFEST time-unix)
    std::optional<double> uptime_seconds;
    std::vector<CounterGroup> counters;
    std::vector<QueuedSocket> queued;
    // Gauges, judged on the latest sample only.
    std::vector<SockstatLine> sockstat;
    std::optional<std::uint64_t> files_allocated, files_max; // sys/fs/file-nr, file-max
    std::optional<std::uint64_t> conntrack_count, conntrack_max;
    std::vector<ProcessFdUse> fd_use; // ascending pid
    // tcp_info of the established TCP connections of this read (the health block's RTT lines);
    // not kept in the state file.
    HealthSummary tcp_health;
    HiddenProbe hidden_probe = HiddenProbe::not_run;
    std::string hidden_note; // why the probe could not run
    std::vector<HiddenSocket> hidden;
};

// --- thresholds ------------------------------------------------------------------------------

// One tunable: "CHECK.KEY", its default, unit and why the default is what it is.
struct ThresholdSpec {
    std::string_view name;
    double default_value;
    std::string_view unit;
    std::string_view reason;
};

// Every tunable in catalogue order (printed by --list-checks -v and in the man page).
std::span<const ThresholdSpec> health_thresholds();
// The spec of `name`, nullptr when there is none.
const ThresholdSpec* find_threshold(std::string_view name);

// Threshold values: the defaults, overridden by the policy file's `threshold` lines.
struct Thresholds {
    std::map<std::string, double, std::less<>> overrides;
    // The value of `name`, which must be in health_thresholds().
    double operator[](std::string_view name) const;
};

// --- the comparison ----------------------------------------------------------------------------

// What the counters are judged against.
enum class RateBasis : std::uint8_t {
    since_boot, // no earlier sample: totals since boot
    interval,   // --interval: two samples SECONDS apart
    state,      // --state: the sample of the previous run
    captures,   // --compare-to: an earlier capture
};

// The inputs of every health check. `before` is nullptr when totals since boot are judged
// (no earlier sample, or an earlier sample of another boot: then `reset` is true).
struct HealthInputs {
    const HealthSample* now = nullptr;
    const HealthSample* before = nullptr;
    RateBasis basis = RateBasis::since_boot;
    bool reset = false; // the earlier sample was of another boot
    std::string note;   // why totals since boot are judged ("first run of this state file")
    Thresholds thresholds;

    // now - before of one counter; totals when there is no earlier sample; reset when the
    // counter went backwards.
    CounterDelta delta(std::string_view group, std::string_view name) const;
    // The same for `group`, one of now->counters, without a search of now's groups; the
    // earlier group of the same name is found through an index (a host may have 10,000
    // interfaces, each a "dev:IF" group).
    CounterDelta delta(const CounterGroup& group, std::string_view name) const;
    // Seconds between the samples (uptime for totals since boot); nullopt when unknown.
    std::optional<double> seconds() const;
    bool since_boot() const { return before == nullptr; }
    // "+12" for a change, "12" for a total since boot, "reset", "n/a" for a missing counter.
    std::string change_text(const CounterDelta& delta) const;

    // before's groups by name (first of a repeated name), built at the first delta(group).
    mutable std::unordered_map<std::string_view, const CounterGroup*> before_index;
    // "over 2.0 s", "since the previous run (5 min ago)", "between the captures (10 s)",
    // "totals since boot (up 12 days)" — the phrase every counter check's evidence carries.
    std::string basis_text() const;
};

// One measured rate or gauge of the report's health block (and the JSON's health.measures).
struct HealthMeasure {
    std::string name;            // "tcp_retransmission", "interface_errors:eth0", "time_wait"
    std::string label;           // "TCP retransmitted", "eth0 errors+drops"
    std::string unit;            // "percent", "count", "per_second"
    std::optional<double> value; // nullopt: not measurable (reset, missing, nothing sent)
    std::optional<std::uint64_t> numerator, denominator;
    std::string detail; // "RetransSegs +3 of OutSegs +4,210"
};

// The rates the counter checks judge and the gauges the capacity checks compare, for the
// report. `sysctls` gives the limits (tcp_max_tw_buckets, tcp_max_orphans, tcp_mem).
std::vector<HealthMeasure> health_measures(const HealthInputs& health,
                                           const std::map<std::string, std::string>& sysctls);

// "2.0 s", "5 min", "3 h", "12 days".
std::string duration_text(double seconds);

// --- the state file ----------------------------------------------------------------------------

// The state file's text: one JSON document with the sample's boot id, time and counters (and
// the queued sockets stuck-queue compares); gauges are not kept.
std::string render_health_state(const HealthSample& sample);
// The sample a state file holds; an error message for anything but a state file of this
// format.
std::expected<HealthSample, std::string> parse_health_state(std::string_view text);

} // namespace netstat_audit
