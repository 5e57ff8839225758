// SPDX-License-Identifier: MIT
// The -i command: collect names, facts and statistics, render the table, write.
#include "netstat_audit/cli/interfaces_command.hpp"

#include "netstat_audit/source/collect.hpp"

namespace netstat_audit {

int run_interfaces(const Options& options, const ProcFs& proc, const Output& output,
                   InterfaceTitle title) {
    const InterfaceInfoSource interfaces = InterfaceInfoSource::for_proc_root(proc.root());
    Snapshot snapshot;
    collect_interfaces(proc, interfaces, options, snapshot);
    const RenderedText text = render_interface_listing(snapshot, options, title);
    write_rendered(output, text);
    return text.status;
}

} // namespace netstat_audit
