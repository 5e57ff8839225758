// SPDX-License-Identifier: MIT
// The program as a library: options in, text and an exit status out.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/cli/output.hpp"

namespace netstat_audit {

// Runs what `options` asks for (including -c repetition) and returns the exit status.
int run(const Options& options, const Output& output);

// The whole program: parses argv, runs, returns the exit status. Used by main().
int run_main(int argc, char** argv);

} // namespace netstat_audit
