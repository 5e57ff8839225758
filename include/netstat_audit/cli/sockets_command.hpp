// SPDX-License-Identifier: MIT
// One pass of the socket listing: collect (collect.hpp), then render (view/socket_listing.hpp).
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/source/proc_fs.hpp"

namespace netstat_audit {

// Prints one complete socket listing (titles, rows, -p notices, warnings) and returns the exit
// status netstat would give: 0, 1 for an explicitly requested family without support, 255 for
// an unexpected open error.
int run_socket_listing(const Options& options, const ProcFs& proc, const Output& output);

} // namespace netstat_audit
