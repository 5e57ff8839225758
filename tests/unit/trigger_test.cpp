// SPDX-License-Identifier: MIT
// Tests for the trigger: thresholds, cooldown and retention driven by scripted samples (no
// sleeping, no live system), and its command line.
#include "netstat_audit/trigger/trigger.hpp"

#include "netstat_audit/cli/trigger_cli.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace netstat_audit;
namespace fs = std::filesystem;

namespace {

class TriggerTempDir {
public:
    TriggerTempDir() {
        std::string pattern = (fs::temp_directory_path() / "trigger-test.XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TriggerTempDir() { fs::remove_all(m_path); }
    TriggerTempDir(const TriggerTempDir&) = delete;
    TriggerTempDir& operator=(const TriggerTempDir&) = delete;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

constexpr std::int64_t k_second = 1'000'000'000;
constexpr std::int64_t k_start_wall = 1'796'000'000 * k_second; // 2026-11-30T00:53:20Z

// One sample `index` intervals of 10 s after the start.
TriggerSample at(int index) {
    TriggerSample s;
    s.wall_ns = k_start_wall + index * 10 * k_second;
    s.monotonic_ns = 1000 * k_second + index * 10 * k_second;
    s.boot_id = "boot-a";
    s.retrans_segs = 0;
    s.out_segs = 0;
    return s;
}

class ScriptedSampler final : public TriggerSampler {
public:
    explicit ScriptedSampler(std::vector<TriggerSample> samples) : m_samples(std::move(samples)) {}
    std::optional<TriggerSample> sample(std::string& error) override {
        if (m_next >= m_samples.size()) {
            error = "script exhausted";
            return std::nullopt;
        }
        return m_samples[m_next++];
    }

private:
    std::vector<TriggerSample> m_samples;
    std::size_t m_next = 0;
};

class FakeContent final : public SnapshotContent {
public:
    Json collect() override {
        ++calls;
        return {{"audit", {{"document_type", "audit"}}}, {"views", Json::object()}};
    }
    int calls = 0;
};

// Never sleeps; stops after `waits` waits.
class CountingWaiter final : public TriggerWaiter {
public:
    explicit CountingWaiter(std::size_t waits) : m_left(waits) {}
    bool wait(double seconds) override {
        waited.push_back(seconds);
        return m_left-- > 1;
    }
    std::vector<double> waited;

private:
    std::size_t m_left;
};

struct LoopRun {
    std::vector<nlohmann::json> events;
    std::vector<std::string> files;
    int content_calls = 0;
};

LoopRun run_script(TriggerOptions options, std::vector<TriggerSample> samples) {
    ScriptedSampler sampler(samples);
    FakeContent content;
    CountingWaiter waiter(samples.size());
    LoopRun run;
    run_trigger_loop(options, sampler, content, waiter, [&](const std::string& line) {
        EXPECT_EQ(line.back(), '\n');
        EXPECT_EQ(line.find('\n'), line.size() - 1);
        run.events.push_back(nlohmann::json::parse(line));
    });
    run.files = list_snapshots(options.dir);
    run.content_calls = content.calls;
    return run;
}

std::vector<std::string> actions(const LoopRun& run) {
    std::vector<std::string> out;
    for (const auto& event : run.events)
        out.push_back(event["event"]["action"]);
    return out;
}

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

// Cumulative counters: segments sent and retransmitted per interval.
std::vector<TriggerSample> loss_script(const std::vector<std::pair<int, int>>& per_interval) {
    std::vector<TriggerSample> samples;
    std::uint64_t retrans = 5000, out = 1'000'000;
    for (std::size_t i = 0; i <= per_interval.size(); ++i) {
        TriggerSample s = at(static_cast<int>(i));
        if (i > 0) {
            retrans += static_cast<std::uint64_t>(per_interval[i - 1].first);
            out += static_cast<std::uint64_t>(per_interval[i - 1].second);
        }
        s.retrans_segs = retrans;
        s.out_segs = out;
        samples.push_back(s);
    }
    return samples;
}

TriggerOptions options_in(const TriggerTempDir& dir) {
    TriggerOptions options;
    options.dir = dir.path();
    options.cooldown_seconds = 0;
    return options;
}

} // namespace

TEST(TriggerLoop, LossCrossingWritesExactlyOnceWithItsReason) {
    TriggerTempDir dir;
    // 0.05%, 0.10% (not above), 0.30% (above), 0.02%: one snapshot, at the third interval.
    const LoopRun run = run_script(options_in(dir),
                                   loss_script({{5, 10000}, {10, 10000}, {30, 10000}, {2, 10000}}));
    ASSERT_EQ(run.files.size(), 1u);
    EXPECT_EQ(run.files[0], snapshot_file_name(at(3).wall_ns));
    EXPECT_EQ(run.files[0], "netstat-audit-trigger-20261130T005350.000000Z.json");
    const auto doc = read_json(dir.path() + "/" + run.files[0]);
    EXPECT_EQ(doc["schema_version"], 1);
    EXPECT_EQ(doc["document_type"], "trigger_snapshot");
    ASSERT_EQ(doc["trigger"]["reasons"].size(), 1u);
    EXPECT_EQ(doc["trigger"]["reasons"][0]["condition"], "loss");
    EXPECT_DOUBLE_EQ(doc["trigger"]["reasons"][0]["measured"].get<double>(), 0.3);
    EXPECT_DOUBLE_EQ(doc["trigger"]["measured"]["loss_percent"].get<double>(), 0.3);
    EXPECT_EQ(doc["trigger"]["thresholds"]["loss_percent"], 0.1);
    EXPECT_EQ(doc["audit"]["document_type"], "audit");
    EXPECT_EQ(run.content_calls, 1);
    const auto a = actions(run);
    EXPECT_EQ(std::count(a.begin(), a.end(), "snapshot-written"), 1);
    EXPECT_EQ(a.front(), "trigger-started");
    EXPECT_EQ(a.back(), "trigger-stopped");
}

TEST(TriggerLoop, StayingUnderWritesNothing) {
    TriggerTempDir dir;
    std::vector<TriggerSample> samples = loss_script({{9, 10000}, {10, 10000}, {0, 0}});
    for (TriggerSample& s : samples) {
        s.tcp_info = true;
        s.established = 20;
        s.rtt_p95_ms = 49.9;
        s.syn_recv = 3;
        s.time_wait = 999;
    }
    TriggerOptions options = options_in(dir);
    options.thresholds.time_wait = 1000;
    options.thresholds.syn_recv = 4;
    const LoopRun run = run_script(options, samples);
    EXPECT_TRUE(run.files.empty());
    EXPECT_EQ(run.content_calls, 0);
    // Every sample reported its measured values; the interval without segments has no loss.
    std::vector<nlohmann::json> measured;
    for (const auto& e : run.events)
        if (e["event"]["action"] == "sample")
            measured.push_back(e["netstat_audit"]["trigger"]["measured"]);
    ASSERT_EQ(measured.size(), 4u);
    EXPECT_TRUE(measured[0]["loss_percent"].is_null()); // no previous sample
    EXPECT_DOUBLE_EQ(measured[2]["loss_percent"].get<double>(), 0.1);
    EXPECT_TRUE(measured[3]["loss_percent"].is_null()); // OutSegs did not move
    EXPECT_EQ(measured[1]["rtt_p95_ms"], 49.9);
}

TEST(TriggerLoop, FlappingRttRespectsTheCooldown) {
    TriggerTempDir dir;
    std::vector<TriggerSample> samples;
    for (int i = 0; i < 10; ++i) {
        TriggerSample s = at(i); // every 10 s
        s.tcp_info = true;
        s.established = 5;
        s.rtt_p95_ms = i % 2 == 0 ? 80.0 : 20.0; // over, under, over, ...
        samples.push_back(s);
    }
    TriggerOptions options = options_in(dir);
    options.cooldown_seconds = 60;
    const LoopRun run = run_script(options, samples);
    // Over at 0, 20, 40, 60, 80 s: written at 0 and 60, suppressed at 20, 40 and 80.
    ASSERT_EQ(run.files.size(), 2u);
    EXPECT_EQ(run.files[0], snapshot_file_name(at(0).wall_ns));
    EXPECT_EQ(run.files[1], snapshot_file_name(at(6).wall_ns));
    const auto a = actions(run);
    EXPECT_EQ(std::count(a.begin(), a.end(), "snapshot-suppressed"), 3);
    const auto doc = read_json(dir.path() + "/" + run.files[1]);
    EXPECT_EQ(doc["trigger"]["reasons"][0]["condition"], "rtt");
    EXPECT_EQ(doc["trigger"]["reasons"][0]["measured"], 80.0);
}

TEST(TriggerLoop, KeepsOnlyTheNewestSnapshots) {
    TriggerTempDir dir;
    { std::ofstream(dir.path() + "/notes.txt") << "not a snapshot\n"; }
    std::vector<TriggerSample> samples;
    for (int i = 0; i < 6; ++i) {
        TriggerSample s = at(i);
        s.syn_recv = 0;
        samples.push_back(s);
    }
    TriggerOptions options = options_in(dir);
    options.keep = 3;
    options.thresholds.syn_recv = 0; // always holds
    const LoopRun run = run_script(options, samples);
    ASSERT_EQ(run.files.size(), 3u);
    EXPECT_EQ(run.files[0], snapshot_file_name(at(3).wall_ns));
    EXPECT_EQ(run.files[2], snapshot_file_name(at(5).wall_ns));
    EXPECT_TRUE(fs::exists(dir.path() + "/notes.txt"));
    for (const std::string& name : run.files)
        EXPECT_EQ(read_json(dir.path() + "/" + name)["trigger"]["reasons"][0]["condition"],
                  "syn-recv");
}

TEST(TriggerLoop, FailedWriteIsAnEventAndDoesNotStartTheCooldown) {
    TriggerTempDir dir;
    TriggerOptions options = options_in(dir);
    options.dir = dir.path() + "/missing";
    options.cooldown_seconds = 3600;
    options.thresholds.syn_recv = 0;
    const LoopRun run = run_script(options, {at(0), at(1)});
    const auto a = actions(run);
    EXPECT_EQ(std::count(a.begin(), a.end(), "snapshot-failed"), 2); // no cooldown after a failure
    EXPECT_EQ(std::count(a.begin(), a.end(), "snapshot-suppressed"), 0);
}

TEST(TriggerLoop, WaitsEveryIntervalAndEndsWhenTheWaiterSaysStop) {
    TriggerTempDir dir;
    TriggerOptions options = options_in(dir);
    options.every_seconds = 2.5;
    ScriptedSampler sampler({at(0), at(1), at(2), at(3)});
    FakeContent content;
    CountingWaiter waiter(2); // a signal during the second wait
    std::size_t lines = 0;
    run_trigger_loop(options, sampler, content, waiter, [&](const std::string&) { ++lines; });
    EXPECT_EQ(waiter.waited, (std::vector<double>{2.5, 2.5}));
    EXPECT_EQ(lines, 4u); // started, sample, sample, stopped
    options.max_samples = 1;
    CountingWaiter unused(10);
    run_trigger_loop(options, sampler, content, unused, [](const std::string&) {});
    EXPECT_TRUE(unused.waited.empty());
}

TEST(EvaluateTrigger, ResetOrRebootIsNoLoss) {
    TriggerSample before = at(0);
    before.retrans_segs = 1000;
    before.out_segs = 100000;
    TriggerSample after = at(1);
    after.retrans_segs = 900; // went backwards: a reset, not a negative loss
    after.out_segs = 100100;
    EXPECT_FALSE(interval_loss_percent(&before, after));
    after.retrans_segs = 1100;
    EXPECT_DOUBLE_EQ(*interval_loss_percent(&before, after), 100.0);
    after.boot_id = "boot-b"; // another boot: no difference can be told
    EXPECT_FALSE(interval_loss_percent(&before, after));
    EXPECT_TRUE(evaluate_trigger({}, &before, after).empty());
    after.out_segs.reset();
    after.boot_id = before.boot_id;
    EXPECT_FALSE(interval_loss_percent(&before, after));
}

TEST(EvaluateTrigger, RetransPeerNeedsEnoughSegments) {
    TriggerSample s = at(0);
    HealthGroup noisy{"192.0.2.1", 1, 1, 1, 5, 10, 0.5};     // 50% of 10 segments
    HealthGroup bad{"192.0.2.2", 3, 1, 1, 30, 1000, 0.03};   // 3% of 1000
    HealthGroup worse{"192.0.2.3", 2, 1, 1, 80, 1000, 0.08}; // 8% of 1000
    s.peers = {noisy, bad, worse};
    TriggerThresholds t;
    t.retrans_peer_percent = 2.0;
    const auto reasons = evaluate_trigger(t, nullptr, s);
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_EQ(reasons[0].condition, "retrans-peer");
    EXPECT_DOUBLE_EQ(reasons[0].measured, 8.0);
    EXPECT_NE(reasons[0].detail.find("192.0.2.3"), std::string::npos);
    t.retrans_peer_percent = 10.0;
    EXPECT_TRUE(evaluate_trigger(t, nullptr, s).empty());
}

TEST(EvaluateTrigger, CountsAreAtLeastAndRttNeedsTcpInfo) {
    TriggerSample s = at(0);
    s.syn_recv = 0;
    s.time_wait = 500;
    TriggerThresholds t;
    t.syn_recv = 0;
    t.time_wait = 500;
    auto reasons = evaluate_trigger(t, nullptr, s);
    ASSERT_EQ(reasons.size(), 2u);
    EXPECT_EQ(reasons[0].condition, "syn-recv");
    EXPECT_EQ(reasons[1].condition, "time-wait");
    // Without tcp_info (/proc text) there is no RTT: the rtt condition cannot fire.
    t = {};
    t.rtt_ms = 0;
    EXPECT_TRUE(evaluate_trigger(t, nullptr, s).empty());
}

TEST(TriggerCommandLine, OptionsAndErrors) {
    auto line = parse_trigger_command_line(
        {"--dir", "/var/lib/x", "--every", "1", "--syn-recv", "0", "--loss", "0.5", "--rtt", "20",
         "--cooldown", "30", "--keep", "5", "--retrans-peer", "2", "--time-wait", "100"},
        "netstat-audit");
    ASSERT_TRUE(line.options);
    EXPECT_EQ(line.options->dir, "/var/lib/x");
    EXPECT_EQ(line.options->every_seconds, 1.0);
    EXPECT_EQ(line.options->thresholds.syn_recv, 0);
    EXPECT_EQ(line.options->thresholds.loss_percent, 0.5);
    EXPECT_EQ(line.options->thresholds.rtt_ms, 20.0);
    EXPECT_EQ(line.options->cooldown_seconds, 30.0);
    EXPECT_EQ(line.options->keep, 5u);
    EXPECT_EQ(line.options->thresholds.retrans_peer_percent, 2.0);
    EXPECT_EQ(line.options->thresholds.time_wait, 100);
    const auto defaults = parse_trigger_command_line({"--dir", "d"}, "netstat-audit");
    ASSERT_TRUE(defaults.options);
    EXPECT_EQ(defaults.options->thresholds.loss_percent, 0.1);
    EXPECT_EQ(defaults.options->thresholds.rtt_ms, 50.0);
    EXPECT_FALSE(defaults.options->thresholds.syn_recv);
    for (const std::vector<std::string>& bad : {std::vector<std::string>{},
                                                {"--dir", "d", "--every", "0"},
                                                {"--dir", "d", "--keep", "0"},
                                                {"--dir", "d", "--loss", "x"},
                                                {"--dir", "d", "--bogus"}}) {
        const auto result = parse_trigger_command_line(bad, "netstat-audit");
        EXPECT_FALSE(result.options);
        EXPECT_EQ(result.exit_status, 3);
        EXPECT_NE(result.err.find("netstat-audit trigger: "), std::string::npos) << result.err;
    }
    const auto help = parse_trigger_command_line({"--help"}, "netstat-audit");
    EXPECT_FALSE(help.options);
    EXPECT_EQ(help.exit_status, 0);
    EXPECT_NE(help.out.find("--syn-recv"), std::string::npos);
}
