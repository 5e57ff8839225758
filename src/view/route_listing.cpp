// SPDX-License-Identifier: MIT
// The -r view: netstat's per-family printers, address names like its INET_rresolve.
#include "netstat_audit/view/route_listing.hpp"

#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/model/proc_path.hpp"
#include "netstat_audit/view/routes_view.hpp"

#include <fmt/format.h>

#include <cstring>

namespace netstat_audit {

namespace {

struct RouteRun {
    const Snapshot& snapshot;
    const Options& options;
    Resolver& names;
    NameResolver route_names;
    bool numeric = false;
    RouteLayout layout = RouteLayout::mss;
    RenderedText text;
};

// Destination: "default" only for 0.0.0.0/0; a host route or an address with bits outside the
// mask is a host, anything else a network (golden cases r, rn, r_reorder).
std::string destination_text(RouteRun& run, const Ipv4Route& route) {
    if (run.numeric)
        return format_numeric(route.destination);
    if (route.destination.is_unspecified())
        return route.mask.is_unspecified() ? "default" : "0.0.0.0";
    bool host = (route.flags & route_flag::k_host) != 0 ||
                (route.destination.v4_host_order() & ~route.mask.v4_host_order()) != 0;
    return host ? run.route_names.route_host(route.destination)
                : run.route_names.route_network(route.destination);
}

std::string gateway_text(RouteRun& run, const Ipv4Route& route) {
    if (run.numeric || route.gateway.is_unspecified())
        return format_numeric(route.gateway);
    return run.route_names.route_host(route.gateway);
}

// netstat reuses its sockaddrs from row to row: an address that does not decode keeps the
// previous printed route's (unit test RouteListing.InvalidAddressKeepsThePreviousOne).
void keep_previous_when_invalid(Ipv4Route& route, Ipv4Route& previous) {
    if (!route.destination_valid)
        route.destination = previous.destination;
    if (!route.gateway_valid)
        route.gateway = previous.gateway;
    if (!route.mask_valid)
        route.mask = previous.mask;
    previous = route;
}

// perror(PATH) + "… not configured in this system." on stdout: netstat's missing-file report.
int report_missing(RouteRun& run, const SourceFile& file, std::string_view not_configured) {
    run.text.err(fmt::format("{}: {}\n", join_proc_path(run.options.proc_root, file.relative),
                             std::strerror(file.error.value())));
    run.text.out(std::string(not_configured));
    return exit_status::k_failure;
}

const SourceFile& file_or_missing(const Snapshot& snapshot, std::string_view relative) {
    static const SourceFile k_not_collected{
        "", std::make_error_code(std::errc::no_such_file_or_directory), {}};
    const SourceFile* file = snapshot.file(relative);
    return file != nullptr ? *file : k_not_collected;
}

constexpr std::string_view k_inet_missing = "INET (IPv4) not configured in this system.\n";
constexpr std::string_view k_inet6_missing = "INET6 (IPv6) not configured in this system.\n";

int print_ipv4_fib(RouteRun& run) {
    const SourceFile& file = file_or_missing(run.snapshot, "net/route");
    if (file.error)
        return report_missing(run, file, k_inet_missing);
    run.text.out(render_ipv4_route_title(RouteTable::fib));
    run.text.out(render_ipv4_route_header(run.layout, RouteTable::fib));
    if (file.format_error) {
        if (!file.format_error->empty())
            run.text.err(fmt::format("warning: {} does not contain required field {}\n",
                                     join_proc_path(run.options.proc_root, "net/route"),
                                     *file.format_error));
        return exit_status::k_failure;
    }
    std::string out;
    Ipv4Route previous;
    RouteCarryOver carry_over;
    for (const Ipv4Route& row : run.snapshot.routes_v4) {
        Ipv4Route route = carry_over.apply(row);
        if (!(route.flags & route_flag::k_up))
            continue;
        keep_previous_when_invalid(route, previous);
        render_ipv4_route(out, route, destination_text(run, route), gateway_text(run, route),
                          run.layout);
    }
    run.text.out(std::move(out));
    return exit_status::k_ok;
}

// Current kernels give /proc/net/rt_cache a header and no rows: title and header only.
int print_ipv4_cache(RouteRun& run) {
    const SourceFile& file = file_or_missing(run.snapshot, "net/rt_cache");
    if (file.error)
        return report_missing(run, file, k_inet_missing);
    run.text.out(render_ipv4_route_title(RouteTable::cache));
    run.text.out(render_ipv4_route_header(run.layout, RouteTable::cache));
    return exit_status::k_ok;
}

int print_ipv6(RouteRun& run, RouteTable table) {
    const bool cache = table == RouteTable::cache;
    const SourceFile& file = file_or_missing(run.snapshot, "net/ipv6_route");
    if (file.error)
        return report_missing(run, file, k_inet6_missing);
    run.text.out(render_ipv6_route_title(table));
    run.text.out(render_ipv6_route_header());
    NameResolver names(run.names, NumericFlags{run.numeric, false, false});
    std::string out;
    Ipv6RouteCarryOver carry_over;
    for (const Ipv6Route& row : run.snapshot.routes_v6) {
        const Ipv6Route route = carry_over.apply(row);
        if (((route.flags & route_flag::k_cache) != 0) != cache)
            continue;
        render_ipv6_route(out, route, names.host(route.destination), names.host(route.next_hop));
    }
    run.text.out(std::move(out));
    return exit_status::k_ok;
}

// Families that have a route printer in netstat but no table on a current kernel: the
// printer's own complaint, exit 1 (golden cases in route.cases).
int print_legacy_family(RouteRun& run, Family family) {
    struct Legacy {
        Family family;
        std::string_view err;
        std::string_view out;
    };
    constexpr Legacy k_legacy[] = {
        {Family::ax25, "/proc/net/ax25_route: No such file or directory\n",
         "AX.25 not configured in this system.\n"},
        {Family::ipx, "No such file or directory\n",
         "IPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.\n"},
        {Family::ddp,
         "Error opening /proc/net/atalk_route: No such file or directory\n"
         "DDP (AppleTalk) not configured on this system.\n",
         ""},
        {Family::netrom,
         "/proc/net/nr_nodes: No such file or directory\n/proc/net/nr_neigh: Invalid argument\n",
         "NET/ROM not configured in this system.\n"},
        {Family::rose,
         "/proc/net/rose_nodes: No such file or directory\nROSE not configured in this system.\n",
         ""},
        {Family::x25, "", "X.25 not configured in this system.\n"},
    };
    for (const Legacy& legacy : k_legacy) {
        if (legacy.family != family)
            continue;
        run.text.err(std::string(legacy.err));
        run.text.out(std::string(legacy.out));
        return exit_status::k_failure;
    }
    if (family == Family::bluetooth) {
        run.text.err("Address family `bluetooth' not supported.\n");
        return exit_status::k_usage;
    }
    std::string_view name = family == Family::econet ? "ec" : family_name(family);
    run.text.err(fmt::format("No routing for address family `{}'.\n", name));
    return exit_status::k_usage;
}

int print_family(RouteRun& run, Family family) {
    const bool cache = run.options.cache;
    const bool fib = run.options.fib || !cache;
    if (family == Family::inet) {
        if (fib)
            if (int status = print_ipv4_fib(run))
                return status;
        return cache ? print_ipv4_cache(run) : exit_status::k_ok;
    }
    if (family == Family::inet6) {
        if (fib)
            if (int status = print_ipv6(run, RouteTable::fib))
                return status;
        return cache ? print_ipv6(run, RouteTable::cache) : exit_status::k_ok;
    }
    return print_legacy_family(run, family);
}

} // namespace

RenderedText render_route_listing(const Snapshot& snapshot, const Options& options,
                                  Resolver& names) {
    RouteRun run{snapshot, options,          names, NameResolver(names, NumericFlags{}),
                 false,    RouteLayout::mss, {}};
    run.numeric = options.numeric.hosts || options.symbolic;
    run.layout = route_layout_for_extend(options.extend);
    for (Family family : route_families(options))
        if ((run.text.status = print_family(run, family)) != exit_status::k_ok)
            break;
    return std::move(run.text);
}

} // namespace netstat_audit
