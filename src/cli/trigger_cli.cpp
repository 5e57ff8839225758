// SPDX-License-Identifier: MIT
// The trigger's command line (CLI11) and its run: the live sampler, content and wait given to
// the loop.
#include "netstat_audit/cli/trigger_cli.hpp"
#include "netstat_audit/cli/cli11.hpp"
#include "netstat_audit/cli/cli11_main.hpp"
#include "netstat_audit/cli/number_checks.hpp"

#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/source/proc_fs.hpp"
#include "netstat_audit/trigger/trigger_live.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

// The directory exists (created when missing) and this user may write there.
std::string prepare_directory(const std::string& dir) {
    if (::mkdir(dir.c_str(), 0750) != 0 && errno != EEXIST)
        return fmt::format("cannot create {}: {}", dir, std::strerror(errno));
    struct stat info {};
    if (::stat(dir.c_str(), &info) != 0)
        return fmt::format("cannot use {}: {}", dir, std::strerror(errno));
    if (!S_ISDIR(info.st_mode))
        return fmt::format("{} is not a directory", dir);
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        return fmt::format("cannot write into {}: {}", dir, std::strerror(errno));
    return {};
}

// Ends the loop as a signal does once the reader of the events went away (EPIPE: `| head`).
class UntilOutputCloses final : public TriggerWaiter {
public:
    UntilOutputCloses(TriggerWaiter& inner, const bool& closed)
        : m_inner(inner), m_closed(closed) {}
    bool wait(double seconds) override { return !m_closed && m_inner.wait(seconds); }

private:
    TriggerWaiter& m_inner;
    const bool& m_closed;
};

} // namespace

bool is_trigger_invocation(int argc, char** argv) {
    return is_subcommand_invocation(argc, argv, "trigger");
}

TriggerCommandLine parse_trigger_command_line(const std::vector<std::string>& arguments,
                                              const std::string& program) {
    TriggerCommandLine result;
    TriggerOptions options;
    const std::ios_base::Init standard_streams; // CLI11 may write to std::cout (cli11.hpp)
    CLI::App app{"Sample the host every --every seconds; when TCP loss (RetransSegs/OutSegs "
                 "over the last interval) or the p95 RTT of established connections exceeds "
                 "its threshold, or an optional condition holds, write one snapshot (the audit "
                 "report and every view as JSON, with the reasons and measured values) "
                 "atomically into --dir, at most once per --cooldown, keeping the newest --keep. "
                 "NDJSON events go to stdout. SIGTERM or SIGINT end it with status 0; 3 is a "
                 "usage error or an unusable --dir.",
                 program + " trigger"};
    app.add_option("--dir", options.dir, "write snapshots into DIR (created if missing)")
        ->required()
        ->type_name("DIR");
    app.add_option("--every", options.every_seconds, "seconds between samples (default 10)")
        ->check(not_nan())
        ->check(CLI::Range(0.1, 86400.0))
        ->type_name("SECONDS");
    app.add_option("--loss", options.thresholds.loss_percent,
                   "TCP retransmitted share of segments sent in the last interval, in percent, "
                   "above which to trigger (default 0.1)")
        ->check(not_nan())
        ->check(CLI::Range(0.0, 100.0))
        ->type_name("PERCENT");
    app.add_option("--rtt", options.thresholds.rtt_ms,
                   "p95 RTT of established connections in ms above which to trigger (default 50; "
                   "needs netlink tcp_info, the live kernel)")
        ->check(not_nan())
        ->check(CLI::Range(0.0, 1e7))
        ->type_name("MS");
    app.add_option("--retrans-peer", options.thresholds.retrans_peer_percent,
                   "trigger when one remote peer's connections retransmitted more than PERCENT "
                   "of their segments (peers with at least 100 segments sent)")
        ->check(not_nan())
        ->check(CLI::Range(0.0, 100.0))
        ->type_name("PERCENT");
    app.add_option("--syn-recv", options.thresholds.syn_recv,
                   "trigger at N or more SYN_RECV sockets")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40))
        ->type_name("N");
    app.add_option("--time-wait", options.thresholds.time_wait,
                   "trigger at N or more TIME_WAIT sockets")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40))
        ->type_name("N");
    app.add_option("--cooldown", options.cooldown_seconds,
                   "at most one snapshot per SECONDS (default 300)")
        ->check(not_nan())
        ->check(CLI::Range(0.0, 1e9))
        ->type_name("SECONDS");
    app.add_option("--keep", options.keep, "keep the newest N snapshots (default 20)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
        ->type_name("N");
    app.add_option("--baseline", options.baseline,
                   "the snapshot's audit compares with the baseline FILE")
        ->type_name("FILE");
    app.add_option("--proc-root", options.proc_root,
                   "read /proc data from DIR (no netlink: no RTT)")
        ->type_name("DIR");
    app.add_option("--count", options.max_samples, "stop after N samples (default: never)")
        ->type_name("N");
    if (!parse_subcommand(app, arguments, program + " trigger", result))
        return result;
    result.options = std::move(options);
    return result;
}

int run_trigger(const TriggerOptions& options, const Output& output) {
    // 1. The output directory must be usable before the first sample.
    if (const std::string problem = prepare_directory(options.dir); !problem.empty()) {
        output.write_err(fmt::format("netstat-audit trigger: {}\n", problem));
        return exit_status::k_usage;
    }
    // 2. The live parts: sampler, snapshot content, a wait that signals end.
    const ProcFs proc(resolve_proc_root(options.proc_root));
    LiveTriggerSampler sampler(proc);
    LiveSnapshotContent content(options.proc_root, options.baseline);
    SignalWaiter signals;
    bool output_closed = false;
    UntilOutputCloses waiter(signals, output_closed);
    // 3. The loop; each event is flushed at once for a shipper reading the pipe.
    return run_trigger_loop(options, sampler, content, waiter, [&](const std::string& line) {
        output.write_out(line);
        if (std::fflush(output.out) != 0 && errno == EPIPE)
            output_closed = true;
    });
}

int run_trigger_main(int argc, char** argv, const Output& output) {
    return run_subcommand_main(
        argc, argv, output, parse_trigger_command_line,
        [&](const TriggerOptions& options) { return run_trigger(options, output); });
}

} // namespace netstat_audit
