// SPDX-License-Identifier: MIT
// One pass of the routing table view (-r): every requested family in command-line order.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/source/proc_fs.hpp"

namespace netstat_audit {

// Prints the routing tables `options` asks for and returns netstat's exit status:
// 0; 1 when a route file cannot be opened, its header lacks a column, or a legacy family has no
// routes; 3 for a family without routing (`unix`) or an unsupported one.
int run_routes(const Options& options, const ProcFs& proc, const Output& output);

} // namespace netstat_audit
