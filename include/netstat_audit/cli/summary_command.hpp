// SPDX-License-Identifier: MIT
// `netstat-audit summary [options]`: its own command line (CLI11, like `audit`) and the run.
#pragma once

#include "netstat_audit/cli/cli11_main.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/model/socket_filter.hpp"

#include <optional>
#include <string>
#include <vector>

namespace netstat_audit {

struct SummaryOptions {
    std::string proc_root = "/proc";
    std::size_t top = 10;
    bool json = false;
    SocketFilter filter;
};

// What parsing decided: options to run, or text and an exit status (--help: 0 on stdout;
// a usage error or a bad filter value: 3 on stderr).
using SummaryCommandLine = SubcommandLine<SummaryOptions>;

// Parses the arguments after "summary".
SummaryCommandLine parse_summary_command_line(const std::vector<std::string>& arguments,
                                              const std::string& program);

// Whether argv asks for the summary: "summary" as the first argument, unless the binary is
// invoked as "netstat" (netstat ignores such words; the symlink stays byte-identical).
bool is_summary_invocation(int argc, char** argv);

// Collects the socket tables, the process walk, RLIMIT_NOFILE of the top processes and
// sockstat under options.proc_root, and prints the summary. Returns 0, or 1 when no socket
// table could be read.
int run_summary(const SummaryOptions& options, const Output& output);

// parse_summary_command_line() then run_summary().
int run_summary_main(int argc, char** argv, const Output& output);

} // namespace netstat_audit
