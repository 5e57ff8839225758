// SPDX-License-Identifier: MIT
// libFuzzer target: the CLI11 grammar of `trigger` (parse_trigger_command_line). The input is
// split at NUL bytes into the arguments after "trigger"; parsing only decides options or a
// message: it creates no directory and samples nothing (run_trigger() does).
#include "fuzz_input.hpp"

#include "netstat_audit/cli/trigger_cli.hpp"

#include <string>
#include <vector>

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    std::vector<std::string> arguments;
    std::string_view text = input.text();
    while (!text.empty() && arguments.size() < 64) {
        const std::size_t end = text.find('\0');
        arguments.emplace_back(text.substr(0, end));
        text.remove_prefix(end == text.npos ? text.size() : end + 1);
    }
    auto command = parse_trigger_command_line(arguments, "netstat-audit");
    (void)command;
    return 0;
}
