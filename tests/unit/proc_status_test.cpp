// SPDX-License-Identifier: MIT
// Tests for the /proc/PID/status, cmdline and comm parsers.
#include "netstat_audit/parse/proc_status.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace netstat_audit;

TEST(ParseProcStatus, RealStatusEveryField) {
    ProcStatus status = parse_proc_status("Name:\tsystemd-resolve\n"
                                          "Umask:\t0022\n"
                                          "State:\tS (sleeping)\n"
                                          "Tgid:\t455\n"
                                          "PPid:\t1\n"
                                          "Uid:\t101\t102\t103\t104\n"
                                          "Gid:\t103\t103\t103\t103\n"
                                          "CapInh:\t0000000000000000\n"
                                          "CapPrm:\t0000000000003400\n"
                                          "CapEff:\t0000000000003400\n"
                                          "CapBnd:\t000001ffffffffff\n");
    EXPECT_EQ(status.name, "systemd-resolve");
    EXPECT_EQ(status.ppid, 1);
    EXPECT_EQ(status.real_uid, 101u);
    EXPECT_EQ(status.effective_uid, 102u);
    ASSERT_TRUE(status.cap_effective);
    EXPECT_EQ(*status.cap_effective, 0x3400u);
}

TEST(ParseProcStatus, MissingAndBadFieldsStayEmpty) {
    ProcStatus status = parse_proc_status("Name:\tx\nPPid:\tabc\nCapEff:\t00000000000000000001\n");
    EXPECT_EQ(status.name, "x");
    EXPECT_FALSE(status.ppid);
    EXPECT_FALSE(status.real_uid);
    EXPECT_FALSE(status.cap_effective); // more than 64 bits
    EXPECT_FALSE(parse_proc_status("").effective_uid);
}

TEST(ParseProcStatus, NoTrailingNewline) {
    ProcStatus status = parse_proc_status("Uid:\t0\t0\t0\t0");
    EXPECT_EQ(status.real_uid, 0u);
    EXPECT_EQ(status.effective_uid, 0u);
}

TEST(ParseProcStatus, MaximumUid) {
    EXPECT_EQ(parse_proc_status("Uid:\t4294967295\t4294967295\t0\t0\n").effective_uid, 4294967295u);
    EXPECT_FALSE(parse_proc_status("Uid:\t4294967296\t1\t0\t0\n").real_uid);
}

TEST(ParseCmdline, SplitsAtNulsAndKeepsBlanks) {
    using namespace std::string_literals;
    auto argv = parse_cmdline("/usr/sbin/chronyd\0-F\0001\0"s);
    ASSERT_EQ(argv.size(), 3u);
    EXPECT_EQ(argv[0], "/usr/sbin/chronyd");
    EXPECT_EQ(argv[2], "1");
    auto title = parse_cmdline("sshd: root@pts/0\0"s);
    ASSERT_EQ(title.size(), 1u);
    EXPECT_EQ(title[0], "sshd: root@pts/0");
}

TEST(ParseCmdline, EmptyIsNoArgumentsAndMissingFinalNulKeepsTheLast) {
    using namespace std::string_literals;
    EXPECT_TRUE(parse_cmdline("").empty());
    auto argv = parse_cmdline("a\0\0b"s);
    ASSERT_EQ(argv.size(), 3u);
    EXPECT_EQ(argv[1], "");
    EXPECT_EQ(argv[2], "b");
}

TEST(ParseComm, DropsOneNewline) {
    EXPECT_EQ(parse_comm("kworker/0:1\n"), "kworker/0:1");
    EXPECT_EQ(parse_comm("x"), "x");
    EXPECT_EQ(parse_comm(""), "");
}

TEST(ParseNofileSoftLimit, ReadsTheSoftColumn) {
    const std::string text =
        "Limit                     Soft Limit           Hard Limit           Units     \n"
        "Max open files            1024                 524288               files     \n";
    EXPECT_EQ(parse_nofile_soft_limit(text), 1024u);
    EXPECT_EQ(parse_nofile_soft_limit("Max open files            unlimited            unlimited "),
              k_rlimit_unlimited);
    EXPECT_EQ(parse_nofile_soft_limit("Max open files            lots                 1 "),
              std::nullopt);
    EXPECT_EQ(parse_nofile_soft_limit("Max processes 10 10\n"), std::nullopt);
}
