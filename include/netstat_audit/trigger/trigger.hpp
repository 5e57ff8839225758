// SPDX-License-Identifier: MIT
// `netstat-audit trigger`: sample the host every interval, and when a loss, latency or socket
// count threshold is crossed write one snapshot (the audit plus every view as JSON). The
// decision is pure (evaluate_trigger, TriggerState); sampling, writing and waiting sit behind
// interfaces so tests drive the loop with scripted samples and no sleeping.
#pragma once

#include "netstat_audit/model/tcp_health.hpp"
#include "netstat_audit/report/json_text.hpp"

#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace netstat_audit {

// The conditions; an unset optional is a condition not checked.
struct TriggerThresholds {
    double loss_percent = 0.1; // Tcp RetransSegs / OutSegs over the last interval, above
    double rtt_ms = 50;        // p95 smoothed RTT of established connections, above
    std::optional<double> retrans_peer_percent; // one peer's retransmitted share, above
    std::optional<std::int64_t> syn_recv;       // SYN_RECV sockets, at least
    std::optional<std::int64_t> time_wait;      // TIME_WAIT sockets, at least
};

// A peer is judged by --retrans-peer only once its connections sent this many segments, so
// one retransmission among ten segments is not a 10% alarm.
inline constexpr std::uint64_t k_retrans_peer_min_segments = 100;

struct TriggerOptions {
    TriggerThresholds thresholds;
    double every_seconds = 10;
    double cooldown_seconds = 300;
    std::size_t keep = 20;
    std::string dir;
    std::string proc_root = "/proc";
    std::string baseline;        // --baseline FILE for the snapshot's audit; empty: none
    std::size_t max_samples = 0; // --count: stop after this many samples; 0 runs until a signal
};

// What one sampling saw. Unknown figures are nullopt, never 0.
struct TriggerSample {
    std::int64_t wall_ns = 0;      // CLOCK_REALTIME: names and timestamps
    std::int64_t monotonic_ns = 0; // CLOCK_MONOTONIC: cooldown
    std::string boot_id;
    std::optional<std::uint64_t> retrans_segs; // Tcp: RetransSegs (cumulative)
    std::optional<std::uint64_t> out_segs;     // Tcp: OutSegs (cumulative)
    bool tcp_info = false;                     // the rows carried tcp_info (netlink)
    std::int64_t established = 0;
    std::optional<double> rtt_p95_ms; // of established connections; nullopt without tcp_info
    std::vector<HealthGroup> peers;   // per remote peer (established), with tcp_info
    std::int64_t syn_recv = 0;
    std::int64_t time_wait = 0;
};

// One condition that holds: its name (the option without "--"), the measured value and the
// threshold, and a sentence for people.
struct TriggerReason {
    std::string condition; // "loss", "rtt", "retrans-peer", "syn-recv", "time-wait"
    double measured = 0;
    double threshold = 0;
    std::string detail;
};

// Loss over the interval from `previous` to `current` in percent: nullopt without a previous
// sample, across a reboot or counter reset, or when no segment was sent.
std::optional<double> interval_loss_percent(const TriggerSample* previous,
                                            const TriggerSample& current);

// Every condition of `thresholds` that holds for `current` (loss needs `previous`), in the
// order loss, rtt, retrans-peer, syn-recv, time-wait.
std::vector<TriggerReason> evaluate_trigger(const TriggerThresholds& thresholds,
                                            const TriggerSample* previous,
                                            const TriggerSample& current);

// The measured values of a sample as JSON (loss over the interval, p95 RTT, counts; unknowns
// null), for events and snapshots.
Json measured_json(const TriggerSample* previous, const TriggerSample& current);

// Cooldown bookkeeping across samples.
class TriggerState {
public:
    enum class Action : std::uint8_t {
        quiet,    // no condition holds
        write,    // a condition holds and the cooldown has passed: write a snapshot now
        cooldown, // a condition holds, but the last snapshot is too recent
    };
    struct Decision {
        Action action = Action::quiet;
        std::vector<TriggerReason> reasons;
        std::optional<double> loss_percent;
    };
    // Judges `sample` against the previous one and remembers it. A write decision starts the
    // cooldown.
    Decision observe(const TriggerOptions& options, const TriggerSample& sample);
    // The write decided by the last observe() failed: the cooldown does not start.
    void write_failed();
    const TriggerSample* previous() const { return m_previous ? &*m_previous : nullptr; }

private:
    std::optional<TriggerSample> m_previous;
    std::optional<std::int64_t> m_last_write_ns;
    std::optional<std::int64_t> m_before_last_write_ns;
};

// Takes one sample of the system (the live one reads /proc and netlink).
class TriggerSampler {
public:
    virtual ~TriggerSampler() = default;
    // nullopt and a reason in `error` when nothing could be sampled.
    virtual std::optional<TriggerSample> sample(std::string& error) = 0;
};

// The body of a snapshot: the audit report and every view (the live one runs them).
class SnapshotContent {
public:
    virtual ~SnapshotContent() = default;
    // {"audit": {...}, "views": {"sockets": {...}, ...}}; never throws for a system error (a
    // view that failed carries its diagnostics).
    virtual Json collect() = 0;
};

// Waits between samples.
class TriggerWaiter {
public:
    virtual ~TriggerWaiter() = default;
    // Waits `seconds`; false when the loop must stop (SIGTERM, SIGINT).
    virtual bool wait(double seconds) = 0;
};

// "netstat-audit-trigger-20261201T161700.123456Z.json" for a wall clock time.
std::string snapshot_file_name(std::int64_t wall_ns);

// Writes the snapshot document {"schema_version", "document_type": "trigger_snapshot",
// "@timestamp", "trigger": {"reasons", "measured", "thresholds"}, content...} atomically into
// options.dir under snapshot_file_name(sample.wall_ns), then removes the oldest snapshot files
// beyond options.keep (files of other names are never touched). Returns the path written, or
// the error message.
std::expected<std::string, std::string> write_snapshot(const TriggerOptions& options,
                                                       const TriggerSample& sample,
                                                       const std::vector<TriggerReason>& reasons,
                                                       const Json& measured,
                                                       SnapshotContent& content);

// The snapshot files in `dir`, oldest first (by name, which is by time).
std::vector<std::string> list_snapshots(const std::string& dir);

// Samples every options.every_seconds until `waiter` says stop (or max_samples), writing
// snapshots as TriggerState decides. Each event is one NDJSON line given to `emit`
// (trigger-started, sample, snapshot-written, snapshot-suppressed, snapshot-failed,
// sample-failed, trigger-stopped). Returns 0.
int run_trigger_loop(const TriggerOptions& options, TriggerSampler& sampler,
                     SnapshotContent& content, TriggerWaiter& waiter,
                     const std::function<void(const std::string&)>& emit);

} // namespace netstat_audit
