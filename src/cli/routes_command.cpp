// SPDX-License-Identifier: MIT
// The -r command: collect the route tables, render them with the system's names, write.
#include "netstat_audit/cli/routes_command.hpp"

#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/system_resolver.hpp"
#include "netstat_audit/view/route_listing.hpp"

namespace netstat_audit {

int run_routes(const Options& options, const ProcFs& proc, const Output& output) {
    Snapshot snapshot;
    collect_routes(proc, options, snapshot);
    SystemResolver system;
    const RenderedText text = render_route_listing(snapshot, options, system);
    write_rendered(output, text);
    return text.status;
}

} // namespace netstat_audit
