// SPDX-License-Identifier: MIT
// The -r view: reads route files, resolves names like netstat's INET_rresolve, prints.
#include "netstat_audit/cli/routes_command.hpp"

#include "netstat_audit/cli/cli.hpp"
#include "netstat_audit/parse/ipv6_route.hpp"
#include "netstat_audit/parse/route.hpp"
#include "netstat_audit/source/system_resolver.hpp"
#include "netstat_audit/view/resolver.hpp"
#include "netstat_audit/view/routes_view.hpp"

#include <fmt/format.h>

#include <cstring>

namespace netstat_audit {

namespace {

struct RouteRun {
    const Options& options;
    const ProcFs& proc;
    const Output& output;
    Resolver& system;
    NameResolver& names;
    bool numeric = false;
    RouteLayout layout = RouteLayout::mss;
};

// Destination (spec §10.2): "default" only for 0.0.0.0/0; a host route or an address with bits
// outside the mask is a host, anything else a network.
std::string destination_text(const Ipv4Route& route, NameResolver& names, bool numeric) {
    if (numeric)
        return format_numeric(route.destination);
    if (route.destination.is_unspecified())
        return route.mask.is_unspecified() ? "default" : "0.0.0.0";
    bool host = (route.flags & route_flag::k_host) != 0 ||
                (route.destination.v4_host_order() & ~route.mask.v4_host_order()) != 0;
    return host ? names.route_host(route.destination) : names.route_network(route.destination);
}

std::string gateway_text(const Ipv4Route& route, NameResolver& names, bool numeric) {
    if (numeric || route.gateway.is_unspecified())
        return format_numeric(route.gateway);
    return names.route_host(route.gateway);
}

void keep_previous_when_invalid(Ipv4Route& route, Ipv4Route& previous) {
    if (!route.destination_valid)
        route.destination = previous.destination;
    if (!route.gateway_valid)
        route.gateway = previous.gateway;
    if (!route.mask_valid)
        route.mask = previous.mask;
    previous = route;
}

// perror(PATH) + "… not configured in this system." on stdout, netstat's missing-file report.
int report_missing(const RouteRun& run, std::string_view relative, int error,
                   std::string_view not_configured) {
    run.output.write_err(fmt::format("/proc/{}: {}\n", relative, std::strerror(error)));
    run.output.write_out(not_configured);
    return 1;
}

int print_ipv4_fib(const RouteRun& run) {
    auto text = run.proc.read_file("net/route");
    if (!text)
        return report_missing(run, "net/route", text.error().value(),
                              "INET (IPv4) not configured in this system.\n");
    run.output.write_out(render_ipv4_route_title(RouteTable::fib));
    run.output.write_out(render_ipv4_route_header(run.layout, RouteTable::fib));
    auto parsed = parse_ipv4_routes(*text);
    if (!parsed) {
        if (!parsed.error().empty())
            run.output.write_err(fmt::format(
                "warning: /proc/net/route does not contain required field {}\n", parsed.error()));
        return 1;
    }
    std::string out;
    Ipv4Route previous; // netstat reuses its sockaddrs: a bad address keeps the last one
    for (Ipv4Route& route : parsed->rows) {
        if (!(route.flags & route_flag::k_up))
            continue;
        keep_previous_when_invalid(route, previous);
        render_ipv4_route(out, route, destination_text(route, run.names, run.numeric),
                          gateway_text(route, run.names, run.numeric), run.layout);
    }
    run.output.write_out(out);
    return 0;
}

// Current kernels give /proc/net/rt_cache a header and no rows: title and header only.
int print_ipv4_cache(const RouteRun& run) {
    auto text = run.proc.read_file("net/rt_cache");
    if (!text)
        return report_missing(run, "net/rt_cache", text.error().value(),
                              "INET (IPv4) not configured in this system.\n");
    run.output.write_out(render_ipv4_route_title(RouteTable::cache));
    run.output.write_out(render_ipv4_route_header(run.layout, RouteTable::cache));
    return 0;
}

int print_ipv6(const RouteRun& run, RouteTable table) {
    const bool cache = table == RouteTable::cache;
    auto text = run.proc.read_file("net/ipv6_route");
    if (!text)
        return report_missing(run, "net/ipv6_route", text.error().value(),
                              "INET6 (IPv6) not configured in this system.\n");
    run.output.write_out(render_ipv6_route_title(table));
    run.output.write_out(render_ipv6_route_header());
    NameResolver resolver(run.system, NumericFlags{run.numeric, false, false});
    std::string out;
    for (const Ipv6Route& route : parse_ipv6_routes(*text).rows) {
        if (((route.flags & route_flag::k_cache) != 0) != cache)
            continue;
        render_ipv6_route(out, route, resolver.host(route.destination),
                          resolver.host(route.next_hop));
    }
    run.output.write_out(out);
    return 0;
}

// Families that have a route printer in netstat but no table on a current kernel: the
// printer's own complaint, exit 1.
int print_legacy_family(const RouteRun& run, Family family) {
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
        run.output.write_err(legacy.err);
        run.output.write_out(legacy.out);
        return 1;
    }
    if (family == Family::bluetooth) {
        run.output.write_err("Address family `bluetooth' not supported.\n");
        return 3;
    }
    std::string_view name = family == Family::econet ? "ec" : family_name(family);
    run.output.write_err(fmt::format("No routing for address family `{}'.\n", name));
    return 3;
}

int print_family(const RouteRun& run, Family family) {
    const bool cache = run.options.cache;
    const bool fib = run.options.fib || !cache;
    if (family == Family::inet) {
        if (fib)
            if (int status = print_ipv4_fib(run))
                return status;
        return cache ? print_ipv4_cache(run) : 0;
    }
    if (family == Family::inet6) {
        if (fib)
            if (int status = print_ipv6(run, RouteTable::fib))
                return status;
        return cache ? print_ipv6(run, RouteTable::cache) : 0;
    }
    return print_legacy_family(run, family);
}

} // namespace

int run_routes(const Options& options, const ProcFs& proc, const Output& output) {
    SystemResolver system;
    NameResolver names(system, NumericFlags{});
    RouteRun run{options, proc, output, system, names};
    run.numeric = options.numeric.hosts || options.symbolic;
    run.layout = route_layout_for_extend(options.extend);
    std::vector<Family> families = options.families;
    if (families.empty())
        families.push_back(Family::inet);
    for (Family family : families)
        if (int status = print_family(run, family))
            return status;
    return 0;
}

} // namespace netstat_audit
