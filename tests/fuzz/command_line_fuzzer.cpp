// SPDX-License-Identifier: MIT
// libFuzzer target: both command-line grammars. The input is split at NUL bytes into argv;
// selector even: netstat's getopt grammar (parse_command_line), odd: the CLI11 grammars of
// `audit` and `summary`. Messages go to a memory stream.
#include "fuzz_input.hpp"

#include "netstat_audit/cli/audit_cli.hpp"
#include "netstat_audit/cli/cli.hpp"
#include "netstat_audit/cli/summary_command.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    const std::uint8_t selector = input.take_selector();
    const std::vector<std::string> arguments = input.arguments(64);
    if (selector % 2 == 0) {
        std::vector<std::string> argv_text{"netstat"};
        argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
        std::vector<char*> argv;
        for (std::string& argument : argv_text)
            argv.push_back(argument.data());
        argv.push_back(nullptr);
        char* buffer = nullptr;
        std::size_t length = 0;
        std::FILE* err = ::open_memstream(&buffer, &length);
        Options options = parse_command_line(static_cast<int>(argv_text.size()), argv.data(), err);
        (void)options;
        std::fclose(err);
        std::free(buffer);
    } else if (selector % 4 == 1) {
        auto audit = parse_audit_command_line(arguments, "netstat");
        (void)audit;
    } else {
        auto summary = parse_summary_command_line(arguments, "netstat");
        (void)summary;
    }
    return 0;
}
