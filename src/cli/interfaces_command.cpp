// SPDX-License-Identifier: MIT
// The -i view: /proc/net/dev plus IPv4 labels, sorted naturally, facts per name, printed.
#include "netstat_audit/cli/interfaces_command.hpp"

#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/parse/net_dev.hpp"
#include "netstat_audit/source/interface_info.hpp"
#include "netstat_audit/view/interfaces_view.hpp"
#include "netstat_audit/view/resolver.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace netstat_audit {

namespace {

// A name to list and its /proc/net/dev counters, if it has a line there.
struct Listed {
    std::string name;
    std::optional<InterfaceStats> stats;
};

// netstat's if_cache_add() keeps a sorted list and merges equal names (the first one keeps its
// data). A stable sort then dropping later equals gives the same list in O(n log n), which
// matters for a hostile /proc/net/dev with a million "interfaces".
void sort_and_merge(std::vector<Listed>& list) {
    std::stable_sort(list.begin(), list.end(), [](const Listed& a, const Listed& b) {
        return compare_interface_names(a.name, b.name) < 0;
    });
    auto last = std::unique(list.begin(), list.end(), [](const Listed& a, const Listed& b) {
        return compare_interface_names(a.name, b.name) == 0;
    });
    list.erase(last, list.end());
}

std::vector<Listed> collect_names(const ProcFs& proc, const Output& output,
                                  const InterfaceInfoSource& source) {
    std::vector<Listed> list;
    auto text = proc.read_file("net/dev");
    if (text) {
        for (InterfaceStatsRow& row : parse_net_dev(*text).rows)
            list.push_back(Listed{std::move(row.name), row.stats});
    } else {
        output.write_err(fmt::format("Warning: cannot open /proc/net/dev ({}). Limited output.\n",
                                     std::strerror(text.error().value())));
    }
    for (std::string& label : source.ipv4_labels())
        list.push_back(Listed{std::move(label), std::nullopt});
    sort_and_merge(list);
    return list;
}

// The if_inet6 lines of one interface and their address texts (numeric, v4-mapped as IPv4).
struct Inet6Lines {
    std::vector<Inet6InterfaceAddress> rows;
    std::vector<std::string> texts;
};

Inet6Lines inet6_lines(const std::vector<Inet6InterfaceAddress>& all, const std::string& name) {
    Inet6Lines lines;
    NameResolver numeric(NumericFlags{true, true, true});
    for (const Inet6InterfaceAddress& row : all) {
        if (row.device != name)
            continue;
        lines.rows.push_back(row);
        lines.texts.push_back(numeric.host(row.address));
    }
    return lines;
}

} // namespace

int run_interfaces(const Options& options, const ProcFs& proc, const Output& output,
                   InterfaceTitle title) {
    const bool long_format = options.extend > 0;
    if (title == InterfaceTitle::print)
        output.write_out(render_interface_title());
    if (!long_format)
        output.write_out(render_interface_header());
    const InterfaceInfoSource source = InterfaceInfoSource::for_proc_root(proc.root());
    std::vector<Listed> names = collect_names(proc, output, source);
    std::vector<Inet6InterfaceAddress> inet6;
    if (long_format)
        if (auto text = proc.read_file("net/if_inet6"))
            inet6 = parse_if_inet6(*text).rows;
    for (Listed& listed : names) {
        auto facts = source.facts(listed.name);
        if (!facts) {
            int error = facts.error().value();
            output.write_err(
                fmt::format("{}: error fetching interface information: {}\n", listed.name,
                            error == ENODEV ? "Device not found" : std::strerror(error)));
            output.write_err(
                fmt::format("missing interface information: {}\n", std::strerror(error)));
            return exit_status::k_failure;
        }
        if (!(facts->flags & interface_flag::k_up) && !options.all)
            continue;
        Interface interface { listed.name, *facts, listed.stats };
        std::string out;
        if (long_format) {
            Inet6Lines lines = inet6_lines(inet6, listed.name);
            render_interface_long(out, interface, lines.rows, lines.texts);
        } else {
            render_interface_row(out, interface);
        }
        output.write_out(out);
    }
    return 0;
}

} // namespace netstat_audit
