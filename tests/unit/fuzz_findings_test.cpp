// SPDX-License-Identifier: MIT
// What the fuzz targets (tests/fuzz/) found, one test per fix, each on a fixture of
// tests/fixtures/fuzz_findings/ (the fuzzer's input itself is in tests/fuzz/regress/TARGET/).
#include "netstat_audit/audit/health.hpp"
#include "netstat_audit/cli/audit_cli.hpp"
#include "netstat_audit/cli/trigger_cli.hpp"
#include "netstat_audit/model/counter_delta.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace netstat_audit;

namespace {

std::string fuzz_fixture(const std::string& name) {
    auto text = read_whole_file(std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/fuzz_findings/" + name,
                                1024 * 1024);
    EXPECT_TRUE(text) << name;
    return text ? *text : std::string();
}

// A fixture of NUL-separated arguments, as the command-line fuzz targets split their input.
std::vector<std::string> arguments(const std::string& name) {
    std::vector<std::string> out;
    const std::string content = fuzz_fixture(name);
    std::string_view text = content;
    while (!text.empty()) {
        const std::size_t end = text.find('\0');
        out.emplace_back(text.substr(0, end));
        text.remove_prefix(end == text.npos ? text.size() : end + 1);
    }
    return out;
}

} // namespace

// health_state_fuzzer: a counter or time written as 1e300 was converted to an integer (undefined
// behaviour: UBSan's float-cast-overflow) and a port of 70000 was kept as 4464. A state file's
// numbers are integers of their field's range, or the file is malformed.
TEST(FuzzFindings, StateFileRejectsNumbersOutsideTheirField) {
    for (const char* name : {"state_counter_exponent.json", "state_time_exponent.json",
                             "state_port_out_of_range.json"}) {
        auto sample = parse_health_state(fuzz_fixture(name));
        ASSERT_FALSE(sample) << name;
        EXPECT_NE(sample.error().find("not an integer"), std::string::npos) << sample.error();
    }
}

// health_state_fuzzer: {"format": 1} threw nlohmann's type_error out of parse_health_state
// (value("format", "") insists on a string), which ended `audit --state FILE` in
// std::terminate. A format or version of another type is simply not a state file.
TEST(FuzzFindings, StateFileWithAFormatOfAnotherTypeIsNotAStateFile) {
    for (const char* name : {"state_format_number.json", "state_version_string.json"}) {
        auto sample = parse_health_state(fuzz_fixture(name));
        ASSERT_FALSE(sample) << name;
        EXPECT_EQ(sample.error(), "not a netstat-audit state file (format 1)");
    }
}

TEST(FuzzFindings, StateFileKeepsTheIntegerLimits) {
    auto sample = parse_health_state(fuzz_fixture("state_integer_limits.json"));
    ASSERT_TRUE(sample) << sample.error();
    EXPECT_EQ(find_counter(sample->counters, "Tcp", "OutSegs"), UINT64_MAX);
    ASSERT_EQ(sample->queued.size(), 1u);
    EXPECT_EQ(sample->queued[0].local.port, 65535);
    EXPECT_EQ(sample->queued[0].remote.port, 0);
}

// trigger_command_line_fuzzer: CLI::Range lets "nan" through (every comparison with NaN is
// false), and run_trigger() then converted NaN seconds to a time_t (undefined behaviour) and
// never triggered on a NaN threshold. The audit's --interval had the same hole (NaN silently
// meant "no interval").
TEST(FuzzFindings, TriggerRejectsNotANumber) {
    for (const char* name :
         {"trigger_every_nan.args", "trigger_cooldown_nan.args", "trigger_loss_nan.args"}) {
        const TriggerCommandLine command = parse_trigger_command_line(arguments(name), "netstat");
        EXPECT_FALSE(command.options) << name;
        EXPECT_EQ(command.exit_status, 3) << name;
        EXPECT_NE(command.err.find("is not a number"), std::string::npos) << command.err;
    }
    EXPECT_TRUE(parse_trigger_command_line({"--dir", "d", "--every", "0.5"}, "netstat").options);
}

TEST(FuzzFindings, AuditIntervalRejectsNotANumber) {
    const AuditCommandLine command =
        parse_audit_command_line(arguments("audit_interval_nan.args"), "netstat");
    EXPECT_FALSE(command.options);
    EXPECT_EQ(command.exit_status, 3);
    EXPECT_NE(command.err.find("is not a number"), std::string::npos) << command.err;
    const AuditCommandLine valid = parse_audit_command_line({"--interval", "2"}, "netstat");
    ASSERT_TRUE(valid.options);
    EXPECT_EQ(valid.options->interval_seconds, 2.0);
}
