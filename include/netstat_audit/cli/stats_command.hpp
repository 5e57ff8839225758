// SPDX-License-Identifier: MIT
// The statistics view (-s): which counter files, in which order, with netstat's diagnostics.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/source/proc_fs.hpp"

namespace netstat_audit {

// Prints the IPv4 (/proc/net/snmp, netstat, sctp/snmp) or IPv6 (/proc/net/snmp6 plus the Tcp
// pair of snmp) report. Returns 0, also when files are missing; 1 with netstat's
// message on stdout when the family list is anything but "inet" or "inet6".
int run_statistics(const Options& options, const ProcFs& proc, const Output& output);

} // namespace netstat_audit
