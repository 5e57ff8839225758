// SPDX-License-Identifier: MIT
// The run of a subcommand with its own CLI11 grammar (audit, summary, trigger): parse the
// arguments after its word, print what parsing said, run the options it gave.
#pragma once

#include "netstat_audit/audit/facts.hpp"
#include "netstat_audit/cli/output.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// What parsing a subcommand's arguments decided: options to run, or text for stdout and
// stderr and an exit status (--help: 0 on stdout; a usage error: 3 on stderr).
template <typename Options> struct SubcommandLine {
    std::optional<Options> options;
    std::string out;
    std::string err;
    int exit_status = 0;
};

// Whether argv asks for the subcommand `word`: `word` as the first argument, unless the binary
// is invoked as "netstat" (netstat ignores such words; the symlink stays byte-identical).
inline bool is_subcommand_invocation(int argc, char** argv, std::string_view word) {
    return argc > 1 && argv[0] != nullptr && argv[1] != nullptr && argv[1] == word &&
           base_name(argv[0]) != "netstat";
}

// `parse(arguments, program)` over argv[2..argc) (the arguments after the subcommand's word),
// `program` being argv[0]'s last component; then its out and err are printed and, when it gave
// options, `run(options)` decides the exit status, else parsing's exit status is returned.
template <typename Parse, typename Run>
int run_subcommand_main(int argc, char** argv, const Output& output, Parse&& parse, Run&& run) {
    std::vector<std::string> arguments;
    for (int i = 2; i < argc; ++i)
        arguments.emplace_back(argv[i]);
    const std::string program(base_name(argc > 0 && argv[0] != nullptr ? argv[0] : ""));
    const auto line = parse(arguments, program);
    output.write_out(line.out);
    output.write_err(line.err);
    if (!line.options)
        return line.exit_status;
    return run(*line.options);
}

} // namespace netstat_audit
