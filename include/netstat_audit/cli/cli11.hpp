// SPDX-License-Identifier: MIT
// CLI11 without <iostream>'s static initialiser, for the translation units that parse with it.
//
// With GCC 12's libstdc++ every translation unit that includes <iostream> (CLI11 does) holds a
// static std::ios_base::Init, so every run of the binary, `-V` included, builds the eight
// standard streams and the classic locale's 28 facets before main: about 600 KB of
// libstdc++'s text paged in (a third of netstat-audit's peak RSS) and part of its start-up
// time, for views that never touch a stream. Here <iostream> is replaced by the declarations
// CLI11 uses; a command that parses with CLI11 constructs a std::ios_base::Init first
// ([ios.init]: the standard streams exist from then on), so only `audit`, `summary` and
// `trigger` pay (each parse_*_command_line(); cli11_main.hpp runs them).
#pragma once

#include <istream>
#include <ostream>

#if defined(__GLIBCXX__) && !defined(_GLIBCXX_IOSTREAM)
#define _GLIBCXX_IOSTREAM 1
namespace std {
extern istream cin;
extern ostream cout;
extern ostream cerr;
extern ostream clog;
} // namespace std
#endif

#include <CLI/CLI.hpp>

#include "netstat_audit/cli/cli11_main.hpp"
#include "netstat_audit/exit_status.hpp"

namespace netstat_audit {

// Parses `arguments` (the subcommand's, in order) with `app`. True when they parsed; false
// after putting --help's text in `result.out` (exit status 0), or a usage error in
// `result.err` as "HEADING: WHAT CLI11 SAYS\nRun with --help for more information.\n" (exit
// status 3), HEADING being "PROGRAM SUBCOMMAND" (summary, trigger).
template <typename Options>
bool parse_subcommand(CLI::App& app, const std::vector<std::string>& arguments,
                      const std::string& heading, SubcommandLine<Options>& result) {
    try {
        std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
        app.parse(reversed); // CLI11 takes a vector in reverse order
    } catch (const CLI::CallForHelp&) {
        result.out = app.help();
        return false;
    } catch (const CLI::ParseError& error) {
        result.err = heading + ": " + error.what() + "\nRun with --help for more information.\n";
        result.exit_status = exit_status::k_usage;
        return false;
    }
    return true;
}

} // namespace netstat_audit
