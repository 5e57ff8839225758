// SPDX-License-Identifier: MIT
// --netns for the text views: each selected network namespace's view in turn.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/model/netns.hpp"
#include "netstat_audit/source/proc_fs.hpp"
#include "netstat_audit/source/process_map.hpp"
#include "netstat_audit/source/socket_source.hpp"

namespace netstat_audit {

// One namespace's socket tables (ProcSocketSource on ROOT/PID) with owners from a walk of the
// whole proc root `processes`; with tables == processes it is ProcSocketSource.
class NamespaceSocketSource final : public SocketSource {
public:
    NamespaceSocketSource(const ProcFs& tables, const ProcFs& processes)
        : m_tables(tables), m_processes(processes) {}
    FileTable<InetSocket> read_inet(InetProtocol protocol, IpVersion version) const override {
        return m_tables.read_inet(protocol, version);
    }
    FileTable<InetSocket> stream_inet(InetProtocol protocol, IpVersion version,
                                      InetRowVisitor& visit) const override {
        return m_tables.stream_inet(protocol, version, visit);
    }
    FileTable<SctpEndpoint> read_sctp_endpoints(IpVersion version) const override {
        return m_tables.read_sctp_endpoints(version);
    }
    FileTable<SctpAssociation> read_sctp_associations(IpVersion version) const override {
        return m_tables.read_sctp_associations(version);
    }
    FileTable<UnixSocket> read_unix() const override { return m_tables.read_unix(); }
    std::vector<FileTable<GroupMembership>> read_groups(bool ipv4, bool ipv6) const override {
        return m_tables.read_groups(ipv4, ipv6);
    }
    bool has_legacy_family(Family family) const override {
        return m_tables.has_legacy_family(family);
    }
    std::future<ProcessMap> start_process_walk() const override {
        return start_process_map(m_processes);
    }

private:
    ProcSocketSource m_tables;
    const ProcFs& m_processes;
};

// Runs the view of `options.mode` (sockets, -i, -r, -s) once per namespace that options.netns
// selects, each preceded by render_netns_header() with --netns=all. The own namespace is read
// as without --netns. Another one is entered (fork, setns, the view as for the own namespace:
// netlink, ioctls) on the live system as root; otherwise its tables are read from
// /proc/PID/net of one of its processes (a capture's too), with owners from the whole walk,
// and -i, whose facts only an entered namespace gives, prints a message instead. Returns the
// first non-zero view status, 1 when --netns names nothing (with a message on stderr).
int run_netns_views(const Options& options, const ProcFs& proc, const Output& output);

// The file whose descriptor setns() enters `ns` with: a member's ns/net link, else its
// /run/netns binding.
std::string netns_enter_path(const NetNamespace& ns, const ProcFs& proc);

// Whether namespaces are entered (fork, setns) rather than read through /proc/PID/net: the
// live /proc (no --proc-root) as root.
bool can_enter_namespaces(const Options& options, const ProcFs& proc);

// The proc root that shows `ns`'s net/ tables: ns.net_root, the proc root itself for the own one.
ProcFs netns_tables_root(const NetNamespace& ns, const ProcFs& proc);

} // namespace netstat_audit
