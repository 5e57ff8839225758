// SPDX-License-Identifier: MIT
// Where socket rows come from: /proc/net text today (ProcSocketSource); a netlink dump can
// implement the same interface and deliver the same rows.
#pragma once

#include "netstat_audit/model/socket_tables.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <future>

namespace netstat_audit {

// The /proc file of an Internet table, below the proc root ("net/tcp6"); a netlink dump of
// the same table carries the same name.
std::string_view inet_proc_file(InetProtocol protocol, IpVersion version);

class SocketSource {
public:
    virtual ~SocketSource() = default;
    // One table of a section: its rows, or the error that kept it from being read.
    virtual FileTable<InetSocket> read_inet(InetProtocol protocol, IpVersion version) const = 0;
    // The same table streamed: `visit` gets each row and skipped line in file order; the
    // returned table has the name, version and open error, and no rows. The default replays
    // read_inet() (skipped lines first).
    virtual FileTable<InetSocket> stream_inet(InetProtocol protocol, IpVersion version,
                                              InetRowVisitor& visit) const;
    virtual FileTable<SctpEndpoint> read_sctp_endpoints(IpVersion version) const = 0;
    virtual FileTable<SctpAssociation> read_sctp_associations(IpVersion version) const = 0;
    virtual FileTable<UnixSocket> read_unix() const = 0;
    // igmp then igmp6 with one scan state (netstat's igmp_do_one() keeps it across files).
    virtual std::vector<FileTable<GroupMembership>> read_groups(bool ipv4, bool ipv6) const = 0;
    // Whether a legacy family (ipx, ax25, x25, netrom, rose) has its table.
    virtual bool has_legacy_family(Family family) const = 0;
    // Starts the socket → process walk (-p); the caller reads tables meanwhile.
    virtual std::future<ProcessMap> start_process_walk() const = 0;
};

// Reads /proc/net/* text below a proc root (ProcFs) with the parse/ parsers.
class ProcSocketSource final : public SocketSource {
public:
    explicit ProcSocketSource(const ProcFs& proc) : m_proc(proc) {}

    FileTable<InetSocket> read_inet(InetProtocol protocol, IpVersion version) const override;
    // Reads the file in blocks: memory does not grow with the table.
    FileTable<InetSocket> stream_inet(InetProtocol protocol, IpVersion version,
                                      InetRowVisitor& visit) const override;
    FileTable<SctpEndpoint> read_sctp_endpoints(IpVersion version) const override;
    FileTable<SctpAssociation> read_sctp_associations(IpVersion version) const override;
    FileTable<UnixSocket> read_unix() const override;
    std::vector<FileTable<GroupMembership>> read_groups(bool ipv4, bool ipv6) const override;
    bool has_legacy_family(Family family) const override;
    std::future<ProcessMap> start_process_walk() const override;

private:
    const ProcFs& m_proc;
};

} // namespace netstat_audit
