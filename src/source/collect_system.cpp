// SPDX-License-Identifier: MIT
// Collectors for the route, counter and interface parts of a Snapshot (-r, -s, -i).
#include "netstat_audit/source/collect.hpp"

#include "netstat_audit/model/interface_order.hpp"
#include "netstat_audit/parse/counters.hpp"
#include "netstat_audit/parse/ipv6_route.hpp"
#include "netstat_audit/parse/net_dev.hpp"
#include "netstat_audit/parse/route.hpp"
#include "netstat_audit/parse/snmp6.hpp"

#include <algorithm>

namespace netstat_audit {

namespace {

// Reads `relative` once per snapshot, recording the attempt in `snapshot.files`. Returns the
// text, or nullopt when it could not be opened (or was already tried and failed).
std::optional<std::string> read_source(const ProcFs& proc, std::string_view relative,
                                       Snapshot& snapshot) {
    auto text = proc.read_file(relative);
    SourceFile file{std::string(relative), {}, {}};
    if (!text)
        file.error = text.error();
    snapshot.files.push_back(std::move(file));
    if (!text)
        return std::nullopt;
    return std::move(*text);
}

void append_diagnostics(Snapshot& snapshot, std::vector<Diagnostic>& diagnostics) {
    for (Diagnostic& diagnostic : diagnostics)
        snapshot.diagnostics.push_back(std::move(diagnostic));
}

void collect_ipv4_routes(const ProcFs& proc, const Options& options, Snapshot& snapshot) {
    if (options.fib || !options.cache) {
        if (auto text = read_source(proc, "net/route", snapshot)) {
            auto parsed = parse_ipv4_routes(*text);
            if (!parsed) {
                snapshot.files.back().format_error = parsed.error();
            } else {
                snapshot.routes_v4 = std::move(parsed->rows);
                append_diagnostics(snapshot, parsed->diagnostics);
            }
        }
    }
    if (options.cache)
        read_source(proc, "net/rt_cache", snapshot);
}

void collect_ipv6_routes(const ProcFs& proc, Snapshot& snapshot) {
    if (auto text = read_source(proc, "net/ipv6_route", snapshot)) {
        auto parsed = parse_ipv6_routes(*text);
        snapshot.routes_v6 = std::move(parsed.rows);
        append_diagnostics(snapshot, parsed.diagnostics);
    }
}

} // namespace

void collect_routes(const ProcFs& proc, const Options& options, Snapshot& snapshot) {
    const std::vector<Family> families = route_families(options);
    if (std::find(families.begin(), families.end(), Family::inet) != families.end())
        collect_ipv4_routes(proc, options, snapshot);
    if (std::find(families.begin(), families.end(), Family::inet6) != families.end())
        collect_ipv6_routes(proc, snapshot);
}

std::vector<CounterGroup> collect_counter_file(const ProcFs& proc, std::string_view relative,
                                               Snapshot& snapshot) {
    auto text = read_source(proc, relative, snapshot);
    if (!text)
        return {};
    if (relative == "net/snmp6")
        return parse_snmp6(*text).rows;
    if (relative == "net/sctp/snmp")
        return {parse_sctp_counters(*text)};
    auto parsed = parse_counter_pairs(*text, relative);
    append_diagnostics(snapshot, parsed.diagnostics);
    return std::move(parsed.rows);
}

namespace {

void append_groups(std::vector<CounterGroup>& to, std::vector<CounterGroup> groups) {
    for (CounterGroup& group : groups)
        to.push_back(std::move(group));
}

} // namespace

void collect_counters(const ProcFs& proc, const Options& options, Snapshot& snapshot) {
    switch (stats_request(options)) {
    case StatsRequest::ipv4:
        append_groups(snapshot.counters, collect_counter_file(proc, "net/snmp", snapshot));
        if (snapshot.files.back().error)
            return; // netstat stops at a missing snmp file
        append_groups(snapshot.counters, collect_counter_file(proc, "net/netstat", snapshot));
        append_groups(snapshot.counters, collect_counter_file(proc, "net/sctp/snmp", snapshot));
        return;
    case StatsRequest::ipv6:
        snapshot.counters_v6 = collect_counter_file(proc, "net/snmp6", snapshot);
        if (!snapshot.files.back().error)
            append_groups(snapshot.counters, collect_counter_file(proc, "net/snmp", snapshot));
        return;
    case StatsRequest::unsupported:
        return;
    }
}

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

} // namespace

void collect_interfaces(const ProcFs& proc, const InterfaceInfoSource& source,
                        const Options& options, Snapshot& snapshot) {
    std::vector<Listed> list;
    if (auto text = read_source(proc, "net/dev", snapshot))
        for (InterfaceStatsRow& row : parse_net_dev(*text).rows)
            list.push_back(Listed{std::move(row.name), row.stats});
    for (std::string& label : source.ipv4_labels())
        list.push_back(Listed{std::move(label), std::nullopt});
    sort_and_merge(list);
    for (Listed& listed : list) {
        Interface interface {
            std::move(listed.name), {}, listed.stats, {}
        };
        auto facts = source.facts(interface.name);
        if (facts)
            interface.facts = *facts;
        else
            interface.facts_error = facts.error();
        snapshot.interfaces.push_back(std::move(interface));
        if (!facts)
            break; // netstat's listing ends at the first interface it cannot query
    }
    if (options.extend > 0)
        if (auto text = read_source(proc, "net/if_inet6", snapshot))
            snapshot.interface_addresses_v6 = parse_if_inet6(*text).rows;
}

Snapshot collect_snapshot(const Sources& sources, const Options& options) {
    Snapshot snapshot;
    switch (options.mode) {
    case Mode::sockets:
        snapshot.sockets = collect_socket_tables(sources.sockets, select_sockets(options));
        break;
    case Mode::routes:
        collect_routes(sources.proc, options, snapshot);
        break;
    case Mode::statistics:
        collect_counters(sources.proc, options, snapshot);
        break;
    case Mode::interfaces:
        collect_interfaces(sources.proc, sources.interfaces, options, snapshot);
        break;
    default:
        break;
    }
    return snapshot;
}

} // namespace netstat_audit
