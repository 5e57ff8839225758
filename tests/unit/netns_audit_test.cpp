// SPDX-License-Identifier: MIT
// The audit over every namespace of tests/fixtures/netns: hidden-namespace-listener (triggering
// and quiet), subjects naming the namespace, baselines keyed by namespace label.
#include "netstat_audit/audit/baseline.hpp"
#include "netstat_audit/audit/netns_audit.hpp"
#include "netstat_audit/source/audit_collect.hpp"
#include "netstat_audit/source/netns_audit_collect.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace netstat_audit {
namespace {

std::string fixture_proc(std::string_view scenario) {
    return std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/" + std::string(scenario) + "/proc";
}

struct NetnsAudited {
    Snapshot host;
    std::vector<NamespaceSnapshot> others;
    std::vector<Finding> host_findings;
    std::vector<Finding> namespace_findings;
};

NetnsAudited audit_all(const std::string& proc_root, const Baseline* baseline = nullptr) {
    NetnsAudited a;
    const ProcFs proc(proc_root);
    a.host = collect_audit_snapshot(proc);
    const AuditFacts facts = build_audit_facts(a.host);
    a.host_findings = run_audit({a.host, facts, baseline}, {});
    a.others = collect_namespace_snapshots(proc, a.host).others;
    a.namespace_findings = run_namespace_audits(a.others, a.host_findings, baseline, {});
    return a;
}

std::vector<Finding> findings_with_id(const std::vector<Finding>& findings, std::string_view id) {
    std::vector<Finding> out;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
                 [&](const Finding& f) { return f.id == id; });
    return out;
}

TEST(NetnsAudit, ReadsEveryNamespaceWithAProcess) {
    const NetnsAudited a = audit_all(fixture_proc("netns"));
    // docker, kubepods, the unshare one, and "blue" (no process; the capture's netns-net tables)
    ASSERT_EQ(a.others.size(), 4u);
    EXPECT_EQ(a.others[3].netns.label, "blue");
    EXPECT_EQ(a.others[0].netns.label, "docker:4c01db0b339c");
    ASSERT_EQ(a.others[0].snapshot.sockets.tcp.size(), 2u);
    ASSERT_EQ(a.others[0].snapshot.sockets.tcp[0].parsed.rows.size(), 1u);
    EXPECT_EQ(a.others[0].snapshot.sockets.tcp[0].parsed.rows[0].local.port, 80);
    EXPECT_EQ(a.others[0].snapshot.processes.size(), a.host.processes.size());
}

TEST(HiddenNamespaceListener, ReportsTheUnaccountedNamespaceOnly) {
    const NetnsAudited a = audit_all(fixture_proc("netns"));
    EXPECT_TRUE(findings_with_id(a.host_findings, "hidden-namespace-listener").empty());
    const auto hidden = findings_with_id(a.namespace_findings, "hidden-namespace-listener");
    ASSERT_EQ(hidden.size(), 1u);
    EXPECT_EQ(hidden[0].severity, Severity::warning);
    EXPECT_EQ(hidden[0].subject.port, 31337);
    EXPECT_EQ(hidden[0].subject.pid, 300);
    EXPECT_EQ(hidden[0].subject.netns, "sleep");
    EXPECT_EQ(hidden[0].subject.netns_inode, 4026532500u);
    EXPECT_NE(hidden[0].evidence.find("0.0.0.0:31337"), std::string::npos) << hidden[0].evidence;
}

TEST(HiddenNamespaceListener, QuietWithoutOtherNamespaces) {
    for (std::string_view scenario : {"audit/clean", "audit/sensitive"}) {
        const NetnsAudited a = audit_all(fixture_proc(scenario));
        EXPECT_TRUE(a.others.empty()) << scenario;
        EXPECT_TRUE(findings_with_id(a.namespace_findings, "hidden-namespace-listener").empty());
    }
}

TEST(HiddenNamespaceListener, QuietForContainersAndHost) {
    const NetnsAudited a = audit_all(fixture_proc("netns"));
    for (const NamespaceSnapshot& one : a.others) {
        if (is_unaccounted(one.netns))
            continue;
        const AuditFacts facts = build_audit_facts(one.snapshot);
        std::vector<Finding> out;
        const Rule* rule = find_rule("hidden-namespace-listener");
        ASSERT_NE(rule, nullptr);
        check_hidden_namespace_listener({one.snapshot, facts, nullptr, nullptr, &one.netns}, *rule,
                                        out);
        EXPECT_TRUE(out.empty()) << one.netns.label;
    }
}

TEST(NetnsAudit, ContainerFindingsNameTheirNamespace) {
    const NetnsAudited a = audit_all(fixture_proc("netns"));
    bool docker_port_80 = false;
    for (const Finding& f : a.namespace_findings) {
        EXPECT_TRUE(f.subject.netns.has_value()) << f.id;
        if (f.id == "listener-all-interfaces" && f.subject.port == 80) {
            docker_port_80 = true;
            EXPECT_EQ(f.subject.netns, "docker:4c01db0b339c");
            EXPECT_EQ(f.subject.pid, 100);
            // reachable from the namespace's own addresses, not the host's
            EXPECT_NE(f.evidence.find("every address of its network namespace"), std::string::npos)
                << f.evidence;
        }
    }
    EXPECT_TRUE(docker_port_80);
    // The host's sshd is the host's finding alone.
    for (const Finding& f : a.namespace_findings)
        EXPECT_NE(f.subject.port, 22) << f.id;
}

TEST(NetnsBaseline, ListenersKeyedByLabel) {
    const NetnsAudited a = audit_all(fixture_proc("netns"));
    AuditFacts docker = build_audit_facts(a.others[0].snapshot);
    docker.netns = a.others[0].netns.label;
    const std::string lines = render_baseline_listens(docker);
    EXPECT_EQ(lines, "listen tcp 0.0.0.0 80 - 0 netns=docker:4c01db0b339c\n");
    auto parsed = parse_baseline(lines, "b");
    ASSERT_TRUE(parsed) << parsed.error().text();
    ASSERT_EQ(parsed->listeners.size(), 1u);
    EXPECT_EQ(parsed->listeners[0].netns, "docker:4c01db0b339c");
    EXPECT_NE(find_listen_entry(*parsed, docker, docker.listeners[0]), nullptr);
    // The same line does not allow the host's or another namespace's listener.
    AuditFacts other = docker;
    other.netns = "sleep";
    EXPECT_EQ(find_listen_entry(*parsed, other, other.listeners[0]), nullptr);
    other.netns.clear();
    EXPECT_EQ(find_listen_entry(*parsed, other, other.listeners[0]), nullptr);
    EXPECT_FALSE(parse_baseline("listen tcp * 80 * * netns=\n", "b"));
    EXPECT_FALSE(parse_baseline("listen tcp * 80 * * other\n", "b"));
}

} // namespace
} // namespace netstat_audit
