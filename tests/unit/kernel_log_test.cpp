// SPDX-License-Identifier: MIT
// Tests for /dev/kmsg parsing and the kernel-log audit checks on logs built in code.
#include "netstat_audit/parse/kmsg.hpp"

#include "netstat_audit/audit/kernel_log_rules.hpp"
#include "netstat_audit/source/host_facts.hpp"
#include "netstat_audit/source/kmsg_reader.hpp"

#include <gtest/gtest.h>

#include <ctime>

using namespace netstat_audit;

namespace {

std::vector<Finding> run_log_checks(const std::string& text, const Baseline* baseline = nullptr) {
    static const Snapshot snapshot;
    static const AuditFacts facts = build_audit_facts(snapshot);
    KernelLog log{"test", parse_kmsg(text, "test").rows, std::nullopt};
    const AuditContext context{snapshot, facts, baseline, &log};
    std::vector<Finding> out;
    for (const Rule& rule : rule_catalogue())
        if (rule.check == check_recent_oom_kill || rule.check == check_kernel_syn_flood_message ||
            rule.check == check_conntrack_drops_logged || rule.check == check_link_flaps)
            rule.check(context, rule, out);
    return out;
}

} // namespace

TEST(ParseKmsg, RecordsContinuationLinesAndABogusLine) {
    const auto parsed = parse_kmsg("6,12,345678,-;first message\n"
                                   " SUBSYSTEM=net\n"
                                   "garbage\n"
                                   "30,13,400000,c,caller=T1;second; with semicolon",
                                   "kmsg");
    ASSERT_EQ(parsed.rows.size(), 2u);
    EXPECT_EQ(parsed.rows[0].level, 6);
    EXPECT_EQ(parsed.rows[0].facility, 0u);
    EXPECT_EQ(parsed.rows[0].sequence, 12u);
    EXPECT_EQ(parsed.rows[0].time_us, 345678u);
    EXPECT_EQ(parsed.rows[0].message, "first message");
    EXPECT_EQ(parsed.rows[1].level, 6);
    EXPECT_EQ(parsed.rows[1].facility, 3u); // daemon: a userspace write to /dev/kmsg
    EXPECT_EQ(parsed.rows[1].message, "second; with semicolon");
    ASSERT_EQ(parsed.diagnostics.size(), 1u);
    EXPECT_EQ(parsed.diagnostics[0].line, 3u);
}

TEST(ParseKmsg, MaximaAndEmptyInput) {
    EXPECT_TRUE(parse_kmsg("", "kmsg").rows.empty());
    const auto parsed = parse_kmsg("7,18446744073709551615,18446744073709551615,-;x\n", "kmsg");
    ASSERT_EQ(parsed.rows.size(), 1u);
    EXPECT_EQ(parsed.rows[0].sequence, UINT64_MAX);
    EXPECT_EQ(parsed.rows[0].time_us, UINT64_MAX);
    EXPECT_EQ(parse_kmsg("6,1,x,-;bad time\n", "kmsg").diagnostics.size(), 1u);
}

TEST(KernelLogPatterns, OomKillForms) {
    auto kill = parse_oom_kill("Out of memory: Killed process 1234 (nginx) total-vm:1kB, UID:33");
    ASSERT_TRUE(kill);
    EXPECT_EQ(kill->pid, 1234);
    EXPECT_EQ(kill->process, "nginx");
    kill = parse_oom_kill("Memory cgroup out of memory: Killed process 9 (my app) total-vm:1kB");
    ASSERT_TRUE(kill);
    EXPECT_EQ(kill->process, "my app");
    EXPECT_FALSE(parse_oom_kill("oom-kill:constraint=CONSTRAINT_NONE,task=nginx,pid=1234"));
    EXPECT_FALSE(parse_oom_kill("Killed process 5 (x) by the admin")); // not the OOM killer
}

TEST(KernelLogPatterns, SynFloodConntrackAndLinks) {
    EXPECT_EQ(parse_syn_flood_port("TCP: request_sock_TCP: Possible SYN flooding on port 80. "
                                   "Sending cookies.  Check SNMP counters."),
              "80");
    EXPECT_EQ(parse_syn_flood_port("TCP: request_sock_TCPv6: Possible SYN flooding on port "
                                   "[::]:443. Dropping request."),
              "[::]:443");
    EXPECT_FALSE(parse_syn_flood_port("TCP: SYN cookies on port 80"));
    EXPECT_TRUE(is_conntrack_table_full("nf_conntrack: nf_conntrack: table full, dropping packet"));
    EXPECT_FALSE(is_conntrack_table_full("nf_conntrack: default automatic helper assignment"));
    const auto down = parse_link_event("e1000e 0000:00:19.0 eth0: NIC Link is Down");
    ASSERT_TRUE(down);
    EXPECT_EQ(down->interface, "eth0");
    EXPECT_EQ(down->change, LinkChange::down);
    const auto old_style = parse_link_event("e1000e: eth1 NIC Link is Up 1000 Mbps Full Duplex");
    ASSERT_TRUE(old_style);
    EXPECT_EQ(old_style->interface, "eth1");
    EXPECT_EQ(old_style->change, LinkChange::up);
    EXPECT_EQ(parse_link_event("mlx5_core 0000:41:00.0 enp65s0f0np0: Link down")->interface,
              "enp65s0f0np0");
    EXPECT_FALSE(parse_link_event("IPv6: ADDRCONF(NETDEV_CHANGE): eth0: link becomes ready"));
    EXPECT_FALSE(parse_link_event("Link update scheduled for wlan0"));
    EXPECT_EQ(kmsg_time(5000200000), "[5000.200000]");
    // with the boot's start (2025-12-01 12:13:20 UTC): the wall-clock time beside it
    EXPECT_EQ(kmsg_time(5000200000, 1764591200'000000), "[5000.200000] ~2025-12-01 13:36:40 UTC");
    EXPECT_EQ(kmsg_time(UINT64_MAX, 1764591200'000000), "[18446744073709.551615]");
    EXPECT_EQ(kmsg_time(5000200000, -1), "[5000.200000]");
    EXPECT_EQ(kmsg_time(5000200000, INT64_MAX), "[5000.200000]");
}

TEST(KernelLogChecks, QuietLogFindsNothing) {
    EXPECT_TRUE(run_log_checks("6,1,1000000,-;e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps\n"
                               "6,2,2000000,-;nf_conntrack: default automatic helper\n")
                    .empty());
    EXPECT_TRUE(run_log_checks("").empty());
}

TEST(KernelLogChecks, NoKernelLogNoFinding) {
    const Snapshot snapshot;
    const AuditFacts facts = build_audit_facts(snapshot);
    const AuditContext context{snapshot, facts, nullptr, nullptr};
    std::vector<Finding> out;
    for (const Rule& rule : rule_catalogue())
        if (rule.check == check_recent_oom_kill || rule.check == check_link_flaps)
            rule.check(context, rule, out);
    EXPECT_TRUE(out.empty());
}

TEST(KernelLogChecks, OomKillNamesBaselineListeners) {
    Baseline baseline;
    ListenEntry entry;
    entry.protocol = "tcp";
    entry.first_port = entry.last_port = 80;
    entry.exe = "/usr/sbin/nginx";
    baseline.listeners.push_back(entry);
    const std::string log =
        "3,7,5000200000,-;Out of memory: Killed process 1234 (nginx) total-vm:1kB\n"
        "3,8,5000300000,-;Out of memory: Killed process 77 (stress) total-vm:1kB\n";
    const auto findings = run_log_checks(log, &baseline);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].id, "recent-oom-kill");
    EXPECT_EQ(findings[0].severity, Severity::warning);
    EXPECT_EQ(findings[0].subject.pid, 1234);
    EXPECT_EQ(findings[0].evidence, "[5000.200000] the OOM killer killed nginx (pid 1234); in the "
                                    "baseline it held the listeners tcp port 80 (/usr/sbin/nginx)");
    EXPECT_NE(findings[1].evidence.find("it held no listener in the baseline"), std::string::npos);
    EXPECT_NE(run_log_checks(log)[0].evidence.find("no baseline given"), std::string::npos);
}

TEST(KernelLogChecks, LinkFlapSeverityByCount) {
    const auto findings = run_log_checks("6,1,1000000,-;igb 0000:01:00.0 eno1: NIC Link is Down\n"
                                         "6,2,2000000,-;igb 0000:01:00.0 eno1: NIC Link is Up\n"
                                         "6,3,3000000,-;r8169 0000:02:00.0 enp2s0: Link is Down\n"
                                         "6,4,4000000,-;r8169 0000:02:00.0 enp2s0: Link is Up\n"
                                         "6,5,5000000,-;r8169 0000:02:00.0 enp2s0: Link is Down\n");
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].subject.interface, "eno1");
    EXPECT_EQ(findings[0].severity, Severity::info);
    EXPECT_EQ(findings[1].subject.interface, "enp2s0");
    EXPECT_EQ(findings[1].severity, Severity::warning);
    EXPECT_NE(findings[1].evidence.find("lost its link 2 times ([3.000000], [5.000000])"),
              std::string::npos)
        << findings[1].evidence;
    // every loss of the link is listed, without a wall-clock time (the test log has no boot)
    ASSERT_EQ(findings[1].logged.size(), 2u);
    EXPECT_EQ(findings[1].logged[1].since_boot_us, 5000000u);
    EXPECT_FALSE(findings[1].logged[1].unix_us);
}

TEST(KernelLogChecks, LoggedTimesFollowTheBootStart) {
    const Snapshot snapshot;
    const AuditFacts facts = build_audit_facts(snapshot);
    KernelLog log{
        "test",
        parse_kmsg("4,1,2000000,-;TCP: request_sock_TCP: Possible SYN flooding on port 80. "
                   "Sending cookies.\n"
                   "4,2,2500000,-;nf_conntrack: nf_conntrack: table full, dropping packet\n",
                   "test")
            .rows,
        1764590000'500000};
    const AuditContext context{snapshot, facts, nullptr, &log};
    std::vector<Finding> out;
    for (const Rule& rule : rule_catalogue())
        if (rule.check == check_kernel_syn_flood_message ||
            rule.check == check_conntrack_drops_logged)
            rule.check(context, rule, out);
    ASSERT_EQ(out.size(), 2u);
    ASSERT_EQ(out[0].logged.size(), 1u);
    EXPECT_EQ(out[0].logged[0].since_boot_us, 2000000u);
    EXPECT_EQ(out[0].logged[0].unix_us, 1764590002'500000);
    EXPECT_EQ(out[1].logged[0].unix_us, 1764590003'000000);
    EXPECT_NE(out[0].evidence.find("[2.000000] ~2025-12-01 11:53:22 UTC"), std::string::npos)
        << out[0].evidence;
}

TEST(CollectKernelLog, CaptureDirectoryKmsgAndExplicitFile) {
    EXPECT_FALSE(collect_kernel_log(NETSTAT_AUDIT_TEST_FIXTURES "/audit/clean/proc", ""));
    const auto log = collect_kernel_log(NETSTAT_AUDIT_TEST_FIXTURES "/audit/clean/proc",
                                        NETSTAT_AUDIT_TEST_FIXTURES "/kmsg/triggering.kmsg");
    ASSERT_TRUE(log);
    EXPECT_EQ(log->records.size(), 16u);
    EXPECT_FALSE(collect_kernel_log("/proc", "/nonexistent/kmsg"));
    // an explicit file may be of any boot: no boot start is assumed
    EXPECT_FALSE(log->boot_unix_us);
}

TEST(CollectKernelLog, BootStartOfALiveLogIsBeforeNow) {
    const auto log = collect_kernel_log("/proc", "");
    if (!log)
        GTEST_SKIP() << "/dev/kmsg is not readable here";
    ASSERT_TRUE(log->boot_unix_us);
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    EXPECT_LT(*log->boot_unix_us, static_cast<std::int64_t>(now.tv_sec) * 1'000'000);
    EXPECT_GT(*log->boot_unix_us, 0);
}

TEST(ParseSecondsUs, FractionsAndRejects) {
    EXPECT_EQ(parse_seconds_us("1764590000.5"), 1764590000'500000);
    EXPECT_EQ(parse_seconds_us("12345.67 9999.00\n"), 12345'670000);
    EXPECT_EQ(parse_seconds_us("42"), 42'000000);
    EXPECT_EQ(parse_seconds_us("0.000001"), 1);
    EXPECT_FALSE(parse_seconds_us(""));
    EXPECT_FALSE(parse_seconds_us("-1.5"));
    EXPECT_FALSE(parse_seconds_us("1."));
    EXPECT_FALSE(parse_seconds_us("1.1234567"));
    EXPECT_FALSE(parse_seconds_us("1.2e3"));
    EXPECT_FALSE(parse_seconds_us("99999999999"));
    EXPECT_EQ(parse_capture_manifest("time-unix: 5\nboot-time-unix: 3.25\n").boot_time_unix_us,
              3'250000);
}
