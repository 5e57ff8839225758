// SPDX-License-Identifier: MIT
// libFuzzer target: the CLI11 grammar of `trigger` (parse_trigger_command_line). The input is
// split at NUL bytes into the arguments after "trigger"; parsing only decides options or a
// message: it creates no directory and samples nothing (run_trigger() does). Options it accepts
// must hold what --help promises: every number inside its range (NaN is in none), a --dir.
#include "fuzz_input.hpp"

#include "netstat_audit/cli/trigger_cli.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    const std::vector<std::string> arguments = input.arguments(64);
    const TriggerCommandLine command = parse_trigger_command_line(arguments, "netstat-audit");
    if (!command.options)
        return 0;
    const TriggerOptions& o = *command.options;
    auto within = [](double value, double low, double high) {
        return !std::isnan(value) && value >= low && value <= high;
    };
    const TriggerThresholds& t = o.thresholds;
    if (o.dir.empty() && !std::count(arguments.begin(), arguments.end(), "--dir") &&
        !std::any_of(arguments.begin(), arguments.end(),
                     [](const std::string& a) { return a.starts_with("--dir="); }))
        std::abort(); // --dir is required
    if (!within(o.every_seconds, 0.1, 86400) || !within(t.loss_percent, 0, 100) ||
        !within(t.rtt_ms, 0, 1e7) || !within(o.cooldown_seconds, 0, 1e9) || o.keep < 1 ||
        o.keep > 1000000 || (t.retrans_peer_percent && !within(*t.retrans_peer_percent, 0, 100)) ||
        (t.syn_recv && (*t.syn_recv < 0 || *t.syn_recv > std::int64_t{1} << 40)) ||
        (t.time_wait && (*t.time_wait < 0 || *t.time_wait > std::int64_t{1} << 40)))
        std::abort(); // a value outside the range --help gives
    return 0;
}
