// SPDX-License-Identifier: MIT
// netstat's socket listing over collected tables: section order, per-file messages, stop rules.
#include "netstat_audit/view/socket_listing.hpp"

#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/model/proc_path.hpp"
#include "netstat_audit/model/socket_filter.hpp"
#include "netstat_audit/view/groups_view.hpp"
#include "netstat_audit/view/sctp_view.hpp"
#include "netstat_audit/view/sockets_view.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace netstat_audit {

namespace {

// State shared by the sections of one pass.
struct Listing {
    const SocketSelection& selection;
    const Options& options;
    NameResolver& resolver;
    SocketViewOptions view;
    TextSink& sink;
    const InetTableStream& inet;
    const ProcessMap* owners = nullptr; // the walk's map, also without -p (--pid, --program)
    int status = 0;

    void out(std::string_view text) { sink.out(text); }
    void err(std::string_view text) { sink.err(text); }
};

bool passes(const Listing& listing, const InetSocket& socket) {
    const SocketFilter& filter = listing.options.filter;
    return filter.empty() || matches(filter, socket, find_owner(listing.owners, socket.inode));
}

bool passes(const Listing& listing, const UnixSocket& socket) {
    const SocketFilter& filter = listing.options.filter;
    return filter.empty() ||
           matches(filter, socket, find_owner(listing.owners, socket.inode.value_or(0)));
}

// SCTP rows are listed only without filters (the filters are defined on inet and UNIX rows).
bool lists_sctp(const Listing& listing) {
    return listing.options.filter.empty();
}

// netstat's stderr line for each row it skipped ("tcp", "udp", "raw", "unix", "sctp eps", ...).
void warn_bogus_lines(Listing& listing, std::size_t count, std::string_view what) {
    const std::string line = fmt::format("warning, got bogus {} line.\n", what);
    for (std::size_t i = 0; i < count; ++i)
        listing.err(line);
}

// What a file's open error means for its section.
enum class FileOutcome { read, missing, fatal };

// A missing or unreadable IPv4 ("primary") file gets netstat's "no support" treatment (golden case
// empty_x); any other open error its perror() line and status 255. IPv6 files are skipped silently.
template <typename Row>
FileOutcome check_file(Listing& listing, const FileTable<Row>& table,
                       std::string_view support_name) {
    if (!table.error)
        return FileOutcome::read;
    const int error = table.error.value();
    if (error != ENOENT && error != EACCES) {
        listing.err(fmt::format("{}: {}\n",
                                join_proc_path(listing.options.proc_root, table.relative),
                                std::strerror(error)));
        listing.status = exit_status::k_open_error;
        return FileOutcome::fatal;
    }
    if (table.version == IpVersion::v4 && !listing.selection.implicit) {
        if (listing.selection.explicit_selection || listing.options.verbose)
            listing.err(fmt::format("{}: no support for `{}' on this system.\n",
                                    listing.options.program_name, support_name));
        if (listing.selection.explicit_selection)
            listing.status = exit_status::k_failure;
    }
    return FileOutcome::missing;
}

struct InetSection {
    InetProtocol protocol;
    std::string_view support_name; // "AF INET (tcp)"
    std::string_view warning_name; // "tcp" in "warning, got bogus tcp line."
};

// Renders each row as it arrives and writes it at once, so stdout's buffer holds what netstat's
// holds when a warning goes to stderr.
class InetRowWriter final : public InetRowVisitor {
public:
    InetRowWriter(Listing& listing, std::string_view warning_name)
        : m_listing(listing),
          m_warning(fmt::format("warning, got bogus {} line.\n", warning_name)) {}

    void row(const InetSocket& row) override {
        const InetSocket socket = m_carry_over.apply(row);
        if (!is_shown(socket, m_listing.view.filter) || !passes(m_listing, socket))
            return;
        m_line.clear();
        render_inet_row(m_line, socket, m_listing.resolver, m_listing.view);
        m_listing.out(m_line);
    }
    void bogus(const Diagnostic&) override { m_listing.err(m_warning); }

private:
    Listing& m_listing;
    std::string m_warning;
    std::string m_line;
    InetCarryOver m_carry_over; // netstat's reuse of earlier rows' fields, per file
};

// Each section returns false when the listing must stop after it (explicit family missing, or
// a fatal open error).
bool list_inet_section(Listing& listing, const InetSection& section) {
    for (IpVersion version : {IpVersion::v4, IpVersion::v6}) {
        if (!(version == IpVersion::v4 ? listing.selection.read_ipv4 : listing.selection.read_ipv6))
            continue;
        InetRowWriter writer(listing, section.warning_name);
        const FileTable<InetSocket> table = listing.inet(section.protocol, version, writer);
        if (check_file(listing, table, section.support_name) == FileOutcome::fatal)
            return false;
    }
    return listing.status == 0;
}

// One SCTP table (endpoints or associations), sctp/ then sctp6/.
template <typename Row, typename Render>
bool list_sctp_table(Listing& listing, const std::vector<FileTable<Row>>& tables,
                     std::string_view warning_name, Render&& render) {
    for (const FileTable<Row>& table : tables) {
        FileOutcome outcome = check_file(listing, table, "AF INET (sctp)");
        if (outcome == FileOutcome::fatal)
            return false;
        if (outcome == FileOutcome::missing)
            continue;
        warn_bogus_lines(listing, table.parsed.diagnostics.size(), warning_name);
        std::string out;
        if (lists_sctp(listing))
            for (const Row& row : table.parsed.rows)
                render(out, row);
        listing.out(std::move(out));
    }
    return listing.status == 0;
}

// SCTP hosts are numeric when any numeric flag or -N is given (netstat passes all of its
// numeric bits to the address printer there); users still follow --numeric-users.
bool sctp_hosts_numeric(const Options& options) {
    return options.numeric.hosts || options.numeric.ports || options.numeric.users ||
           options.symbolic;
}

// Endpoints, then associations; as in netstat's sctp_info(), a failed endpoint table ends the
// section before the associations.
bool list_sctp_section(Listing& listing, const SocketTables& tables) {
    NameResolver numeric_hosts(NumericFlags{true, true, true});
    SctpNames names{sctp_hosts_numeric(listing.options) ? numeric_hosts : listing.resolver,
                    listing.resolver};
    auto endpoint = [&](std::string& out, const SctpEndpoint& row) {
        render_sctp_endpoint(out, row, names, listing.view);
    };
    auto association = [&](std::string& out, const SctpAssociation& row) {
        render_sctp_association(out, row, names, listing.view);
    };
    return list_sctp_table(listing, tables.sctp_endpoints, "sctp eps", endpoint) &&
           list_sctp_table(listing, tables.sctp_associations, "sctp assoc", association);
}

// -g: the group table heading, then igmp and igmp6. -a and -l do not filter groups.
bool list_groups_section(Listing& listing, const SocketTables& tables) {
    listing.out(render_groups_header());
    IgmpCarryOver carry_over; // one device buffer for igmp and igmp6, as in netstat
    for (const FileTable<GroupMembership>& table : tables.groups) {
        FileOutcome outcome = check_file(listing, table, "AF INET (igmp)");
        if (outcome == FileOutcome::fatal)
            return false;
        if (outcome == FileOutcome::missing)
            continue;
        for (const Diagnostic& diagnostic : table.parsed.diagnostics)
            listing.err(render_igmp_warning(diagnostic));
        std::string out;
        for (const GroupMembership& entry : table.parsed.rows)
            if (auto row = carry_over.apply(entry))
                render_group_row(out, *row, listing.resolver);
        listing.out(std::move(out));
    }
    return listing.status == 0;
}

bool list_unix_section(Listing& listing, const SocketTables& tables) {
    listing.out(render_unix_title(listing.view.filter));
    listing.out(render_unix_header(listing.view));
    for (const FileTable<UnixSocket>& table : tables.unix) {
        if (check_file(listing, table, "AF UNIX") != FileOutcome::read)
            return listing.status == 0;
        warn_bogus_lines(listing, table.parsed.diagnostics.size(), "unix");
        std::string out;
        UnixCarryOver carry_over;
        for (const UnixSocket& row : table.parsed.rows) {
            const UnixSocket socket = carry_over.apply(row);
            if (is_shown(socket, listing.view.filter) && passes(listing, socket))
                render_unix_row(out, socket, listing.view);
        }
        listing.out(std::move(out));
    }
    return listing.status == 0;
}

std::string_view legacy_support_name(Family family) {
    switch (family) {
    case Family::ipx:
        return "AF IPX";
    case Family::ax25:
        return "AF AX25";
    case Family::x25:
        return "AF X25";
    case Family::netrom:
        return "AF NETROM";
    default:
        break;
    }
    return "AF ROSE";
}

// The families netstat probes after UNIX (none exists on current kernels): absent ones are
// reported with -v, or when asked for explicitly (then the run ends with status 1).
bool list_legacy_families(Listing& listing, const SocketTables& tables) {
    const bool explicit_request = listing.selection.explicit_selection;
    for (const LegacyFamilyProbe& probe : tables.legacy) {
        bool requested = false;
        for (Family f : listing.options.families)
            requested = requested || f == probe.family;
        if ((explicit_request && !requested) || probe.present)
            continue; // present: these tables are outside netstat-audit's scope
        if (explicit_request || listing.options.verbose)
            listing.err(fmt::format("{}: no support for `{}' on this system.\n",
                                    listing.options.program_name,
                                    legacy_support_name(probe.family)));
        if (explicit_request) {
            listing.status = exit_status::k_failure;
            return false;
        }
    }
    return true;
}

// All sections in netstat's fixed order; stops where netstat stops.
void list_sections(Listing& listing, const SocketTables& tables) {
    const SocketSelection& s = listing.selection;
    if (s.inet_header) {
        listing.out(render_inet_title(listing.view.filter));
        listing.out(render_inet_header(listing.view));
    }
    if (s.tcp && !list_inet_section(listing, {InetProtocol::tcp, "AF INET (tcp)", "tcp"}))
        return;
    if (s.sctp && !list_sctp_section(listing, tables))
        return;
    if (s.udp && !list_inet_section(listing, {InetProtocol::udp, "AF INET (udp)", "udp"}))
        return;
    if (s.udplite &&
        !list_inet_section(listing, {InetProtocol::udplite, "AF INET (udplite)", "udp"}))
        return;
    if (s.raw && !list_inet_section(listing, {InetProtocol::raw, "AF INET (raw)", "raw"}))
        return;
    if (s.groups && !list_groups_section(listing, tables))
        return;
    if (s.unix && !list_unix_section(listing, tables))
        return;
    if (!list_legacy_families(listing, tables))
        return;
    if (listing.options.bluetooth) {
        listing.err(fmt::format("{}: feature `AF BLUETOOTH' not supported.\n"
                                "Please recompile `net-tools' with newer kernel source or "
                                "full configuration.\n",
                                listing.options.program_name));
        listing.status = exit_status::k_failure;
    }
}

} // namespace

int stream_socket_listing(const SocketTables& tables, const InetTableStream& inet,
                          const SocketSelection& selection, const Options& options,
                          NameResolver& resolver, unsigned effective_uid, TextSink& sink) {
    Listing listing{selection, options, resolver, {}, sink, inet};
    listing.view.filter = selection.filter;
    listing.view.wide = options.wide;
    listing.view.extend = options.extend > 0;
    listing.view.timers = options.timers;
    if (tables.processes)
        listing.owners = &*tables.processes;
    if (tables.processes && selection.program_column) {
        listing.view.programs = &*tables.processes;
        listing.err(render_process_map_notice(*tables.processes, effective_uid));
    }
    list_sections(listing, tables);
    return listing.status;
}

namespace {

// The tables of one protocol as collect_socket_tables() read them.
const std::vector<FileTable<InetSocket>>& inet_tables(const SocketTables& tables,
                                                      InetProtocol protocol) {
    switch (protocol) {
    case InetProtocol::tcp:
        return tables.tcp;
    case InetProtocol::udp:
        return tables.udp;
    case InetProtocol::udplite:
        return tables.udplite;
    case InetProtocol::raw:
        break;
    }
    return tables.raw;
}

} // namespace

RenderedText render_socket_listing(const SocketTables& tables, const SocketSelection& selection,
                                   const Options& options, NameResolver& resolver,
                                   unsigned effective_uid) {
    // Replays the collected tables: a file's skipped lines (which have no place among its rows
    // any more) before its rows.
    auto replay = [&tables](InetProtocol protocol, IpVersion version, InetRowVisitor& visit) {
        for (const FileTable<InetSocket>& table : inet_tables(tables, protocol)) {
            if (table.version != version)
                continue;
            for (const Diagnostic& diagnostic : table.parsed.diagnostics)
                visit.bogus(diagnostic);
            for (const InetSocket& socket : table.parsed.rows)
                visit.row(socket);
            return FileTable<InetSocket>{table.relative, table.version, table.error, {}};
        }
        return FileTable<InetSocket>{std::string(), version, {}, {}};
    };
    RenderedText text;
    RenderedTextSink sink(text);
    text.status =
        stream_socket_listing(tables, replay, selection, options, resolver, effective_uid, sink);
    return text;
}

} // namespace netstat_audit
