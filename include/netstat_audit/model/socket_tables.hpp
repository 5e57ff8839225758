// SPDX-License-Identifier: MIT
// The socket part of a Snapshot: every socket file (or netlink dump) of one pass as read, with
// its rows or its open error, and the selection that decided which were read.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/multicast.hpp"
#include "netstat_audit/model/sctp.hpp"
#include "netstat_audit/model/socket.hpp"
#include "netstat_audit/model/socket_owners.hpp"

#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace netstat_audit {

// The sections a command line selects (netstat's section rules, select_sockets() in
// source/collect.hpp; golden cases in sockets.cases), decided once per run.
struct SocketSelection {
    bool tcp = false, sctp = false, udp = false, udplite = false, raw = false;
    bool read_ipv4 = false;          // read the IPv4 file of each selected protocol
    bool read_ipv6 = false;          // read the IPv6 file
    bool implicit = false;           // protocols implied by a family option: no "no support" notes
    bool explicit_selection = false; // netstat's E: anything named on the command line
    bool inet_header = false;
    bool unix = false;
    bool groups = false;
    ListingFilter filter = ListingFilter::connected;
    // -p (or --pid/--program) with an Internet or UNIX table: walk /proc (netstat skips it
    // for -gp); the PID/Program column and netstat's notice only for -p itself.
    bool programs = false;
    bool program_column = false;
};

// One /proc file of a listing: its rows, or why it could not be opened.
template <typename Row> struct FileTable {
    std::string relative;              // below the proc root, e.g. "net/tcp6"
    IpVersion version = IpVersion::v4; // the IPv4 or the IPv6 file of its section
    std::error_code error;             // the open() error; rows are empty then
    ParseResult<Row> parsed;
};

// Receives one Internet table as it is read: its rows and its skipped ("bogus") lines, in file
// order, so that a listing can print them as they come.
class InetRowVisitor {
public:
    virtual void row(const InetSocket& socket) = 0;
    virtual void bogus(const Diagnostic& diagnostic) = 0;

protected:
    ~InetRowVisitor() = default;
};

// Whether one of the legacy families netstat probes after UNIX has its /proc file.
struct LegacyFamilyProbe {
    Family family;
    bool present = false;
};

// Everything one pass of the listing read, section by section in netstat's order; a section
// holds its IPv4 file before its IPv6 file and only the files the selection asked for.
struct SocketTables {
    std::vector<FileTable<InetSocket>> tcp, udp, udplite, raw;
    std::vector<FileTable<SctpEndpoint>> sctp_endpoints;       // with -l or -a
    std::vector<FileTable<SctpAssociation>> sctp_associations; // unless -l alone
    std::vector<FileTable<GroupMembership>> groups;            // igmp, igmp6 (one scan state)
    std::vector<FileTable<UnixSocket>> unix;                   // zero or one table
    std::vector<LegacyFamilyProbe> legacy;                     // ipx, ax25, x25, netrom, rose
    std::optional<ProcessMap> processes;                       // when selection.programs
};

} // namespace netstat_audit
