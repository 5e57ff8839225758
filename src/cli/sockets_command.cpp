// SPDX-License-Identifier: MIT
// The socket listing command: collect the tables, render, write.
#include "netstat_audit/cli/sockets_command.hpp"

#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/file_resolver.hpp"
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
        netlink.emplace(proc_source, selection.filter, options.timers);
    const SocketTables tables = collect_socket_tables(
        netlink ? static_cast<const SocketSource&>(*netlink) : proc_source, selection);
    // The capture's own name databases under --proc-root DIR, else NSS.
    std::unique_ptr<Resolver> names = make_resolver(proc.root());
    NameResolver resolver(*names, options.numeric);
    const RenderedText text =
        render_socket_listing(tables, selection, options, resolver, ::geteuid());
    write_rendered(output, text);
    return text.status;
}

} // namespace netstat_audit
