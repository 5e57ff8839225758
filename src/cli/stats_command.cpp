// SPDX-License-Identifier: MIT
// The -s view: reads the counter files in netstat's order and prints one report.
#include "netstat_audit/cli/stats_command.hpp"

#include "netstat_audit/cli/cli.hpp"
#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/parse/counters.hpp"
#include "netstat_audit/parse/snmp6.hpp"
#include "netstat_audit/view/stats_view.hpp"

#include <fmt/format.h>

#include <cstring>
#include <vector>

namespace netstat_audit {

namespace {

// -w -t -u -S pick sections; none of -t -u -U -w -S means all. -U alone switches nothing on.
StatsSwitches stats_switches(const Options& options) {
    const ProtocolSelection& p = options.protocols;
    if (!p.any())
        return {};
    return StatsSwitches{p.raw, p.tcp, p.udp, p.sctp};
}

std::vector<CounterGroup> read_pairs(const ProcFs& proc, const Output& output,
                                     std::string_view relative) {
    auto text = proc.read_file(relative);
    if (!text)
        return {};
    auto parsed = parse_counter_pairs(*text, relative);
    if (!parsed.diagnostics.empty())
        output.write_err(fmt::format("Problem while parsing /proc/{}\n", relative));
    return std::move(parsed.rows);
}

int report_ipv4(const ProcFs& proc, const Output& output, StatsSwitches switches) {
    if (auto snmp = proc.read_file("net/snmp"); !snmp) {
        output.write_err(
            fmt::format("cannot open /proc/net/snmp: {}\n", std::strerror(snmp.error().value())));
        return 0;
    }
    std::vector<CounterGroup> snmp = read_pairs(proc, output, "net/snmp");
    std::vector<CounterGroup> netstat = read_pairs(proc, output, "net/netstat");
    std::vector<CounterGroup> sctp;
    if (auto text = proc.read_file("net/sctp/snmp"))
        sctp.push_back(parse_sctp_counters(*text));
    const StatsInput inputs[] = {
        {snmp, StatsFamily::ipv4}, {netstat, StatsFamily::ipv4}, {sctp, StatsFamily::ipv4}};
    output.write_out(render_statistics(inputs, switches));
    return 0;
}

int report_ipv6(const ProcFs& proc, const Output& output, StatsSwitches switches) {
    auto snmp6 = proc.read_file("net/snmp6");
    if (!snmp6) {
        output.write_err(
            fmt::format("cannot open /proc/net/snmp6: {}\n", std::strerror(snmp6.error().value())));
        return 0;
    }
    std::vector<CounterGroup> ipv6 = parse_snmp6(*snmp6).rows;
    std::vector<CounterGroup> tcp;
    if (auto snmp = proc.read_file("net/snmp"); !snmp)
        output.write_err(
            fmt::format("cannot open /proc/net/snmp: {}\n", std::strerror(snmp.error().value())));
    for (CounterGroup& group : read_pairs(proc, output, "net/snmp"))
        if (group.name.starts_with("Tcp"))
            tcp.push_back(std::move(group));
    const StatsInput inputs[] = {{ipv6, StatsFamily::ipv6}, {tcp, StatsFamily::ipv4}};
    output.write_out(render_statistics(inputs, switches));
    return 0;
}

} // namespace

int run_statistics(const Options& options, const ProcFs& proc, const Output& output) {
    const StatsSwitches switches = stats_switches(options);
    const auto& families = options.families;
    if (families.empty() || (families.size() == 1 && families[0] == Family::inet))
        return report_ipv4(proc, output, switches);
    if (families.size() == 1 && families[0] == Family::inet6)
        return report_ipv6(proc, output, switches);
    std::string list;
    for (Family family : families)
        list += (list.empty() ? "" : ",") + std::string(family_name(family));
    output.write_out(fmt::format("{}: No statistics support for specified address family: {}\n",
                                 options.program_name, list));
    return exit_status::k_failure;
}

} // namespace netstat_audit
