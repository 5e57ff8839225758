// SPDX-License-Identifier: MIT
// The trigger's decision (thresholds, cooldown), its snapshot files (atomic, retained) and the
// sampling loop over injected sampler, content and waiter.
#include "netstat_audit/trigger/trigger.hpp"

#include "netstat_audit/model/counter_delta.hpp"
#include "netstat_audit/report/atomic_file.hpp"
#include "netstat_audit/report/json_metadata.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

constexpr std::string_view k_prefix = "netstat-audit-trigger-";
constexpr std::string_view k_suffix = ".json";

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json reason_json(const TriggerReason& reason) {
    return {{"condition", reason.condition},
            {"measured", reason.measured},
            {"threshold", reason.threshold},
            {"detail", reason.detail}};
}

Json thresholds_json(const TriggerThresholds& t) {
    Json json = {{"loss_percent", t.loss_percent}, {"rtt_ms", t.rtt_ms}};
    json["retrans_peer_percent"] = optional_number(t.retrans_peer_percent);
    json["syn_recv"] = t.syn_recv ? Json(*t.syn_recv) : Json(nullptr);
    json["time_wait"] = t.time_wait ? Json(*t.time_wait) : Json(nullptr);
    return json;
}

// The worst peer over the share threshold among those that sent enough segments.
std::optional<TriggerReason> check_retrans_peer(double threshold_percent,
                                                const TriggerSample& sample) {
    std::optional<TriggerReason> worst;
    for (const HealthGroup& peer : sample.peers) {
        if (!peer.retrans_share || peer.segs_out < k_retrans_peer_min_segments)
            continue;
        const double percent = *peer.retrans_share * 100;
        if (percent <= threshold_percent || (worst && worst->measured >= percent))
            continue;
        worst = TriggerReason{"retrans-peer", percent, threshold_percent,
                              fmt::format("peer {} retransmitted {:.2f}% of {} segments ({} "
                                          "connections)",
                                          peer.key, percent, peer.segs_out, peer.connections)};
    }
    return worst;
}

} // namespace

std::optional<double> interval_loss_percent(const TriggerSample* previous,
                                            const TriggerSample& current) {
    if (previous == nullptr || !previous->retrans_segs || !previous->out_segs ||
        !current.retrans_segs || !current.out_segs)
        return std::nullopt;
    const bool same_boot = previous->boot_id == current.boot_id;
    const CounterDelta retrans =
        counter_delta(*previous->retrans_segs, *current.retrans_segs, same_boot);
    const CounterDelta out = counter_delta(*previous->out_segs, *current.out_segs, same_boot);
    const std::optional<double> ratio = delta_ratio(retrans, out);
    if (!ratio)
        return std::nullopt;
    return *ratio * 100;
}

std::vector<TriggerReason> evaluate_trigger(const TriggerThresholds& thresholds,
                                            const TriggerSample* previous,
                                            const TriggerSample& current) {
    std::vector<TriggerReason> reasons;
    if (const auto loss = interval_loss_percent(previous, current);
        loss && *loss > thresholds.loss_percent)
        reasons.push_back({"loss", *loss, thresholds.loss_percent,
                           fmt::format("TCP retransmitted {:.3f}% of segments sent in the last "
                                       "interval (RetransSegs/OutSegs)",
                                       *loss)});
    if (current.rtt_p95_ms && *current.rtt_p95_ms > thresholds.rtt_ms)
        reasons.push_back({"rtt", *current.rtt_p95_ms, thresholds.rtt_ms,
                           fmt::format("p95 RTT of {} established connections is {:.3f} ms",
                                       current.established, *current.rtt_p95_ms)});
    if (thresholds.retrans_peer_percent)
        if (auto peer = check_retrans_peer(*thresholds.retrans_peer_percent, current))
            reasons.push_back(std::move(*peer));
    auto at_least = [&](const char* name, const char* state, std::int64_t count,
                        const std::optional<std::int64_t>& threshold) {
        if (threshold && count >= *threshold)
            reasons.push_back(
                {name, static_cast<double>(count), static_cast<double>(*threshold),
                 fmt::format("{} {} sockets (threshold {})", count, state, *threshold)});
    };
    at_least("syn-recv", "SYN_RECV", current.syn_recv, thresholds.syn_recv);
    at_least("time-wait", "TIME_WAIT", current.time_wait, thresholds.time_wait);
    return reasons;
}

Json measured_json(const TriggerSample* previous, const TriggerSample& current) {
    Json json = Json::object();
    json["loss_percent"] = optional_number(interval_loss_percent(previous, current));
    json["rtt_p95_ms"] = optional_number(current.rtt_p95_ms);
    json["tcp_info"] = current.tcp_info;
    json["established"] = current.established;
    json["syn_recv"] = current.syn_recv;
    json["time_wait"] = current.time_wait;
    json["retrans_segs"] = current.retrans_segs ? Json(*current.retrans_segs) : Json(nullptr);
    json["out_segs"] = current.out_segs ? Json(*current.out_segs) : Json(nullptr);
    return json;
}

TriggerState::Decision TriggerState::observe(const TriggerOptions& options,
                                             const TriggerSample& sample) {
    Decision decision;
    decision.reasons = evaluate_trigger(options.thresholds, previous(), sample);
    decision.loss_percent = interval_loss_percent(previous(), sample);
    m_previous = sample;
    if (decision.reasons.empty())
        return decision;
    const auto cooldown_ns = static_cast<std::int64_t>(options.cooldown_seconds * 1e9);
    if (m_last_write_ns && sample.monotonic_ns - *m_last_write_ns < cooldown_ns) {
        decision.action = Action::cooldown;
        return decision;
    }
    decision.action = Action::write;
    m_before_last_write_ns = m_last_write_ns;
    m_last_write_ns = sample.monotonic_ns;
    return decision;
}

void TriggerState::write_failed() {
    m_last_write_ns = m_before_last_write_ns;
}

std::string snapshot_file_name(std::int64_t wall_ns) {
    const std::time_t seconds = static_cast<std::time_t>(wall_ns / 1'000'000'000);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &utc);
    return fmt::format("{}{}.{:06}Z{}", k_prefix, stamp, (wall_ns % 1'000'000'000) / 1000,
                       k_suffix);
}

std::vector<std::string> list_snapshots(const std::string& dir) {
    std::vector<std::string> names;
    DIR* handle = ::opendir(dir.c_str());
    if (handle == nullptr)
        return names;
    while (const dirent* entry = ::readdir(handle)) {
        const std::string_view name = entry->d_name;
        if (name.starts_with(k_prefix) && name.ends_with(k_suffix))
            names.emplace_back(name);
    }
    ::closedir(handle);
    std::ranges::sort(names);
    return names;
}

std::expected<std::string, std::string> write_snapshot(const TriggerOptions& options,
                                                       const TriggerSample& sample,
                                                       const std::vector<TriggerReason>& reasons,
                                                       const Json& measured,
                                                       SnapshotContent& content) {
    Json trigger = Json::object();
    Json reason_list = Json::array();
    for (const TriggerReason& reason : reasons)
        reason_list.push_back(reason_json(reason));
    trigger["reasons"] = std::move(reason_list);
    trigger["measured"] = measured;
    trigger["thresholds"] = thresholds_json(options.thresholds);
    Json document = Json::object();
    document["schema_version"] = k_json_schema_version;
    document["document_type"] = "trigger_snapshot";
    document["@timestamp"] = format_timestamp(sample.wall_ns);
    document["trigger"] = std::move(trigger);
    document.update(content.collect(), true);
    const std::string path = options.dir + "/" + snapshot_file_name(sample.wall_ns);
    if (auto written =
            write_file_atomically(path, dump_json_line(document) + "\n", FileCompression::none);
        !written)
        return std::unexpected(written.error());
    // Retention: the oldest snapshots beyond --keep go (the one just written is the newest).
    std::vector<std::string> names = list_snapshots(options.dir);
    for (std::size_t i = 0; i + options.keep < names.size(); ++i)
        ::unlink((options.dir + "/" + names[i]).c_str());
    return path;
}

namespace {

// One NDJSON event line: {"@timestamp", "event": {"kind": "event", "dataset":
// "netstat_audit.trigger_event", "action"}, "netstat_audit": {"trigger": {...}}}.
std::string event_line(std::string_view action, std::int64_t wall_ns, Json trigger) {
    Json record = {{"@timestamp", format_timestamp(wall_ns)},
                   {"event", {{"action", std::string(action)}}},
                   {"netstat_audit", {{"trigger", std::move(trigger)}}}};
    return dump_json_line(json_record("trigger_event", Json::object(), record, RecordKind::event)) +
           "\n";
}

std::int64_t now_ns() {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

Json reasons_json(const std::vector<TriggerReason>& reasons) {
    Json list = Json::array();
    for (const TriggerReason& reason : reasons)
        list.push_back(reason_json(reason));
    return list;
}

} // namespace

int run_trigger_loop(const TriggerOptions& options, TriggerSampler& sampler,
                     SnapshotContent& content, TriggerWaiter& waiter,
                     const std::function<void(const std::string&)>& emit) {
    emit(event_line("trigger-started", now_ns(),
                    {{"dir", json_text(options.dir)},
                     {"every_seconds", options.every_seconds},
                     {"cooldown_seconds", options.cooldown_seconds},
                     {"keep", options.keep},
                     {"thresholds", thresholds_json(options.thresholds)}}));
    TriggerState state;
    std::size_t samples = 0;
    for (;;) {
        std::string error;
        if (std::optional<TriggerSample> sample = sampler.sample(error)) {
            const TriggerSample* previous = state.previous();
            Json measured = measured_json(previous, *sample);
            const TriggerState::Decision decision = state.observe(options, *sample);
            emit(event_line("sample", sample->wall_ns,
                            {{"measured", measured}, {"reasons", reasons_json(decision.reasons)}}));
            if (decision.action == TriggerState::Action::cooldown)
                emit(event_line("snapshot-suppressed", sample->wall_ns,
                                {{"reasons", reasons_json(decision.reasons)},
                                 {"cooldown_seconds", options.cooldown_seconds}}));
            if (decision.action == TriggerState::Action::write) {
                auto written =
                    write_snapshot(options, *sample, decision.reasons, measured, content);
                if (written) {
                    emit(event_line("snapshot-written", sample->wall_ns,
                                    {{"file", json_text(*written)},
                                     {"reasons", reasons_json(decision.reasons)},
                                     {"measured", measured}}));
                } else {
                    state.write_failed();
                    emit(event_line("snapshot-failed", sample->wall_ns,
                                    {{"error", json_text(written.error())},
                                     {"reasons", reasons_json(decision.reasons)}}));
                }
            }
        } else {
            emit(event_line("sample-failed", now_ns(), {{"error", json_text(error)}}));
        }
        ++samples;
        if (options.max_samples != 0 && samples >= options.max_samples)
            break;
        if (!waiter.wait(options.every_seconds))
            break;
    }
    emit(event_line("trigger-stopped", now_ns(), {{"samples", samples}}));
    return 0;
}

} // namespace netstat_audit
