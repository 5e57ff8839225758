// SPDX-License-Identifier: MIT
// Tests for --json, --ndjson, --watch and --output beside netstat's own grammar.
#include "options_for.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;
using netstat_audit::test_support::options_for;

TEST(MachineOutputOptions, FormatsWatchAndOutput) {
    Options json = options_for({"-tlnp", "--json", "--output", "/tmp/x.json.gz"});
    EXPECT_EQ(json.format, OutputFormat::json);
    EXPECT_EQ(json.output_path, "/tmp/x.json.gz");
    EXPECT_TRUE(json.protocols.tcp && json.listening && json.programs);
    Options watch = options_for({"--watch=5", "--ndjson", "-t"});
    EXPECT_EQ(watch.format, OutputFormat::ndjson);
    EXPECT_EQ(watch.watch_seconds, 5u);
    EXPECT_EQ(options_for({"--watch"}).watch_seconds, 1u);
    EXPECT_EQ(options_for({"--output=o.txt", "-r"}).output_path, "o.txt");
}

TEST(MachineOutputOptions, NetstatPrefixesStayNetstats) {
    // "--w" is --wide in netstat; a --watch in getopt's table would make it ambiguous.
    Options wide = options_for({"--w"});
    EXPECT_TRUE(wide.wide);
    EXPECT_EQ(wide.watch_seconds, 0u);
    EXPECT_EQ(wide.mode, Mode::sockets);
    // Prefixes of our options are not ours: "--js" is netstat's unknown option.
    EXPECT_EQ(options_for({"--js"}).mode, Mode::usage_error);
}

TEST(MachineOutputOptions, OptionArgumentsAndTerminatorAreLeftAlone) {
    // "-A --json" gives -A the family list "--json", as netstat would.
    Options family = options_for({"-A", "--json"});
    EXPECT_EQ(family.format, OutputFormat::text);
    EXPECT_EQ(family.mode, Mode::exit_now);
    EXPECT_EQ(family.exit_status, 1);
    EXPECT_EQ(options_for({"-tA", "--ndjson"}).format, OutputFormat::text);
    EXPECT_EQ(options_for({"--prot", "--json"}).format, OutputFormat::text);
    EXPECT_EQ(options_for({"--", "--json"}).format, OutputFormat::text);
    EXPECT_EQ(options_for({"-Ainet", "--json"}).format, OutputFormat::json);
}

TEST(MachineOutputOptions, ConflictsAreUsageErrors) {
    for (const auto& args : std::vector<std::vector<std::string>>{{"--json", "--ndjson"},
                                                                  {"--watch=0"},
                                                                  {"--watch=x"},
                                                                  {"--watch", "--json"},
                                                                  {"--watch", "--output=x"},
                                                                  {"--output"}}) {
        Options options = options_for(args);
        EXPECT_EQ(options.mode, Mode::exit_now) << args[0];
        EXPECT_EQ(options.exit_status, 3) << args[0];
    }
}
