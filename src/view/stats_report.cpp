// SPDX-License-Identifier: MIT
// The -s view: which counter groups, in netstat's order, with its file diagnostics.
#include "netstat_audit/view/stats_report.hpp"

#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/model/proc_path.hpp"
#include "netstat_audit/view/stats_view.hpp"

#include <fmt/format.h>

#include <cstring>

namespace netstat_audit {

namespace {

// -w -t -u -S pick sections; none of -t -u -U -w -S means all. -U alone switches nothing on.
StatsSwitches stats_switches(const Options& options) {
    const ProtocolSelection& p = options.protocols;
    if (!p.any())
        return {};
    return StatsSwitches{p.raw, p.tcp, p.udp, p.sctp};
}

// "cannot open /proc/FILE: …" when `relative` could not be opened; true when it was read.
bool check_open(const Snapshot& snapshot, const Options& options, std::string_view relative,
                RenderedText& text) {
    const SourceFile* file = snapshot.file(relative);
    if (file == nullptr || !file->error)
        return file != nullptr;
    text.err(fmt::format("cannot open {}: {}\n", join_proc_path(options.proc_root, relative),
                         std::strerror(file->error.value())));
    return false;
}

// netstat's one line for a counter file whose pairs stopped parsing.
void report_parse_problems(const Snapshot& snapshot, const Options& options,
                           std::string_view relative, RenderedText& text) {
    for (const Diagnostic& diagnostic : snapshot.diagnostics)
        if (diagnostic.file == relative) {
            text.err(fmt::format("Problem while parsing {}\n",
                                 join_proc_path(options.proc_root, relative)));
            return;
        }
}

void report_ipv4(const Snapshot& snapshot, const Options& options, StatsSwitches switches,
                 RenderedText& text) {
    if (!check_open(snapshot, options, "net/snmp", text))
        return;
    report_parse_problems(snapshot, options, "net/snmp", text);
    report_parse_problems(snapshot, options, "net/netstat", text);
    const StatsInput inputs[] = {{snapshot.counters, StatsFamily::ipv4}};
    text.out(render_statistics(inputs, switches));
}

void report_ipv6(const Snapshot& snapshot, const Options& options, StatsSwitches switches,
                 RenderedText& text) {
    if (!check_open(snapshot, options, "net/snmp6", text))
        return;
    // netstat reads /proc/net/snmp here for its Tcp lines only and ignores the parse result:
    // a damaged file gives the Tcp section it gives, never "Problem while parsing" (golden
    // cases s6*_bad, s6*_trunc, s6*_short).
    check_open(snapshot, options, "net/snmp", text);
    std::vector<CounterGroup> tcp;
    for (const CounterGroup& group : snapshot.counters)
        if (group.name.starts_with("Tcp"))
            tcp.push_back(group);
    const StatsInput inputs[] = {{snapshot.counters_v6, StatsFamily::ipv6},
                                 {tcp, StatsFamily::ipv4}};
    text.out(render_statistics(inputs, switches));
}

} // namespace

RenderedText render_stats_report(const Snapshot& snapshot, const Options& options) {
    RenderedText text;
    const StatsSwitches switches = stats_switches(options);
    switch (stats_request(options)) {
    case StatsRequest::ipv4:
        report_ipv4(snapshot, options, switches, text);
        return text;
    case StatsRequest::ipv6:
        report_ipv6(snapshot, options, switches, text);
        return text;
    case StatsRequest::unsupported:
        break;
    }
    std::string list;
    for (Family family : options.families)
        list += (list.empty() ? "" : ",") + std::string(family_name(family));
    text.out(fmt::format("{}: No statistics support for specified address family: {}\n",
                         options.program_name, list));
    text.status = exit_status::k_failure;
    return text;
}

} // namespace netstat_audit
