// SPDX-License-Identifier: MIT
// Tests for the audit rules: one triggering and one quiet fixture tree per rule, the catalogue,
// the name heuristics and the exit status.
#include "netstat_audit/audit/rules.hpp"

#include "netstat_audit/report/audit_report.hpp"
#include "netstat_audit/source/audit_collect.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace netstat_audit;

namespace {

std::string rules_fixture(std::string_view scenario) {
    return std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/audit/" + std::string(scenario) + "/proc";
}

struct Audited {
    Snapshot snapshot;
    AuditFacts facts;
    std::vector<Finding> findings;
};

Audited audit(std::string_view scenario, const Baseline* baseline = nullptr) {
    Audited a;
    a.snapshot = collect_audit_snapshot(ProcFs(rules_fixture(scenario)));
    a.facts = build_audit_facts(a.snapshot);
    a.findings = run_audit({a.snapshot, a.facts, baseline}, {});
    return a;
}

std::vector<Finding> with_id(const Audited& a, std::string_view id) {
    std::vector<Finding> out;
    std::copy_if(a.findings.begin(), a.findings.end(), std::back_inserter(out),
                 [&](const Finding& f) { return f.id == id; });
    return out;
}

struct Trigger {
    std::string_view scenario;
    std::string_view id;
    Severity severity;
    std::optional<std::int32_t> pid;
    std::optional<std::uint16_t> port;
};

class RuleTriggers : public testing::TestWithParam<Trigger> {};

TEST_P(RuleTriggers, ReportsThePlantedCondition) {
    const Trigger& t = GetParam();
    Audited a = audit(t.scenario);
    std::vector<Finding> found;
    for (const Finding& f : with_id(a, t.id))
        if ((!t.pid || f.subject.pid == t.pid) && (!t.port || f.subject.port == t.port))
            found.push_back(f);
    ASSERT_EQ(found.size(), 1u) << t.scenario << " " << t.id;
    EXPECT_EQ(found[0].severity, t.severity);
    EXPECT_EQ(found[0].subject.pid, t.pid);
    if (t.port) {
        EXPECT_EQ(found[0].subject.port, t.port);
    }
    EXPECT_FALSE(found[0].evidence.empty());
    EXPECT_FALSE(found[0].why.empty());
    EXPECT_FALSE(found[0].fix.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, RuleTriggers,
    testing::Values(
        Trigger{"clean", "listener-all-interfaces", Severity::info, 812, 22}, // :::22 said with it
        Trigger{"sensitive", "sensitive-service-exposed", Severity::critical, 5400, 6379},
        Trigger{"privileged_port", "privileged-port-unprivileged-owner", Severity::warning, 5300,
                80},
        Trigger{"deleted_exe", "deleted-executable", Severity::critical, 4100, std::nullopt},
        Trigger{"deleted_exe_upgrade", "deleted-executable", Severity::warning, 812, std::nullopt},
        Trigger{"memfd", "memfd-executable", Severity::critical, 4200, std::nullopt},
        Trigger{"temp_exe", "executable-in-temp-dir", Severity::critical, 4300, std::nullopt},
        Trigger{"kthread", "kernel-thread-impersonation", Severity::critical, 4400, std::nullopt},
        Trigger{"name_mismatch", "process-name-mismatch", Severity::warning, 4500, std::nullopt},
        Trigger{"reverse_shell", "shell-with-network", Severity::critical, 4700, std::nullopt},
        Trigger{"netcat_out", "shell-with-network", Severity::warning, 4800, std::nullopt},
        Trigger{"raw_socket", "raw-socket", Severity::warning, 5000, std::nullopt},
        Trigger{"promisc", "promiscuous-interface", Severity::warning, std::nullopt, std::nullopt},
        Trigger{"unowned", "unowned-listener", Severity::info, std::nullopt, 51820},
        Trigger{"partial", "partial-visibility", Severity::warning, std::nullopt, std::nullopt},
        Trigger{"partial_manifest", "partial-visibility", Severity::warning, std::nullopt,
                std::nullopt}),
    [](const testing::TestParamInfo<Trigger>& param) {
        std::string name = std::string(param.param.scenario);
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

struct Quiet {
    std::string_view scenario;
    std::string_view id;
};

class RuleQuiet : public testing::TestWithParam<Quiet> {};

TEST_P(RuleQuiet, SaysNothing) {
    Audited a = audit(GetParam().scenario);
    EXPECT_TRUE(with_id(a, GetParam().id).empty()) << with_id(a, GetParam().id)[0].evidence;
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, RuleQuiet,
    testing::Values(
        Quiet{"loopback_only", "listener-all-interfaces"},
        Quiet{"sensitive_quiet", "sensitive-service-exposed"},
        Quiet{"clean", "privileged-port-unprivileged-owner"}, // resolved, chronyd
        Quiet{"privileged_port_cap", "privileged-port-unprivileged-owner"},
        Quiet{"privileged_port_sysctl", "privileged-port-unprivileged-owner"},
        Quiet{"name_mismatch_quiet", "privileged-port-unprivileged-owner"}, // nginx
        Quiet{"deleted_exe_quiet", "deleted-executable"}, Quiet{"memfd_quiet", "memfd-executable"},
        Quiet{"temp_exe_quiet", "executable-in-temp-dir"},
        Quiet{"kthread_quiet", "kernel-thread-impersonation"},
        Quiet{"name_mismatch_quiet", "process-name-mismatch"},
        Quiet{"clean", "process-name-mismatch"}, Quiet{"shell_quiet", "shell-with-network"},
        Quiet{"name_mismatch_quiet", "shell-with-network"}, // nc -l on loopback
        Quiet{"promisc_quiet", "promiscuous-interface"},
        Quiet{"unowned_partial", "unowned-listener"}, Quiet{"clean", "partial-visibility"}),
    [](const testing::TestParamInfo<Quiet>& param) {
        std::string name = std::string(param.param.scenario) + "_" + std::string(param.param.id);
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

} // namespace

TEST(AuditRules, StockDebianHasNothingAtWarningOrAbove) {
    for (std::string_view scenario : {"clean", "clean_restarted"}) {
        Audited a = audit(scenario);
        for (const Finding& f : a.findings)
            EXPECT_EQ(f.severity, Severity::info) << scenario << ": " << f.id << " " << f.evidence;
        EXPECT_EQ(audit_exit_status(a.findings, Severity::warning), 0);
    }
}

TEST(AuditRules, DhcpClientPacketSocketIsExpectedAndSaysWhy) {
    Audited a = audit("clean");
    auto raw = with_id(a, "raw-socket");
    ASSERT_EQ(raw.size(), 1u);
    EXPECT_EQ(raw[0].severity, Severity::info);
    EXPECT_EQ(raw[0].subject.pid, 700);
    EXPECT_NE(raw[0].evidence.find("DHCP client"), std::string::npos);
}

TEST(AuditRules, DhcpClientNameOutsideSystemDirectoriesIsNotExpected) {
    auto raw = with_id(audit("raw_socket_fake_dhcp"), "raw-socket");
    ASSERT_EQ(raw.size(), 2u);
    EXPECT_EQ(raw[0].subject.pid, 5010); // worst first
    EXPECT_EQ(raw[0].severity, Severity::warning);
    EXPECT_EQ(raw[1].subject.pid, 700); // the real dhclient stays expected
    EXPECT_EQ(raw[1].severity, Severity::info);
}

TEST(AuditRules, DualBindIsSaidOnce) {
    auto all = with_id(audit("clean"), "listener-all-interfaces");
    ASSERT_EQ(all.size(), 2u); // sshd 0.0.0.0:22 with :::22, dhclient udp 0.0.0.0:68
    EXPECT_NE(all[0].evidence.find("tcp6 :::22"), std::string::npos);
    EXPECT_EQ(all[1].subject.port, 68);
}

TEST(AuditRules, ImplantRaisesEveryIntegrityRuleOnOnePid) {
    Audited a = audit("implant");
    std::set<std::string> ids;
    for (const Finding& f : a.findings)
        if (f.severity == Severity::critical) {
            EXPECT_EQ(f.subject.pid, 23117);
            ids.insert(f.id);
        }
    EXPECT_EQ(ids, (std::set<std::string>{"deleted-executable", "executable-in-temp-dir",
                                          "kernel-thread-impersonation"}));
    EXPECT_EQ(audit_exit_status(a.findings, Severity::warning), 2);
}

TEST(AuditRules, OnlyAndSkipSelect) {
    Snapshot s = collect_audit_snapshot(ProcFs(rules_fixture("implant")));
    AuditFacts facts = build_audit_facts(s);
    auto only = run_audit({s, facts, nullptr}, {{"memfd-executable", "deleted-executable"}, {}});
    ASSERT_EQ(only.size(), 1u);
    EXPECT_EQ(only[0].id, "deleted-executable");
    auto skipped = run_audit({s, facts, nullptr}, {{}, {"deleted-executable"}});
    EXPECT_TRUE(std::none_of(skipped.begin(), skipped.end(),
                             [](const Finding& f) { return f.id == "deleted-executable"; }));
}

TEST(AuditRules, FindingsAreOrderedWorstFirst) {
    Audited a = audit("implant");
    EXPECT_TRUE(
        std::is_sorted(a.findings.begin(), a.findings.end(),
                       [](const Finding& x, const Finding& y) { return x.severity > y.severity; }));
}

TEST(RuleCatalogue, IdsAreUniqueAndComplete) {
    std::set<std::string_view> ids;
    for (const Rule& rule : rule_catalogue()) {
        EXPECT_TRUE(ids.insert(rule.id).second) << rule.id;
        EXPECT_FALSE(rule.title.empty());
        EXPECT_FALSE(rule.why.empty());
        EXPECT_FALSE(rule.fix.empty());
        EXPECT_EQ(find_rule(rule.id), &rule);
    }
    EXPECT_EQ(ids.size(), 41u); // 16 of part 1, 20 of part 2, 4 of the kernel log, 1 netns
    for (std::string_view id : {"hidden-socket",
                                "tcp-retransmission-rate",
                                "interface-errors",
                                "tcp-errors",
                                "udp-buffer-errors",
                                "listen-queue-overflow",
                                "syn-flood",
                                "time-wait-pressure",
                                "close-wait-buildup",
                                "ephemeral-port-exhaustion",
                                "orphan-sockets",
                                "tcp-memory-pressure",
                                "conntrack-table-full",
                                "fd-exhaustion",
                                "stuck-queue",
                                "no-default-route",
                                "multiple-default-routes",
                                "gateway-unreachable",
                                "sysctl-hardening",
                                "ip-forwarding-enabled"})
        EXPECT_NE(find_rule(id), nullptr) << id;
    EXPECT_EQ(find_rule("no-such-rule"), nullptr);
}

TEST(ProcessNameMatches, AcceptsWhatSystemsReallyRun) {
    EXPECT_TRUE(process_name_matches("sshd", "sshd"));
    EXPECT_TRUE(process_name_matches("sshd: root@pts/0", "sshd"));
    EXPECT_TRUE(process_name_matches("nginx: worker process", "nginx"));
    EXPECT_TRUE(process_name_matches("postgres: 15/main: checkpointer ", "postgres"));
    EXPECT_TRUE(process_name_matches("/usr/bin/redis-server *:6379", "redis-server"));
    EXPECT_TRUE(process_name_matches("systemd-resolve", "systemd-resolved")); // 15-byte comm
    EXPECT_TRUE(process_name_matches("python3", "python3.11"));
    EXPECT_TRUE(process_name_matches("nc", "nc.openbsd"));
    EXPECT_TRUE(process_name_matches("awk", "mawk"));
    EXPECT_TRUE(process_name_matches("-bash", "bash"));
    EXPECT_TRUE(process_name_matches("/sbin/init", "systemd"));
    EXPECT_TRUE(process_name_matches("(sd-pam)", "systemd"));
    EXPECT_TRUE(process_name_matches("", "anything"));
}

TEST(ProcessNameMatches, RejectsAnotherProgramsName) {
    EXPECT_FALSE(process_name_matches("sshd", "xmrig"));
    EXPECT_FALSE(process_name_matches("sshd: root@pts/1", "xmrig"));
    EXPECT_FALSE(process_name_matches("cron", "kdevtmpfsi"));
    EXPECT_FALSE(process_name_matches("s", "sshd")); // one letter is no claim of a prefix
}

TEST(NameClasses, ShellsInterpretersRelaysKernelThreads) {
    EXPECT_TRUE(is_shell("bash"));
    EXPECT_TRUE(is_shell("dash"));
    EXPECT_FALSE(is_shell("sshd"));
    EXPECT_TRUE(is_interpreter("python3.11"));
    EXPECT_TRUE(is_interpreter("perl5.36.0"));
    EXPECT_TRUE(is_interpreter("java"));
    EXPECT_FALSE(is_interpreter("postgres"));
    EXPECT_TRUE(is_relay("socat"));
    EXPECT_TRUE(is_relay("nc.traditional"));
    EXPECT_TRUE(looks_like_kernel_thread("[kworker/0:2]"));
    EXPECT_TRUE(looks_like_kernel_thread("ksoftirqd/3"));
    EXPECT_FALSE(looks_like_kernel_thread("kdevtmpfsi"));
    EXPECT_FALSE(looks_like_kernel_thread("[]"));
}

TEST(AuditExitStatus, MonitoringPluginConvention) {
    auto with = [](std::initializer_list<Severity> severities) {
        std::vector<Finding> findings;
        for (Severity s : severities)
            findings.push_back(Finding{"x", s, "", {}, "", "", "", {}});
        return findings;
    };
    EXPECT_EQ(audit_exit_status({}, Severity::warning), 0);
    EXPECT_EQ(audit_exit_status(with({Severity::info}), Severity::warning), 0);
    EXPECT_EQ(audit_exit_status(with({Severity::info}), Severity::info), 1);
    EXPECT_EQ(audit_exit_status(with({Severity::info, Severity::warning}), Severity::warning), 1);
    EXPECT_EQ(audit_exit_status(with({Severity::warning, Severity::critical}), Severity::warning),
              2);
    EXPECT_EQ(audit_exit_status(with({Severity::warning}), Severity::critical), 0);
    EXPECT_EQ(audit_exit_status(with({Severity::critical}), Severity::critical), 2);
}

TEST(AuditRules, BindThenDropDaemonsAreInfoAndSayWhy) {
    Audited a = audit("privileged_port_drop");
    auto found = with_id(a, "privileged-port-unprivileged-owner");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::info);
    EXPECT_EQ(found[0].subject.pid, 5310);
    EXPECT_NE(found[0].evidence.find("by design"), std::string::npos);
    EXPECT_EQ(audit_exit_status(a.findings, Severity::warning), 0);
}

TEST(AuditRules, AnOwnerThatCouldNotBeSeenIsNotSaidToBeAbsent) {
    // unowned_partial: not root, so a listener whose owner was not seen may have one
    Audited partial = audit("unowned_partial");
    ASSERT_FALSE(partial.snapshot.visibility.complete());
    std::size_t said = 0;
    for (const Finding& f : partial.findings) {
        EXPECT_EQ(f.evidence.find("held by no process"), std::string::npos) << f.evidence;
        if (f.evidence.find("held by no visible process") != std::string::npos)
            ++said;
    }
    EXPECT_GE(said, 1u);
    // with every process visible the same words are a fact
    Audited complete = audit("unowned");
    ASSERT_TRUE(complete.snapshot.visibility.complete());
    for (const Finding& f : complete.findings)
        EXPECT_EQ(f.evidence.find("no visible process"), std::string::npos) << f.evidence;
}
