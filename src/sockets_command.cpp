// SPDX-License-Identifier: MIT
// The socket listing: netstat's section order, per-file diagnostics and exit statuses.
#include "netstat_audit/sockets_command.hpp"

#include "netstat_audit/parse/igmp.hpp"
#include "netstat_audit/parse/inet_sockets.hpp"
#include "netstat_audit/parse/sctp_sockets.hpp"
#include "netstat_audit/parse/unix_sockets.hpp"
#include "netstat_audit/process_map.hpp"
#include "netstat_audit/resolver.hpp"
#include "netstat_audit/view/groups_view.hpp"
#include "netstat_audit/view/sctp_view.hpp"
#include "netstat_audit/view/sockets_view.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace netstat_audit {

SocketSelection select_sockets(const Options& options) {
    SocketSelection s;
    ProtocolSelection p = options.protocols;
    bool inet = options.family_inet;
    bool inet6 = options.family_inet6;
    if ((inet || inet6) && !p.any()) {
        p = {true, true, true, true, true};
        s.implicit = true;
    }
    if ((p.any() || options.groups) && !inet && !inet6)
        inet = inet6 = true;
    s.explicit_selection = p.any() || options.family_unix || options.family_other_explicit ||
                           options.groups || options.bluetooth;
    const bool everything = !s.explicit_selection;
    s.inet_header = everything || p.any();
    s.tcp = everything || p.tcp;
    s.sctp = everything || p.sctp;
    s.udp = everything || p.udp;
    s.udplite = everything || p.udplite;
    s.raw = everything || p.raw;
    s.read_ipv4 = everything || inet;
    s.read_ipv6 = everything || inet6;
    s.groups = options.groups;
    s.unix = everything || options.family_unix;
    return s;
}

namespace {

ListingFilter listing_filter(const Options& options) {
    if (options.all)
        return ListingFilter::all;
    return options.listening ? ListingFilter::listening : ListingFilter::connected;
}

// State shared by the sections of one listing pass.
struct Listing {
    const Options& options;
    const ProcFs& proc;
    const Output& output;
    const SocketSelection& selection;
    NameResolver resolver;
    SocketViewOptions view;
    int status = 0;
    // -p: socket files read while the process walk ran, taken by read_section_file()
    std::vector<std::pair<std::string_view, std::expected<std::string, std::error_code>>>
        prefetched;
};

std::expected<std::string, std::error_code> take_prefetched(Listing& listing,
                                                            std::string_view relative) {
    for (auto& [name, content] : listing.prefetched)
        if (name == relative) {
            name = {};
            return std::move(content);
        }
    return listing.proc.read_file(relative);
}

// netstat's stderr line for each row it skipped ("tcp", "udp", "raw", "unix", "sctp eps", ...).
void warn_bogus_lines(const Listing& listing, std::size_t count, std::string_view what) {
    const std::string line = fmt::format("warning, got bogus {} line.\n", what);
    for (std::size_t i = 0; i < count; ++i)
        listing.output.write_err(line);
}

// What happened when a section tried to read one file.
enum class FileOutcome { read, missing, fatal };

// Reads one file; a missing or unreadable IPv4 ("primary") file gets netstat's "no support"
// treatment, any other open error its perror() line and status 255.
FileOutcome read_section_file(Listing& listing, std::string_view relative, bool primary,
                              std::string_view support_name, std::string& text) {
    auto content = take_prefetched(listing, relative);
    if (content) {
        text = std::move(*content);
        return FileOutcome::read;
    }
    int error = content.error().value();
    if (error != ENOENT && error != EACCES) {
        listing.output.write_err(
            fmt::format("{}: {}\n", listing.proc.path(relative), std::strerror(error)));
        listing.status = 255;
        return FileOutcome::fatal;
    }
    if (primary && !listing.selection.implicit) {
        if (listing.selection.explicit_selection || listing.options.verbose)
            listing.output.write_err(fmt::format("{}: no support for `{}' on this system.\n",
                                                 listing.options.program_name, support_name));
        if (listing.selection.explicit_selection)
            listing.status = 1;
    }
    return FileOutcome::missing;
}

struct InetFile {
    std::string_view relative;
    IpVersion version;
};

struct InetSection {
    InetProtocol protocol;
    std::string_view support_name; // "AF INET (tcp)"
    std::string_view warning_name; // "tcp" in "warning, got bogus tcp line."
    InetFile files[2];
};

constexpr InetSection k_tcp = {InetProtocol::tcp,
                               "AF INET (tcp)",
                               "tcp",
                               {{"net/tcp", IpVersion::v4}, {"net/tcp6", IpVersion::v6}}};
constexpr InetSection k_udp = {InetProtocol::udp,
                               "AF INET (udp)",
                               "udp",
                               {{"net/udp", IpVersion::v4}, {"net/udp6", IpVersion::v6}}};
constexpr InetSection k_udplite = {
    InetProtocol::udplite,
    "AF INET (udplite)",
    "udp",
    {{"net/udplite", IpVersion::v4}, {"net/udplite6", IpVersion::v6}}};
constexpr InetSection k_raw = {InetProtocol::raw,
                               "AF INET (raw)",
                               "raw",
                               {{"net/raw", IpVersion::v4}, {"net/raw6", IpVersion::v6}}};

// Returns false when the listing must stop here (explicit family missing, or fatal error).
bool list_inet_section(Listing& listing, const InetSection& section) {
    for (const InetFile& file : section.files) {
        bool v4 = file.version == IpVersion::v4;
        if (!(v4 ? listing.selection.read_ipv4 : listing.selection.read_ipv6))
            continue;
        std::string text;
        FileOutcome outcome =
            read_section_file(listing, file.relative, v4, section.support_name, text);
        if (outcome == FileOutcome::fatal)
            return false;
        if (outcome == FileOutcome::missing)
            continue;
        auto parsed = parse_inet_sockets(text, section.protocol, file.version, file.relative);
        warn_bogus_lines(listing, parsed.diagnostics.size(), section.warning_name);
        std::string out;
        for (const InetSocket& socket : parsed.rows)
            if (is_shown(socket, listing.view.filter))
                render_inet_row(out, socket, listing.resolver, listing.view);
        listing.output.write_out(out);
    }
    return listing.status == 0;
}

// SCTP hosts are numeric when any numeric flag or -N is given (netstat passes all of its
// numeric bits to the address printer there).
bool sctp_hosts_numeric(const Options& options) {
    return options.numeric.hosts || options.numeric.ports || options.numeric.users ||
           options.symbolic;
}

enum class SctpTable { endpoints, associations };

// One SCTP table: sctp/ then sctp6/, each missing file handled like netstat's INFO_GUTS6.
bool list_sctp_table(Listing& listing, SctpTable table) {
    const bool endpoints = table == SctpTable::endpoints;
    NameResolver numeric_hosts(NumericFlags{true, true, true});
    SctpNames names{sctp_hosts_numeric(listing.options) ? numeric_hosts : listing.resolver,
                    listing.resolver};
    for (std::string_view dir : {std::string_view("net/sctp/"), std::string_view("net/sctp6/")}) {
        const bool v4 = dir == "net/sctp/";
        if (!(v4 ? listing.selection.read_ipv4 : listing.selection.read_ipv6))
            continue;
        std::string relative = std::string(dir) + (endpoints ? "eps" : "assocs");
        std::string text;
        FileOutcome outcome = read_section_file(listing, relative, v4, "AF INET (sctp)", text);
        if (outcome == FileOutcome::fatal)
            return false;
        if (outcome == FileOutcome::missing)
            continue;
        std::string out;
        if (endpoints) {
            auto parsed = parse_sctp_endpoints(text, relative);
            warn_bogus_lines(listing, parsed.diagnostics.size(), "sctp eps");
            for (const SctpEndpoint& endpoint : parsed.rows)
                render_sctp_endpoint(out, endpoint, names, listing.view);
        } else {
            auto parsed = parse_sctp_associations(text, relative);
            warn_bogus_lines(listing, parsed.diagnostics.size(), "sctp assoc");
            for (const SctpAssociation& association : parsed.rows)
                render_sctp_association(out, association, names, listing.view);
        }
        listing.output.write_out(out);
    }
    return listing.status == 0;
}

// SCTP: endpoints (with -l or -a), then associations (unless -l alone). As in netstat's
// sctp_info(), a failed endpoint table ends the section before the associations are read.
bool list_sctp_section(Listing& listing) {
    const ListingFilter filter = listing.view.filter;
    if (filter != ListingFilter::connected && !list_sctp_table(listing, SctpTable::endpoints))
        return false;
    if (filter != ListingFilter::listening)
        return list_sctp_table(listing, SctpTable::associations);
    return true;
}

// -g: the group table heading, then /proc/net/igmp (IPv4 selected) and /proc/net/igmp6 (IPv6
// selected) through one scan state, as netstat's igmp_info(). -a and -l do not filter groups.
bool list_groups_section(Listing& listing) {
    listing.output.write_out(render_groups_header());
    IgmpScanState state;
    for (std::string_view relative :
         {std::string_view("net/igmp"), std::string_view("net/igmp6")}) {
        const bool v4 = relative == "net/igmp";
        if (!(v4 ? listing.selection.read_ipv4 : listing.selection.read_ipv6))
            continue;
        std::string text;
        FileOutcome outcome = read_section_file(listing, relative, v4, "AF INET (igmp)", text);
        if (outcome == FileOutcome::fatal)
            return false;
        if (outcome == FileOutcome::missing)
            continue;
        auto parsed = parse_igmp(text, state, relative);
        for (const Diagnostic& diagnostic : parsed.diagnostics)
            listing.output.write_err(render_igmp_warning(diagnostic));
        std::string out;
        for (const GroupMembership& row : parsed.rows)
            render_group_row(out, row, listing.resolver);
        listing.output.write_out(out);
    }
    return listing.status == 0;
}

bool list_unix_section(Listing& listing) {
    listing.output.write_out(render_unix_title(listing.view.filter));
    listing.output.write_out(render_unix_header(listing.view));
    std::string text;
    FileOutcome outcome = read_section_file(listing, "net/unix", true, "AF UNIX", text);
    if (outcome != FileOutcome::read)
        return listing.status == 0;
    auto parsed = parse_unix_sockets(text, "net/unix");
    warn_bogus_lines(listing, parsed.diagnostics.size(), "unix");
    std::string out;
    for (const UnixSocket& socket : parsed.rows)
        if (is_shown(socket, listing.view.filter))
            render_unix_row(out, socket, listing.view);
    listing.output.write_out(out);
    return listing.status == 0;
}

// The families netstat probes after UNIX; none exists on current kernels.
bool list_legacy_families(Listing& listing) {
    struct Legacy {
        Family family;
        std::string_view relative;
        std::string_view support_name;
    };
    constexpr Legacy k_legacy[] = {{Family::ipx, "net/ipx/socket", "AF IPX"},
                                   {Family::ax25, "net/ax25", "AF AX25"},
                                   {Family::x25, "net/x25", "AF X25"},
                                   {Family::netrom, "net/nr", "AF NETROM"},
                                   {Family::rose, "net/rose", "AF ROSE"}};
    for (const Legacy& legacy : k_legacy) {
        bool requested = false;
        for (Family f : listing.options.families)
            requested = requested || f == legacy.family;
        if (listing.selection.explicit_selection && !requested)
            continue;
        if (::access(listing.proc.path(legacy.relative).c_str(), R_OK) == 0)
            continue; // present: these tables are outside netstat-audit's scope
        bool explicit_request = listing.selection.explicit_selection;
        if (explicit_request || listing.options.verbose)
            listing.output.write_err(fmt::format("{}: no support for `{}' on this system.\n",
                                                 listing.options.program_name,
                                                 legacy.support_name));
        if (explicit_request) {
            listing.status = 1;
            return false;
        }
    }
    return true;
}

// Reads the selected tcp/udp/udplite/raw/unix files while the -p walk runs on other threads
// (the walk and these reads are the two slow parts of a busy host's listing).
void prefetch_socket_files(Listing& listing) {
    const SocketSelection& s = listing.selection;
    const std::pair<bool, const InetSection*> sections[] = {
        {s.tcp, &k_tcp}, {s.udp, &k_udp}, {s.udplite, &k_udplite}, {s.raw, &k_raw}};
    for (auto [selected, section] : sections)
        for (const InetFile& file : section->files)
            if (selected && (file.version == IpVersion::v4 ? s.read_ipv4 : s.read_ipv6))
                listing.prefetched.emplace_back(file.relative,
                                                listing.proc.read_file(file.relative));
    if (s.unix)
        listing.prefetched.emplace_back("net/unix", listing.proc.read_file("net/unix"));
}

} // namespace

int run_socket_listing(const Options& options, const ProcFs& proc, const Output& output) {
    SocketSelection selection = select_sockets(options);
    Listing listing{options, proc, output, selection, NameResolver(options.numeric), {}, 0, {}};
    listing.view.filter = listing_filter(options);
    listing.view.wide = options.wide;
    listing.view.extend = options.extend > 0;
    listing.view.timers = options.timers;

    // netstat walks /proc for -p only before an Internet or UNIX table (-gp alone: no notice).
    ProcessMap processes;
    if (options.programs && (selection.inet_header || selection.unix)) {
        auto walk = start_process_map(proc);
        prefetch_socket_files(listing);
        processes = walk.get();
        listing.view.programs = &processes;
        output.write_err(render_process_map_notice(processes, ::geteuid()));
    }

    if (selection.inet_header) {
        output.write_out(render_inet_title(listing.view.filter));
        output.write_out(render_inet_header(listing.view));
    }
    if (selection.tcp && !list_inet_section(listing, k_tcp))
        return listing.status;
    if (selection.sctp && !list_sctp_section(listing))
        return listing.status;
    if (selection.udp && !list_inet_section(listing, k_udp))
        return listing.status;
    if (selection.udplite && !list_inet_section(listing, k_udplite))
        return listing.status;
    if (selection.raw && !list_inet_section(listing, k_raw))
        return listing.status;
    if (selection.groups && !list_groups_section(listing))
        return listing.status;
    if (selection.unix && !list_unix_section(listing))
        return listing.status;
    if (!list_legacy_families(listing))
        return listing.status;
    if (options.bluetooth) {
        output.write_err(fmt::format("{}: feature `AF BLUETOOTH' not supported.\n"
                                     "Please recompile `net-tools' with newer kernel source or "
                                     "full configuration.\n",
                                     options.program_name));
        return 1;
    }
    return listing.status;
}

} // namespace netstat_audit
