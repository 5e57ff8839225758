// SPDX-License-Identifier: MIT
// Test helper: Options as the command line `netstat ARGS...` parses them.
#pragma once

#include "netstat_audit/cli/cli.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace netstat_audit::test_support {

// Parses `args` (without argv[0]) with the real parser; its messages go to stderr.
inline Options options_for(std::vector<std::string> args) {
    args.insert(args.begin(), "netstat");
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    return parse_command_line(static_cast<int>(args.size()), argv.data(), stderr);
}

} // namespace netstat_audit::test_support
