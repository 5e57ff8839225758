// SPDX-License-Identifier: MIT
// Tests for the audit's health block beyond the counters: the tcp_info RTT lines (text and JSON,
// with, without and with many groups) and the hidden-socket probe driven through injected
// readers to its finding and both reports.
#include "netstat_audit/audit/facts.hpp"
#include "netstat_audit/audit/health.hpp"
#include "netstat_audit/audit/rules.hpp"
#include "netstat_audit/model/connection_health.hpp"
#include "netstat_audit/report/audit_report.hpp"
#include "netstat_audit/source/health_collect.hpp"
#include "tcp_health_rows.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace netstat_audit;
using netstat_audit::test_support::established_with_health;

namespace {

InetSocket listener(std::uint16_t port, std::uint64_t inode) {
    InetSocket s;
    s.protocol = InetProtocol::tcp;
    s.local = {make_ipv4(0, 0, 0, 0), port};
    s.state = tcp_state::k_listen;
    s.inode = inode;
    return s;
}

SocketTables tcp_tables(std::vector<InetSocket> rows) {
    SocketTables tables;
    FileTable<InetSocket> tcp;
    tcp.relative = "net/tcp";
    tcp.parsed.rows = std::move(rows);
    tables.tcp.push_back(std::move(tcp));
    return tables;
}

// A report of `snapshot` with `sample` as the health block's (only) sample; the findings of
// the selected rules.
struct Report {
    Snapshot snapshot;
    HealthSample sample;
    HealthInputs health;
    AuditFacts facts;
    std::vector<Finding> findings;

    Report(Snapshot s, HealthSample h, const RuleSelection& selection)
        : snapshot(std::move(s)), sample(std::move(h)) {
        health.now = &sample;
        facts = build_audit_facts(snapshot);
        findings = run_audit({snapshot, facts, nullptr, nullptr, nullptr, &health}, selection);
    }
    AuditReport report() const {
        return {snapshot,
                facts,
                findings,
                Severity::warning,
                audit_exit_status(findings, Severity::warning),
                &health};
    }
    std::string text() const { return render_audit_text(report(), {}); }
    nlohmann::json json() const { return nlohmann::json::parse(render_audit_json(report())); }
    // The health block's lines: from "HEALTH" to the blank line before FINDINGS.
    std::string block() const {
        const std::string t = text();
        const std::size_t start = t.find("\nHEALTH");
        return t.substr(start + 1, t.find("\nFINDINGS") - start - 1);
    }
};

const RuleSelection k_no_rules{{"no-default-route"}, {}};

HealthSample with_tcp(const SocketTables& tables, TcpInfoSource source) {
    HealthSample sample;
    sample.tcp_health = summarise_tcp_health(tables, source);
    return sample;
}

std::string tail_from(const std::string& text, std::string_view marker) {
    const std::size_t at = text.find(marker);
    return at == std::string::npos ? std::string() : text.substr(at);
}

} // namespace

TEST(AuditTcpHealth, BlockWithTcpInfoOverallPeersAndServices) {
    const SocketTables tables =
        tcp_tables({listener(443, 1), established_with_health(7, 443, 2000, 0, 100),
                    established_with_health(7, 443, 80000, 10, 100),
                    established_with_health(8, 443, 1000, 0, 50),
                    established_with_health(9, 51000, 5000, 1, 10)}); // outgoing: no local service
    const Report r({}, with_tcp(tables, {true, ""}), k_no_rules);
    EXPECT_EQ(tail_from(r.block(), "TCP health"),
              "TCP health of established connections (tcp_info): 4\n"
              "  RTT p50 2.000 ms, p95 80.000 ms; retransmitted 4.23% of 260 segments\n"
              "  worst remote peers by p95 RTT\n"
              "  Conns   p50 ms   p95 ms  Retrans  Peer\n"
              "      2    2.000   80.000    5.00%  192.0.2.7\n"
              "      1    5.000    5.000   10.00%  192.0.2.9\n"
              "      1    1.000    1.000    0.00%  192.0.2.8\n"
              "  worst local services by p95 RTT\n"
              "  Conns   p50 ms   p95 ms  Retrans  Port\n"
              "      3    2.000   80.000    4.00%  443\n");
}

TEST(AuditTcpHealth, WithoutTcpInfoOneLineSaysWhyAndNoFigure) {
    // /proc text: rows without tcp_info, the capture's reason.
    SocketTables tables = tcp_tables({listener(22, 1), established_with_health(7, 22, 0, 0, 0)});
    tables.tcp[0].parsed.rows[1].health.reset();
    const Report capture({}, with_tcp(tables, {}), k_no_rules);
    EXPECT_EQ(tail_from(capture.block(), "TCP health"),
              "TCP health (RTT, retransmissions): not available from /proc text\n"
              "  (tcp_info needs the netlink source: the live kernel, no --proc-root)\n");
    const nlohmann::json j = capture.json()["health"]["tcp_health"];
    EXPECT_EQ(j["available"], false);
    EXPECT_EQ(j["unit"], "ms");
    EXPECT_EQ(j["reason"], std::string(k_tcp_info_needs_netlink));
    EXPECT_FALSE(j.contains("established"));
    EXPECT_FALSE(j.contains("peers"));

    // The live kernel, netlink refused: the dump fell back to /proc text.
    const Report refused(
        {}, with_tcp(tables, {false, tcp_info_fallback_reason("Operation not permitted")}),
        k_no_rules);
    EXPECT_NE(refused.block().find("not available from /proc text\n"
                                   "  (netlink unavailable: Operation not permitted)\n"),
              std::string::npos)
        << refused.block();
    EXPECT_EQ(refused.block().find("RTT p50"), std::string::npos);
}

TEST(AuditTcpHealth, NoEstablishedConnectionIsACountNotZeroRtts) {
    const Report r({}, with_tcp(tcp_tables({listener(22, 1)}), {true, ""}), k_no_rules);
    EXPECT_EQ(tail_from(r.block(), "TCP health"),
              "TCP health of established connections (tcp_info): 0\n");
    const nlohmann::json all = r.json()["health"]["tcp_health"]["established"];
    EXPECT_EQ(all["connections"], 0);
    EXPECT_TRUE(all["rtt_p50_ms"].is_null());
    EXPECT_TRUE(all["rtt_p95_ms"].is_null());
    EXPECT_TRUE(all["retrans_share"].is_null());
}

TEST(AuditTcpHealth, ManyPeersCollapseInTextAndAreAllInJson) {
    std::vector<InetSocket> rows = {listener(80, 1), listener(443, 2), listener(8080, 3),
                                    listener(9000, 4), listener(9001, 5)};
    const std::uint16_t ports[] = {80, 443, 8080, 9000, 9001};
    for (std::uint8_t peer = 1; peer <= 12; ++peer)
        rows.push_back(established_with_health(peer, ports[peer % 5], 1000u * peer, 0, 100));
    const Report r({}, with_tcp(tcp_tables(rows), {true, ""}), k_no_rules);
    const std::string block = r.block();
    EXPECT_NE(block.find("      1   12.000   12.000    0.00%  192.0.2.12\n"
                         "      1   11.000   11.000    0.00%  192.0.2.11\n"
                         "      1   10.000   10.000    0.00%  192.0.2.10\n"
                         "  (9 more peers; --json lists them)\n"),
              std::string::npos)
        << block;
    EXPECT_NE(block.find("  (2 more services; --json lists them)\n"), std::string::npos) << block;
    for (std::size_t start = 0, end; start < block.size(); start = end + 1) {
        end = block.find('\n', start);
        EXPECT_LE(end - start, 80u) << block.substr(start, end - start);
    }
    const nlohmann::json j = r.json()["health"]["tcp_health"];
    EXPECT_EQ(j["available"], true);
    EXPECT_EQ(j["basis"], "established TCP connections at the time of the audit (tcp_info)");
    EXPECT_EQ(j["established"]["connections"], 12);
    ASSERT_EQ(j["peers"].size(), 12u);
    EXPECT_EQ(j["peers"][0]["key"], "192.0.2.12");
    EXPECT_EQ(j["peers"][0]["rtt_p95_ms"], 12.0);
    ASSERT_EQ(j["services"].size(), 5u);
    EXPECT_EQ(j["services"][0]["key"], "8080"); // peers 2, 7 and 12: p95 12 ms
    EXPECT_EQ(j["services"][0]["connections"], 3);
    EXPECT_DOUBLE_EQ(j["services"][0]["retrans_share"].get<double>(), 0.0);
}

// --- hidden-socket through injected readers ----------------------------------------------------

namespace {

constexpr std::uint64_t k_planted_inode = 31337;

SocketRead ordinary_read() {
    return {{"tcp", listener(22, 100)}, {"udp", [] {
                                             InetSocket s;
                                             s.protocol = InetProtocol::udp;
                                             s.local = {make_ipv4(0, 0, 0, 0), 68};
                                             s.state = 7;
                                             s.inode = 101;
                                             return s;
                                         }()}};
}

SocketRead with_planted() {
    SocketRead read = ordinary_read();
    read.emplace_back("tcp", listener(31337, k_planted_inode));
    return read;
}

// Readers that answer from scripted reads, one per call, in turn.
HiddenSocketReaders scripted(std::vector<SocketRead> proc_reads,
                             std::vector<SocketRead> netlink_reads) {
    auto next = [](std::vector<SocketRead> reads) {
        auto calls = std::make_shared<std::size_t>(0);
        return [reads = std::move(reads), calls]() -> std::expected<SocketRead, std::string> {
            return reads.at((*calls)++);
        };
    };
    return {next(std::move(proc_reads)), next(std::move(netlink_reads))};
}

// The host the planted socket lives on: its owner is a process the /proc walk saw.
Snapshot host_with_backdoor() {
    Snapshot s;
    s.host.hostname = "web1";
    s.host.effective_uid = 0;
    s.visibility.root = true;
    ProcessInfo p;
    p.pid = 4242;
    p.comm = "backdoor";
    p.argv = {"backdoor"};
    p.exe = "/usr/lib/.x/backdoor";
    p.exe_state = ExeState::known;
    p.effective_uid = 0;
    p.socket_fds = {{5, k_planted_inode}};
    s.processes.push_back(p);
    return s;
}

const RuleSelection k_hidden_only{{"hidden-socket"}, {}};

} // namespace

TEST(HiddenSocketProbe, PlantedInNetlinkOnlyIsACriticalFindingInBothReports) {
    // A /proc/net filter (a hooked tcp4_seq_show): netlink lists the socket twice, /proc never.
    const HiddenSocketReaders readers =
        scripted({ordinary_read(), ordinary_read()}, {with_planted(), with_planted()});
    Snapshot snapshot = host_with_backdoor();
    HealthCollectOptions options{ProcessLimits::skip, HiddenSocketProbe::on, &readers};
    HealthSample sample =
        collect_health_sample(ProcFs(NETSTAT_AUDIT_TEST_FIXTURES "/empty/proc"), snapshot, options);
    ASSERT_EQ(sample.hidden_probe, HiddenProbe::done);
    ASSERT_EQ(sample.hidden.size(), 1u);
    EXPECT_EQ(sample.hidden[0].hidden_from, HiddenFrom::proc);

    const Report r(std::move(snapshot), std::move(sample), k_hidden_only);
    ASSERT_EQ(r.findings.size(), 1u);
    const Finding& f = r.findings[0];
    EXPECT_EQ(f.id, "hidden-socket");
    EXPECT_EQ(f.severity, Severity::critical);
    EXPECT_EQ(f.subject.port, 31337);
    EXPECT_EQ(f.subject.pid, 4242);
    EXPECT_NE(f.evidence.find("in neither read of /proc/net"), std::string::npos) << f.evidence;
    EXPECT_EQ(r.report().exit_status, 2);

    const std::string text = r.text();
    EXPECT_NE(text.find("CRITICAL  hidden-socket"), std::string::npos) << text;
    EXPECT_NE(text.find("31337"), std::string::npos);
    EXPECT_NE(text.find("\"backdoor\" (pid 4242)"), std::string::npos) << text;
    const nlohmann::json j = r.json();
    EXPECT_EQ(j["health"]["hidden_socket_probe"], "done");
    ASSERT_EQ(j["findings"].size(), 1u);
    EXPECT_EQ(j["findings"][0]["id"], "hidden-socket");
    EXPECT_EQ(j["findings"][0]["severity"], "critical");
    EXPECT_EQ(j["findings"][0]["subject"]["port"], 31337);
    EXPECT_EQ(j["findings"][0]["subject"]["pid"], 4242);
}

TEST(HiddenSocketProbe, PlantedInProcOnlyNamesSockDiagAsFiltered) {
    HealthSample sample;
    probe_hidden_sockets(scripted({with_planted(), with_planted()}, {ordinary_read(), {}}), sample);
    // The second netlink read lost the ordinary sockets too: each is in one read of netlink,
    // which is a race, not hiding; only the planted one is in neither.
    ASSERT_EQ(sample.hidden.size(), 1u);
    EXPECT_EQ(sample.hidden[0].inode, k_planted_inode);
    EXPECT_EQ(sample.hidden[0].hidden_from, HiddenFrom::netlink);
    const Report r(host_with_backdoor(), std::move(sample), k_hidden_only);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_NE(r.findings[0].evidence.find("something filters sock_diag"), std::string::npos)
        << r.findings[0].evidence;
}

TEST(HiddenSocketProbe, SocketInOnlyOneReadIsARaceNotAFinding) {
    // Opened between the reads: in the second read of each side only; closed between them: in
    // the first /proc read only.
    HealthSample sample;
    probe_hidden_sockets(
        scripted({ordinary_read(), with_planted()}, {ordinary_read(), with_planted()}), sample);
    EXPECT_EQ(sample.hidden_probe, HiddenProbe::done);
    EXPECT_TRUE(sample.hidden.empty());
    probe_hidden_sockets(
        scripted({with_planted(), ordinary_read()}, {ordinary_read(), ordinary_read()}), sample);
    EXPECT_TRUE(sample.hidden.empty());
    const Report r(host_with_backdoor(), std::move(sample), k_hidden_only);
    EXPECT_TRUE(r.findings.empty());
    EXPECT_EQ(r.text().find("hidden-socket"), std::string::npos);
    EXPECT_EQ(r.json()["health"]["hidden_socket_probe"], "done");
}

TEST(HiddenSocketProbe, NetlinkUnavailableIsSaidInBothReports) {
    HiddenSocketReaders readers = scripted({ordinary_read(), ordinary_read()}, {});
    readers.netlink = []() -> std::expected<SocketRead, std::string> {
        return std::unexpected("NETLINK_SOCK_DIAG unavailable (Permission denied)");
    };
    Snapshot snapshot = host_with_backdoor();
    HealthCollectOptions options{ProcessLimits::skip, HiddenSocketProbe::on, &readers};
    HealthSample sample =
        collect_health_sample(ProcFs(NETSTAT_AUDIT_TEST_FIXTURES "/empty/proc"), snapshot, options);
    EXPECT_EQ(sample.hidden_probe, HiddenProbe::unavailable);
    const Report r(std::move(snapshot), std::move(sample), k_hidden_only);
    EXPECT_TRUE(r.findings.empty());
    EXPECT_NE(r.block().find("hidden-socket not checked: NETLINK_SOCK_DIAG unavailable "
                             "(Permission denied)\n"),
              std::string::npos)
        << r.block();
    EXPECT_EQ(r.json()["health"]["hidden_socket_probe"], "unavailable");

    // A /proc/net table that cannot be read stops the probe the same way.
    HealthSample unreadable;
    HiddenSocketReaders broken = scripted({}, {with_planted(), with_planted()});
    broken.proc = []() -> std::expected<SocketRead, std::string> {
        return std::unexpected("a /proc/net socket table could not be read");
    };
    probe_hidden_sockets(broken, unreadable);
    EXPECT_EQ(unreadable.hidden_probe, HiddenProbe::unavailable);
    EXPECT_EQ(unreadable.hidden_note, "a /proc/net socket table could not be read");
    EXPECT_TRUE(unreadable.hidden.empty());
}
