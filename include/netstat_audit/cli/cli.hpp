// SPDX-License-Identifier: MIT
// The command line: netstat's getopt grammar plus netstat-audit's own long options.
#pragma once

#include "netstat_audit/cli/options.hpp"

#include <cstdio>
#include <string>

namespace netstat_audit {

// Parses argv the way netstat 2.10 does (GNU getopt_long: bundling, permutation, unambiguous
// prefixes, its diagnostics on stderr with argv[0]). Messages netstat prints while parsing
// (unknown family, --tcpip's internal error) go to `err` at the point they occur. The result's
// mode says what to do next; usage_error and exit_now carry the exit status.
Options parse_command_line(int argc, char** argv, std::FILE* err);

// The usage text. `to_stdout_part` is what -h prints on stdout; the family list that netstat
// always writes to stderr is render_usage_families().
std::string render_usage(const std::string& program_name);
std::string render_usage_families();

// The -V text.
std::string render_version(const std::string& program_name);

} // namespace netstat_audit
