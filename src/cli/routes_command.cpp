// SPDX-License-Identifier: MIT
// The -r command: collect the route tables, render them with the system's names, write.
#include "netstat_audit/cli/routes_command.hpp"

#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/file_resolver.hpp"
#include "netstat_audit/view/route_listing.hpp"

namespace netstat_audit {

int run_routes(const Options& options, const ProcFs& proc, const Output& output) {
    Snapshot snapshot;
    collect_routes(proc, options, snapshot);
    // The capture's own name databases under --proc-root DIR, else NSS.
    std::unique_ptr<Resolver> names = make_resolver(proc.root());
    const RenderedText text = render_route_listing(snapshot, options, *names);
    write_rendered(output, text);
    return text.status;
}

} // namespace netstat_audit
