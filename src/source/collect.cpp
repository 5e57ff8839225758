// SPDX-License-Identifier: MIT
// Socket listing collection: netstat's section rules decide the files, parsers make the tables.
#include "netstat_audit/source/collect.hpp"

#include "netstat_audit/parse/igmp.hpp"
#include "netstat_audit/parse/inet_sockets.hpp"
#include "netstat_audit/parse/sctp_sockets.hpp"
#include "netstat_audit/parse/unix_sockets.hpp"
#include "netstat_audit/source/process_map.hpp"

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
    s.filter = listing_filter(options);
    s.programs = (options.programs || options.filter.needs_owners()) && (s.inet_header || s.unix);
    s.program_column = options.programs;
    return s;
}

std::string_view inet_proc_file(InetProtocol protocol, IpVersion version) {
    const bool v6 = version == IpVersion::v6;
    switch (protocol) {
    case InetProtocol::tcp:
        return v6 ? "net/tcp6" : "net/tcp";
    case InetProtocol::udp:
        return v6 ? "net/udp6" : "net/udp";
    case InetProtocol::udplite:
        return v6 ? "net/udplite6" : "net/udplite";
    case InetProtocol::raw:
        break;
    }
    return v6 ? "net/raw6" : "net/raw";
}

namespace {

std::string sctp_dir(IpVersion version) {
    return version == IpVersion::v6 ? "net/sctp6/" : "net/sctp/";
}

// Reads one file and parses it with `parse(text, relative)`.
template <typename Row, typename Parse>
FileTable<Row> read_table(const ProcFs& proc, std::string relative, IpVersion version,
                          Parse&& parse) {
    FileTable<Row> table{std::move(relative), version, {}, {}};
    auto text = proc.read_file(table.relative);
    if (!text)
        table.error = text.error();
    else
        table.parsed = parse(*text, table.relative);
    return table;
}

// The IP versions of a section that the selection reads, IPv4 first.
std::vector<IpVersion> section_versions(const SocketSelection& selection) {
    std::vector<IpVersion> versions;
    if (selection.read_ipv4)
        versions.push_back(IpVersion::v4);
    if (selection.read_ipv6)
        versions.push_back(IpVersion::v6);
    return versions;
}

void collect_inet(const SocketSource& source, const SocketSelection& selection,
                  InetProtocol protocol, std::vector<FileTable<InetSocket>>& tables) {
    for (IpVersion version : section_versions(selection))
        tables.push_back(source.read_inet(protocol, version));
}

void collect_sctp(const SocketSource& source, const SocketSelection& selection,
                  SocketTables& tables) {
    if (selection.filter != ListingFilter::connected)
        for (IpVersion version : section_versions(selection))
            tables.sctp_endpoints.push_back(source.read_sctp_endpoints(version));
    if (selection.filter != ListingFilter::listening)
        for (IpVersion version : section_versions(selection))
            tables.sctp_associations.push_back(source.read_sctp_associations(version));
}

} // namespace

FileTable<InetSocket> ProcSocketSource::read_inet(InetProtocol protocol, IpVersion version) const {
    return read_table<InetSocket>(m_proc, std::string(inet_proc_file(protocol, version)), version,
                                  [&](std::string_view text, std::string_view name) {
                                      return parse_inet_sockets(text, protocol, version, name);
                                  });
}

FileTable<InetSocket> SocketSource::stream_inet(InetProtocol protocol, IpVersion version,
                                                InetRowVisitor& visit) const {
    FileTable<InetSocket> table = read_inet(protocol, version);
    for (const Diagnostic& diagnostic : table.parsed.diagnostics)
        visit.bogus(diagnostic);
    for (const InetSocket& socket : table.parsed.rows)
        visit.row(socket);
    table.parsed = {};
    return table;
}

FileTable<InetSocket> ProcSocketSource::stream_inet(InetProtocol protocol, IpVersion version,
                                                    InetRowVisitor& visit) const {
    FileTable<InetSocket> table{std::string(inet_proc_file(protocol, version)), version, {}, {}};
    InetLineParser parser(protocol, version);
    table.error = m_proc.stream_fgets_chunks(table.relative, [&](std::string_view line) {
        if (auto row = parser.parse(line))
            visit.row(*row);
        else if (parser.is_bogus())
            visit.bogus({table.relative, parser.line_number(), "bogus"});
    });
    return table;
}

FileTable<SctpEndpoint> ProcSocketSource::read_sctp_endpoints(IpVersion version) const {
    return read_table<SctpEndpoint>(m_proc, sctp_dir(version) + "eps", version,
                                    parse_sctp_endpoints);
}

FileTable<SctpAssociation> ProcSocketSource::read_sctp_associations(IpVersion version) const {
    return read_table<SctpAssociation>(m_proc, sctp_dir(version) + "assocs", version,
                                       parse_sctp_associations);
}

FileTable<UnixSocket> ProcSocketSource::read_unix() const {
    return read_table<UnixSocket>(m_proc, "net/unix", IpVersion::v4, parse_unix_sockets);
}

std::vector<FileTable<GroupMembership>> ProcSocketSource::read_groups(bool ipv4, bool ipv6) const {
    std::vector<FileTable<GroupMembership>> tables;
    // netstat reads both files through one function: igmp's first line can switch igmp6 to the
    // igmp6 format (parse/igmp.hpp). The device-name carry-over is the view's (IgmpCarryOver).
    IgmpFormat format = IgmpFormat::igmp;
    auto read = [&](std::string relative, IpVersion version) {
        tables.push_back(
            read_table<GroupMembership>(m_proc, std::move(relative), version,
                                        [&](std::string_view text, std::string_view name) {
                                            auto parsed = parse_igmp(text, format, name);
                                            format = igmp_format_after(text, format);
                                            return parsed;
                                        }));
    };
    if (ipv4)
        read("net/igmp", IpVersion::v4);
    if (ipv6)
        read("net/igmp6", IpVersion::v6);
    return tables;
}

bool ProcSocketSource::has_legacy_family(Family family) const {
    std::string_view relative;
    switch (family) {
    case Family::ipx:
        relative = "net/ipx/socket";
        break;
    case Family::ax25:
        relative = "net/ax25";
        break;
    case Family::x25:
        relative = "net/x25";
        break;
    case Family::netrom:
        relative = "net/nr";
        break;
    case Family::rose:
        relative = "net/rose";
        break;
    default:
        return false;
    }
    return ::access(m_proc.path(relative).c_str(), R_OK) == 0;
}

std::future<ProcessMap> ProcSocketSource::start_process_walk() const {
    return start_process_map(m_proc);
}

SocketTables collect_socket_tables(const SocketSource& source, const SocketSelection& selection,
                                   InetTables inet) {
    SocketTables tables;
    const bool read_inet = inet == InetTables::read;
    std::future<ProcessMap> walk;
    if (selection.programs)
        walk = source.start_process_walk();
    if (selection.tcp && read_inet)
        collect_inet(source, selection, InetProtocol::tcp, tables.tcp);
    if (selection.sctp)
        collect_sctp(source, selection, tables);
    if (selection.udp && read_inet)
        collect_inet(source, selection, InetProtocol::udp, tables.udp);
    if (selection.udplite && read_inet)
        collect_inet(source, selection, InetProtocol::udplite, tables.udplite);
    if (selection.raw && read_inet)
        collect_inet(source, selection, InetProtocol::raw, tables.raw);
    if (selection.groups)
        tables.groups = source.read_groups(selection.read_ipv4, selection.read_ipv6);
    if (selection.unix)
        tables.unix.push_back(source.read_unix());
    for (Family family : {Family::ipx, Family::ax25, Family::x25, Family::netrom, Family::rose})
        tables.legacy.push_back({family, source.has_legacy_family(family)});
    if (walk.valid())
        tables.processes = walk.get();
    return tables;
}

SocketTables collect_socket_tables(const ProcFs& proc, const SocketSelection& selection) {
    return collect_socket_tables(ProcSocketSource(proc), selection);
}

} // namespace netstat_audit
