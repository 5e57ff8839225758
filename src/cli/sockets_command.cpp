// SPDX-License-Identifier: MIT
// The socket listing command: collect the tables, render, write.
#include "netstat_audit/cli/sockets_command.hpp"

#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/file_resolver.hpp"
#include "netstat_audit/source/inet_diag_bytecode.hpp"
#include "netstat_audit/source/netlink_sockets.hpp"
#include "netstat_audit/view/resolver.hpp"
#include "netstat_audit/view/socket_listing.hpp"

#include <unistd.h>

#include <optional>

namespace netstat_audit {

int run_socket_listing(const Options& options, const ProcFs& proc, const Output& output) {
    const SocketSelection selection = select_sockets(options);
    const ProcSocketSource proc_source(proc);
    std::optional<NetlinkSocketSource> netlink;
    if (use_netlink_source(options, proc))
        netlink.emplace(proc_source, selection.filter, options.timers,
                        options.filter.states != 0 ? options.filter.states : k_diag_all_states,
                        TcpHealthRequest::omit, compile_inet_diag_bytecode(options.filter));
    const SocketSource& source = netlink ? static_cast<const SocketSource&>(*netlink) : proc_source;
    // Everything but the Internet tables (and the -p walk) first; those stream row by row.
    const SocketTables tables = collect_socket_tables(source, selection, InetTables::streamed);
    // The capture's own name databases under --proc-root DIR, else NSS.
    std::unique_ptr<Resolver> names = make_resolver(proc.root());
    NameResolver resolver(*names, options.numeric);
    auto inet = [&source](InetProtocol protocol, IpVersion version, InetRowVisitor& visit) {
        return source.stream_inet(protocol, version, visit);
    };
    OutputSink sink(output);
    return stream_socket_listing(tables, inet, selection, options, resolver, ::geteuid(), sink);
}

} // namespace netstat_audit
