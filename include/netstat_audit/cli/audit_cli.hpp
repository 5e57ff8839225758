// SPDX-License-Identifier: MIT
// `netstat-audit audit [options]` (also `netstat-audit --audit`): the audit's own command line,
// parsed by CLI11, and the run from options to an exit status.
#pragma once

#include "netstat_audit/audit/finding.hpp"
#include "netstat_audit/audit/rules.hpp"
#include "netstat_audit/cli/cli11_main.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/report/audit_report.hpp"

#include <optional>
#include <string>
#include <vector>

namespace netstat_audit {

enum class ColourChoice : std::uint8_t { automatic, always, never };

// The parsed audit command line as plain data.
struct AuditOptions {
    std::string proc_root = "/proc";
    bool json = false;
    bool list_checks = false;
    RuleSelection selection;
    Severity fail_on = Severity::warning;
    std::string save_baseline; // empty: none
    std::string baseline;      // empty: none
    std::string kmsg;          // --kmsg FILE: kernel log text; empty: capture's kmsg or /dev/kmsg
    Detail detail = Detail::collapsed;
    ColourChoice colour = ColourChoice::automatic;
    // What the counter checks are judged against (audit/health.hpp): two samples this far
    // apart, the previous run's state file (written again by this run), an earlier capture.
    std::optional<double> interval_seconds;
    std::string state_file; // empty: none
    std::string compare_to; // empty: none
};

// What parsing decided: options to run, or text to print and an exit status (--help: 0 on
// stdout; a usage error: 3 on stderr).
using AuditCommandLine = SubcommandLine<AuditOptions>;

// Parses the arguments after "audit" / "--audit". `program` names the tool in messages.
AuditCommandLine parse_audit_command_line(const std::vector<std::string>& arguments,
                                          const std::string& program = "netstat-audit");

// Runs the audit `options` ask for and returns the exit status: 0/1/2 by the worst finding
// (at or above --fail-on), 3 when the audit could not run (unreadable root, bad baseline,
// baseline not writable). `stdout_is_terminal` and `no_color_set` decide automatic colour.
struct TerminalFacts {
    bool stdout_is_terminal = false;
    bool no_color_set = false; // NO_COLOR present and not empty
};
int run_audit(const AuditOptions& options, const Output& output, const TerminalFacts& terminal);

// The whole audit subcommand for run_main(): argv[0] is "audit" or "--audit".
int run_audit_main(int argc, char** argv, const Output& output);

// True when argv selects the audit (its first argument is "audit" or "--audit").
bool is_audit_invocation(int argc, char** argv);

// --list-checks text: one line per rule (id, severity, title); with `detail`, why and fix too,
// and the sensitive-service table.
std::string render_check_list(Detail detail);

} // namespace netstat_audit
