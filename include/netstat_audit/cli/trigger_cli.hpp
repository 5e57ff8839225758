// SPDX-License-Identifier: MIT
// `netstat-audit trigger [options]`: its own command line (CLI11, like `audit` and `summary`)
// and the run.
#pragma once

#include "netstat_audit/cli/cli11_main.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/trigger/trigger.hpp"

#include <optional>
#include <string>
#include <vector>

namespace netstat_audit {

// What parsing decided: options to run, or text and an exit status (--help: 0 on stdout; a
// usage error: 3 on stderr).
using TriggerCommandLine = SubcommandLine<TriggerOptions>;

// Parses the arguments after "trigger". --dir is required.
TriggerCommandLine parse_trigger_command_line(const std::vector<std::string>& arguments,
                                              const std::string& program);

// Whether argv asks for the trigger: "trigger" as the first argument, unless invoked as
// "netstat".
bool is_trigger_invocation(int argc, char** argv);

// Creates options.dir if missing (mode 0750), then samples the live system until SIGTERM or
// SIGINT (or --count), NDJSON events on stdout. 0 when it ends by a signal or --count, 3 when
// the directory cannot be created or is not a writable directory.
int run_trigger(const TriggerOptions& options, const Output& output);

// parse_trigger_command_line() then run_trigger().
int run_trigger_main(int argc, char** argv, const Output& output);

} // namespace netstat_audit
