// SPDX-License-Identifier: MIT
// The -s command: collect the counter files, render the report, write.
#include "netstat_audit/cli/stats_command.hpp"

#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/view/stats_report.hpp"

namespace netstat_audit {

int run_statistics(const Options& options, const ProcFs& proc, const Output& output) {
    Snapshot snapshot;
    collect_counters(proc, options, snapshot);
    const RenderedText text = render_stats_report(snapshot, options);
    write_rendered(output, text);
    return text.status;
}

} // namespace netstat_audit
