// SPDX-License-Identifier: MIT
// Tests for baseline files: parsing and its errors, rendering, matching, atomic writing.
#include "netstat_audit/audit/baseline.hpp"

#include "netstat_audit/audit/rules.hpp"
#include "netstat_audit/source/audit_collect.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <dirent.h>
#include <string>
#include <unistd.h>

using namespace netstat_audit;

namespace {

std::string baseline_fixture(std::string_view scenario) {
    return std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/audit/" + std::string(scenario) + "/proc";
}

BaselineError error_of(std::string_view text) {
    auto parsed = parse_baseline(text, "b.conf");
    EXPECT_FALSE(parsed);
    return parsed ? BaselineError{} : parsed.error();
}

std::vector<Finding> baseline_findings(std::string_view scenario, const Baseline& baseline) {
    Snapshot s = collect_audit_snapshot(ProcFs(baseline_fixture(scenario)));
    AuditFacts facts = build_audit_facts(s);
    std::vector<Finding> out;
    for (Finding& f : run_audit({s, facts, &baseline}, {}))
        if (f.id.starts_with("baseline-"))
            out.push_back(std::move(f));
    return out;
}

Baseline baseline_of(std::string_view scenario) {
    Snapshot s = collect_audit_snapshot(ProcFs(baseline_fixture(scenario)));
    auto parsed = parse_baseline(render_baseline(s, build_audit_facts(s)), "saved");
    EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().text());
    return parsed ? *parsed : Baseline{};
}

} // namespace

TEST(ParseBaseline, EntriesCommentsRangesAndWildcards) {
    auto parsed = parse_baseline("# comment\n"
                                 "\n"
                                 "listen tcp 0.0.0.0 22 /usr/sbin/sshd root  # ssh\n"
                                 "listen tcp6 * 8000-8099 /usr/bin/app www-data\n"
                                 "listen * * * /usr/sbin/nginx *\n"
                                 "listen udp ::1 323 /usr/sbin/chronyd 102\n"
                                 "listen tcp 10.0.0.1 80 /opt/my\\x20app/bin/web -\n"
                                 "route v4 192.168.1.1 eth0\n"
                                 "route v6 fe80::1 eth0\n",
                                 "b.conf");
    ASSERT_TRUE(parsed) << parsed.error().text();
    ASSERT_EQ(parsed->listeners.size(), 5u);
    const ListenEntry& ssh = parsed->listeners[0];
    EXPECT_EQ(ssh.protocol, "tcp");
    ASSERT_TRUE(ssh.address);
    EXPECT_EQ(ssh.first_port, 22);
    EXPECT_EQ(ssh.last_port, 22);
    EXPECT_EQ(ssh.line, 3u);
    EXPECT_TRUE(ssh.exact());
    EXPECT_EQ(parsed->listeners[1].first_port, 8000);
    EXPECT_EQ(parsed->listeners[1].last_port, 8099);
    EXPECT_FALSE(parsed->listeners[1].exact());
    EXPECT_FALSE(parsed->listeners[2].address);
    EXPECT_EQ(parsed->listeners[2].first_port, 0);
    EXPECT_EQ(parsed->listeners[2].last_port, 65535);
    EXPECT_EQ(parsed->listeners[4].exe, "/opt/my app/bin/web");
    ASSERT_EQ(parsed->routes.size(), 2u);
    EXPECT_TRUE(parsed->routes_recorded);
    EXPECT_EQ(parsed->routes[1].family, IpVersion::v6);
}

TEST(ParseBaseline, ErrorsNameFileLineAndField) {
    EXPECT_EQ(error_of("listen tcp 0.0.0.0 22x /usr/sbin/sshd root\n").text(),
              "b.conf:1: port: \"22x\" is not a port, a range FIRST-LAST or *");
    EXPECT_EQ(error_of("\n# ok\nlisten tcp 0.0.0.0 22 /usr/sbin/sshd\n").line, 3u);
    EXPECT_EQ(error_of("listen tcp 0.0.0.0 22 /usr/sbin/sshd\n").field, "user");
    EXPECT_EQ(error_of("listen tcp 300.1.1.1 22 /usr/sbin/sshd root\n").field, "address");
    EXPECT_EQ(error_of("listen sctp * 22 /usr/sbin/sshd root\n").field, "protocol");
    EXPECT_EQ(error_of("listen tcp * 90-80 /x root\n").field, "port");
    EXPECT_EQ(error_of("listen tcp * 70000 /x root\n").field, "port");
    EXPECT_EQ(error_of("listen tcp * 22 sshd root\n").field, "executable");
    EXPECT_EQ(error_of("listen tcp * 22 /x root extra\n").field, "end of line");
    EXPECT_EQ(error_of("allow tcp * 22 /x root\n").field, "keyword");
    EXPECT_EQ(error_of("route v4 fe80::1 eth0\n").field, "gateway");
    EXPECT_EQ(error_of("route v5 1.1.1.1 eth0\n").field, "family");
    EXPECT_EQ(error_of("listen tcp * 22 /x\\x2 root\n").field, "field");
}

TEST(Baseline, RoundTripOfAStockHostAllowsItself) {
    Baseline baseline = baseline_of("clean");
    EXPECT_EQ(baseline.listeners.size(), 11u);
    EXPECT_TRUE(baseline.routes_recorded);
    ASSERT_EQ(baseline.routes.size(), 1u);
    EXPECT_TRUE(baseline_findings("clean", baseline).empty());
}

TEST(Baseline, RestartWithNewPidsAndInodesAddsNothing) {
    EXPECT_TRUE(baseline_findings("clean_restarted", baseline_of("clean")).empty());
}

TEST(Baseline, NewListenerIsReportedAndSensitiveOnesAreCritical) {
    auto found = baseline_findings("baseline_new", baseline_of("clean"));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].id, "baseline-new-listener");
    EXPECT_EQ(found[0].subject.port, 8080);
    EXPECT_EQ(found[0].severity, Severity::warning);
    auto redis = baseline_findings("sensitive", baseline_of("clean"));
    ASSERT_FALSE(redis.empty());
    EXPECT_EQ(redis[0].severity, Severity::critical);
}

TEST(Baseline, MissingListenerAndChangedRoute) {
    auto found = baseline_findings("baseline_missing_route", baseline_of("clean"));
    std::size_t missing = 0, routes = 0;
    for (const Finding& f : found) {
        if (f.id == "baseline-missing-listener") {
            ++missing;
            EXPECT_EQ(f.subject.port, 631);
        }
        routes += f.id == "baseline-route-changed";
    }
    EXPECT_EQ(missing, 2u); // tcp 127.0.0.1:631 and tcp6 ::1:631
    EXPECT_EQ(routes, 2u);  // 192.168.1.254 is new, 192.168.1.1 is gone
}

TEST(Baseline, AllowlistSilencesExposureFindings) {
    auto parsed = parse_baseline("listen * * * /usr/sbin/sshd *\n", "allow");
    ASSERT_TRUE(parsed);
    Snapshot s = collect_audit_snapshot(ProcFs(baseline_fixture("clean")));
    AuditFacts facts = build_audit_facts(s);
    for (const Finding& f : run_audit({s, facts, &*parsed}, {}))
        if (f.id == "listener-all-interfaces") {
            EXPECT_NE(f.subject.pid, 812);
        }
}

TEST(Baseline, AnyPortForAnExecutableAndUidForUser) {
    auto parsed = parse_baseline("listen * * * /usr/sbin/lighttpd 33\n", "allow");
    ASSERT_TRUE(parsed);
    Snapshot s = collect_audit_snapshot(ProcFs(baseline_fixture("baseline_new")));
    AuditFacts facts = build_audit_facts(s);
    std::size_t allowed = 0;
    for (const Listener& l : facts.listeners)
        allowed += find_listen_entry(*parsed, facts, l) != nullptr;
    EXPECT_EQ(allowed, 1u);
}

TEST(EscapeBaselineField, BlanksHashBackslashAndControls) {
    EXPECT_EQ(escape_baseline_field("/opt/my app#1\\x\n"), "/opt/my\\x20app\\x231\\x5cx\\x0a");
    EXPECT_EQ(escape_baseline_field("/usr/sbin/sshd"), "/usr/sbin/sshd");
}
