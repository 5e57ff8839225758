// SPDX-License-Identifier: MIT
// Tests for netstat's command-line grammar.
#include "netstat_audit/cli/cli.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace netstat_audit;

namespace {

struct Parsed {
    Options options;
    std::string err;
};

Parsed parse(std::vector<std::string> args) {
    args.insert(args.begin(), "netstat");
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* err = open_memstream(&buffer, &size);
    Parsed result{parse_command_line(static_cast<int>(args.size()), argv.data(), err), {}};
    std::fclose(err);
    result.err.assign(buffer, size);
    std::free(buffer);
    return result;
}

} // namespace

TEST(ParseCommandLine, BundledShortFlags) {
    auto p = parse({"-tuln"});
    EXPECT_EQ(p.options.mode, Mode::sockets);
    EXPECT_TRUE(p.options.protocols.tcp);
    EXPECT_TRUE(p.options.protocols.udp);
    EXPECT_TRUE(p.options.listening);
    EXPECT_TRUE(p.options.numeric.hosts && p.options.numeric.ports && p.options.numeric.users);
}

TEST(ParseCommandLine, LongOptionsAndPrefixes) {
    auto p = parse({"--tcp", "--li", "--wid", "--numeric-ports"});
    EXPECT_TRUE(p.options.protocols.tcp);
    EXPECT_TRUE(p.options.listening);
    EXPECT_TRUE(p.options.wide);
    EXPECT_TRUE(p.options.numeric.ports);
    EXPECT_FALSE(p.options.numeric.hosts);
}

TEST(ParseCommandLine, FamiliesKeepCommandLineOrder) {
    auto p = parse({"-6", "-A", "inet,unix", "-4"});
    ASSERT_EQ(p.options.families.size(), 4u);
    EXPECT_EQ(p.options.families[0], Family::inet6);
    EXPECT_EQ(p.options.families[1], Family::inet);
    EXPECT_EQ(p.options.families[2], Family::unix);
    EXPECT_TRUE(p.options.family_unix);
}

TEST(ParseCommandLine, UnknownFamilyExitsOne) {
    auto p = parse({"-A", "inet,foo"});
    EXPECT_EQ(p.options.mode, Mode::exit_now);
    EXPECT_EQ(p.options.exit_status, 1);
    EXPECT_EQ(p.err, "Unknown address family `foo'.\n");
}

TEST(ParseCommandLine, ExtendCountsAndModeConflict) {
    EXPECT_EQ(parse({"-ree"}).options.extend, 2);
    EXPECT_EQ(parse({"-ree"}).options.mode, Mode::routes);
    auto conflict = parse({"-i", "-r"});
    EXPECT_EQ(conflict.options.mode, Mode::usage_error);
    EXPECT_EQ(conflict.options.exit_status, 3);
    EXPECT_EQ(parse({"-ss"}).options.mode, Mode::usage_error);
}

TEST(ParseCommandLine, VersionAndHelpStopWhenReached) {
    EXPECT_EQ(parse({"-V", "-y"}).options.mode, Mode::version);
    EXPECT_EQ(parse({"-h"}).options.mode, Mode::help);
}

TEST(ParseCommandLine, TcpipIsRejectedButRunContinues) {
    auto p = parse({"--tcpip", "-t"});
    EXPECT_EQ(p.err, "netstat.c: Internal Error `longopts 1 range'.\n");
    EXPECT_TRUE(p.options.protocols.tcp);
    EXPECT_TRUE(p.options.families.empty());
}

TEST(ParseCommandLine, InetPrefixPicksInet) {
    auto p = parse({"--ine"});
    ASSERT_EQ(p.options.families.size(), 1u);
    EXPECT_EQ(p.options.families[0], Family::inet);
}

TEST(ParseCommandLine, ProcRootAndPositionalArguments) {
    auto p = parse({"-tn", "foo", "--proc-root", "/captures/host1/proc"});
    EXPECT_EQ(p.options.proc_root, "/captures/host1/proc");
    EXPECT_TRUE(p.options.protocols.tcp);
}

TEST(ParseCommandLine, SourceValues) {
    EXPECT_EQ(parse({"-tn"}).options.source, SourceChoice::automatic);
    EXPECT_EQ(parse({"--source", "proc"}).options.source, SourceChoice::proc);
    EXPECT_EQ(parse({"--source=netlink"}).options.source, SourceChoice::netlink);
    EXPECT_EQ(parse({"--source=auto"}).options.source, SourceChoice::automatic);
    EXPECT_FALSE(parse({"-tn"}).options.proc_root_given);
    EXPECT_TRUE(parse({"--proc-root", "/proc"}).options.proc_root_given);
}

TEST(ParseCommandLine, UnknownSourceIsUsageError) {
    auto p = parse({"--source", "sysfs"});
    EXPECT_EQ(p.options.mode, Mode::exit_now);
    EXPECT_EQ(p.options.exit_status, 3);
    EXPECT_EQ(p.err, "netstat: --source: expected proc, netlink or auto, not `sysfs'\n");
}

TEST(ParseCommandLine, ContextFailsImmediately) {
    auto p = parse({"-Z", "-h"});
    EXPECT_EQ(p.options.mode, Mode::exit_now);
    EXPECT_EQ(p.options.exit_status, 1);
    EXPECT_EQ(p.err, "SELinux is not enabled on this machine.\n");
}

TEST(ParseCommandLine, InvalidOptionIsUsageError) {
    auto p = parse({"-y"});
    EXPECT_EQ(p.options.mode, Mode::usage_error);
    EXPECT_EQ(p.options.exit_status, 3);
}

TEST(RenderUsage, NetstatNameGivesNetstatText) {
    std::string usage = render_usage("netstat");
    EXPECT_TRUE(usage.starts_with("usage: netstat [-vWeenNcCF] [<Af>] -r         netstat "
                                  "{-V|--version|-h|--help}\n"));
    EXPECT_EQ(usage.find("proc-root"), std::string::npos);
    EXPECT_NE(render_usage("netstat-audit").find("--proc-root"), std::string::npos);
}

TEST(ParseCommandLine, EmptyProcRootIsUsageError) {
    auto p = parse({"-tn", "--proc-root="});
    EXPECT_EQ(p.options.mode, Mode::exit_now);
    EXPECT_EQ(p.options.exit_status, 3);
    EXPECT_EQ(p.err, "netstat: option '--proc-root' needs a directory, not an empty value\n");
    auto separate = parse({"--proc-root", "", "-tn"});
    EXPECT_EQ(separate.options.mode, Mode::exit_now);
    EXPECT_EQ(separate.options.exit_status, 3);
}
