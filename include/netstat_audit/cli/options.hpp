// SPDX-License-Identifier: MIT
// The parsed command line as plain data: what to show and how, free of any parser types.
#pragma once

#include "netstat_audit/model/socket_filter.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// What the run produces, decided by netstat's mode precedence (golden case is_conflict).
enum class Mode {
    sockets,     // default: socket listing
    interfaces,  // -i
    routes,      // -r
    statistics,  // -s
    masquerade,  // -M
    help,        // -h: usage on stdout, exit 0
    version,     // -V
    usage_error, // invalid option, conflict: usage on stderr, exit 3
    exit_now,    // parse already decided the exit status (e.g. unknown family)
};

// Address families netstat accepts by name; "families" below keeps them in command-line order.
enum class Family { inet, inet6, unix, ipx, ax25, netrom, rose, x25, ddp, econet, ash, bluetooth };

// Canonical name netstat prints for a family in the -s error ("inet", "inet6", "unix", ...);
// the route and statistics views print it, so it lives with the enum, not the parser.
constexpr std::string_view family_name(Family family) {
    constexpr std::string_view k_names[] = {"inet", "inet6", "unix", "ipx",    "ax25", "netrom",
                                            "rose", "x25",   "ddp",  "econet", "ash",  "bluetooth"};
    static_assert(std::size(k_names) == static_cast<std::size_t>(Family::bluetooth) + 1);
    return k_names[static_cast<std::size_t>(family)];
}

// Each part of name resolution that can be switched to numbers separately.
struct NumericFlags {
    bool hosts = false;
    bool ports = false;
    bool users = false;
};

// Which socket sections of the listing were asked for (-t -S -u -U -w, -g).
struct ProtocolSelection {
    bool tcp = false;
    bool sctp = false;
    bool udp = false;
    bool udplite = false;
    bool raw = false;
    bool any() const { return tcp || sctp || udp || udplite || raw; }
};

// How results are written: netstat's text, one JSON document, or one JSON record per line.
enum class OutputFormat : std::uint8_t { text, json, ndjson };

// Where the Internet socket tables come from (--source): the kernel's sock_diag netlink dump or
// the /proc/net text files. `automatic` uses netlink for the live /proc of our own network
// namespace (no --proc-root) and falls back to /proc on any netlink error.
enum class SourceChoice : std::uint8_t { automatic, proc, netlink };

// Which rows a socket listing shows: -a, -l, or neither.
enum class ListingFilter : std::uint8_t { connected, listening, all };

struct Options {
    Mode mode = Mode::sockets;
    int exit_status = 0;         // for Mode::exit_now
    std::string program_name;    // basename of argv[0], used where netstat says "netstat"
    std::string invocation_name; // argv[0] as given, used where getopt prints it

    std::string proc_root = "/proc";               // --proc-root
    bool proc_root_given = false;                  // --proc-root always means /proc text
    SourceChoice source = SourceChoice::automatic; // --source

    ProtocolSelection protocols;
    bool groups = false;          // -g
    std::vector<Family> families; // every -A/-4/-6/-x/--inet... in order
    bool family_inet = false;
    bool family_inet6 = false;
    bool family_unix = false;
    bool family_other_explicit = false; // ipx, ax25, netrom, x25, rose: they make E true
    bool bluetooth = false;             // -2, -f, --bluetooth, -A bluetooth

    bool listening = false;  // -l
    bool all = false;        // -a
    int extend = 0;          // -e count
    bool programs = false;   // -p
    bool timers = false;     // -o
    bool wide = false;       // -W
    bool verbose = false;    // -v
    bool continuous = false; // -c
    bool symbolic = false;   // -N
    bool cache = false;      // -C
    bool fib = false;        // -F
    NumericFlags numeric;

    // netstat-audit's machine output; full long names only, taken out before netstat's grammar.
    OutputFormat format = OutputFormat::text; // --json, --ndjson
    unsigned watch_seconds = 0;               // --watch[=SECONDS]; 0: no watch
    std::string output_path;                  // --output=FILE / --output FILE
    std::string netns;   // --netns=all|NAME|PID; empty: the own network namespace only
    SocketFilter filter; // --state, --sport, --dport, --src, --dst, --pid, --user, --program
};

// The filter -a (wins) and -l select. --state without -l lists servers too (it names the
// states it wants, listen among them or not).
inline ListingFilter listing_filter(const Options& options) {
    if (options.all || (options.filter.states != 0 && !options.listening))
        return ListingFilter::all;
    return options.listening ? ListingFilter::listening : ListingFilter::connected;
}

// The families -r prints, in command-line order: inet when none is named.
inline std::vector<Family> route_families(const Options& options) {
    if (options.families.empty())
        return {Family::inet};
    return options.families;
}

// Which -s report a family list asks for: none or "inet" → IPv4, "inet6" alone → IPv6, anything
// else is unsupported (golden cases s46, s6_zero).
enum class StatsRequest { ipv4, ipv6, unsupported };
inline StatsRequest stats_request(const Options& options) {
    const auto& families = options.families;
    if (families.empty() || (families.size() == 1 && families[0] == Family::inet))
        return StatsRequest::ipv4;
    if (families.size() == 1 && families[0] == Family::inet6)
        return StatsRequest::ipv6;
    return StatsRequest::unsupported;
}

} // namespace netstat_audit
