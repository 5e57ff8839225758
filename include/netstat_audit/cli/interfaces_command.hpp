// SPDX-License-Identifier: MIT
// One pass of the interface table view (-i, -ie): collect names, facts and statistics, print.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/source/proc_fs.hpp"
#include "netstat_audit/view/interface_listing.hpp"

namespace netstat_audit {

// Prints the interface table and returns netstat's exit status: 0, or 1 after
// "NAME: error fetching interface information: …" when a listed interface cannot be queried.
int run_interfaces(const Options& options, const ProcFs& proc, const Output& output,
                   InterfaceTitle title);

} // namespace netstat_audit
