// SPDX-License-Identifier: MIT
// Tests for the CLI11 subcommands' shared main (cli11_main.hpp): audit, summary and trigger
// print what their grammar says (--help on stdout, a usage error on stderr) with its exit
// status, and run only when parsing gave options.
#include "netstat_audit/cli/audit_cli.hpp"
#include "netstat_audit/cli/cli11_main.hpp"
#include "netstat_audit/cli/summary_command.hpp"
#include "netstat_audit/cli/trigger_cli.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace netstat_audit;

namespace {

struct MainRun {
    int status = -1;
    std::string out;
    std::string err;
};

// One memory stream's text, for an Output.
struct MemoryStream {
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* file = open_memstream(&buffer, &size);
    std::string take() {
        std::fclose(file);
        std::string text(buffer, size);
        std::free(buffer);
        return text;
    }
};

MainRun run(int (*main_of)(int, char**, const Output&), std::vector<std::string> args) {
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    MemoryStream out, err;
    MainRun result;
    result.status = main_of(static_cast<int>(args.size()), argv.data(), {out.file, err.file});
    result.out = out.take();
    result.err = err.take();
    return result;
}

// `main_of` given `flag` (a help flag) after `word` prints parsing's help text on stdout, which
// names the program as argv[0]'s last component, and exits 0.
void expect_help(int (*main_of)(int, char**, const Output&), const std::string& word,
                 const std::string& flag, const std::string& parsed_help) {
    const MainRun help = run(main_of, {"/usr/sbin/netstat-audit", word, flag});
    EXPECT_EQ(help.status, 0) << word;
    EXPECT_EQ(help.out, parsed_help) << word;
    EXPECT_NE(help.out.find("Usage: netstat-audit " + word + " [OPTIONS]"), std::string::npos);
    EXPECT_EQ(help.err, "") << word;
}

} // namespace

TEST(SubcommandInvocation, TheWordFirstUnlessInvokedAsNetstat) {
    std::string prog = "/usr/sbin/netstat-audit", word = "summary", netstat = "/bin/netstat";
    char* argv[] = {prog.data(), word.data(), nullptr};
    EXPECT_TRUE(is_subcommand_invocation(2, argv, "summary"));
    EXPECT_FALSE(is_subcommand_invocation(2, argv, "trigger"));
    EXPECT_FALSE(is_subcommand_invocation(1, argv, "summary"));
    argv[0] = netstat.data();
    EXPECT_FALSE(is_subcommand_invocation(2, argv, "summary"));
    EXPECT_TRUE(is_summary_invocation(2, argv) == false && is_trigger_invocation(2, argv) == false);
}

TEST(RunAuditMain, HelpOnStdoutUsageErrorOnStderr) {
    const std::string help = parse_audit_command_line({"--help"}).out;
    EXPECT_TRUE(help.starts_with("Audit this host's network exposure")) << help;
    expect_help(run_audit_main, "audit", "--help", help);
    // The audit names "netstat-audit" whatever argv[0] is.
    const MainRun bad = run(run_audit_main, {"./other", "--audit", "--bogus"});
    EXPECT_EQ(bad.status, 3);
    EXPECT_EQ(bad.out, "");
    EXPECT_EQ(bad.err, "The following argument was not expected: --bogus\n"
                       "Run with --help for more information.\n");
    const MainRun unknown = run(run_audit_main, {"netstat-audit", "audit", "--only", "nope"});
    EXPECT_EQ(unknown.status, 3);
    EXPECT_EQ(unknown.err.back(), '\n');
}

TEST(RunAuditMain, RunsWhatParsingGave) {
    const MainRun list = run(run_audit_main, {"netstat-audit", "audit", "--list-checks"});
    EXPECT_EQ(list.status, 0);
    EXPECT_EQ(list.out, render_check_list(Detail::collapsed));
    EXPECT_EQ(list.err, "");
}

TEST(RunSummaryMain, HelpOnStdoutUsageErrorOnStderrNamedByArgv0) {
    expect_help(run_summary_main, "summary", "-h",
                parse_summary_command_line({"-h"}, "netstat-audit").out);
    const MainRun bad = run(run_summary_main, {"/opt/na", "summary", "--top", "0"});
    EXPECT_EQ(bad.status, 3);
    EXPECT_EQ(bad.out, "");
    EXPECT_TRUE(bad.err.starts_with("na summary: --top: ")) << bad.err;
    EXPECT_TRUE(bad.err.ends_with("\nRun with --help for more information.\n")) << bad.err;
    const MainRun filter = run(run_summary_main, {"netstat-audit", "summary", "--sport", "x"});
    EXPECT_EQ(filter.status, 3);
    EXPECT_TRUE(filter.err.starts_with("netstat-audit summary: --sport: ")) << filter.err;
}

TEST(RunSummaryMain, RunsWhatParsingGave) {
    const std::string proc = std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/sock/proc";
    const MainRun summary =
        run(run_summary_main, {"netstat-audit", "summary", "--json", "--proc-root", proc});
    EXPECT_EQ(summary.status, 0) << summary.err;
    EXPECT_TRUE(summary.out.starts_with("{")) << summary.out;
}

TEST(RunTriggerMain, HelpUsageErrorAndRun) {
    expect_help(run_trigger_main, "trigger", "--help",
                parse_trigger_command_line({"--help"}, "netstat-audit").out);
    const MainRun missing = run(run_trigger_main, {"/x/na", "trigger"});
    EXPECT_EQ(missing.status, 3);
    EXPECT_EQ(missing.out, "");
    EXPECT_EQ(missing.err, "na trigger: --dir is required\n"
                           "Run with --help for more information.\n");
    // Parsing gave options, so the run decides: the directory cannot be made.
    const MainRun run_failed =
        run(run_trigger_main, {"netstat-audit", "trigger", "--dir", "/proc/no/such/dir"});
    EXPECT_EQ(run_failed.status, 3);
    EXPECT_EQ(run_failed.out, "");
    EXPECT_EQ(run_failed.err,
              "netstat-audit trigger: cannot create /proc/no/such/dir: No such file or "
              "directory\n");
}
