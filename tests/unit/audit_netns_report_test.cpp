// SPDX-License-Identifier: MIT
// The audit report's network namespaces: the count in the header (and what may be unseen), every
// namespace's listeners in the surface under a heading naming it, and the same in the JSON.
#include "netstat_audit/report/audit_report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace netstat_audit;

namespace {

// One process (pid 300, "sleep") holding inode 9; visible as root.
Snapshot host_snapshot() {
    Snapshot s;
    s.host.hostname = "web1";
    s.host.effective_uid = 0;
    s.visibility.root = true;
    ProcessInfo p;
    p.pid = 300;
    p.comm = "sleep";
    p.exe = "/usr/bin/sleep";
    p.exe_state = ExeState::known;
    p.effective_uid = 0;
    p.user = "root";
    p.socket_fds = {{3, 9}};
    s.processes.push_back(p);
    return s;
}

InetSocket report_listener(std::uint16_t port, std::uint64_t inode) {
    InetSocket socket;
    socket.local.address = make_ipv4(0, 0, 0, 0);
    socket.local.port = port;
    socket.state = 10;
    socket.inode = inode;
    return socket;
}

void add_tcp(Snapshot& s, InetSocket socket) {
    FileTable<InetSocket> tcp;
    tcp.relative = "net/tcp";
    tcp.parsed.rows.push_back(socket);
    s.sockets.tcp.push_back(tcp);
}

NetNamespace netns(std::uint64_t inode, std::string label, std::vector<std::int32_t> pids) {
    NetNamespace ns;
    ns.inode = inode;
    ns.label = std::move(label);
    ns.pids = std::move(pids);
    ns.net_root = "/proc/x";
    return ns;
}

Visibility root_visibility() {
    Visibility v;
    v.root = true;
    v.processes_seen = 1;
    return v;
}

// The host listens on 22; "sleep" (unaccounted) on 31337 held by pid 300; "quiet" on nothing;
// "blue" is bound under /run/netns with no process.
struct Fixture {
    NamespaceCollection collection;
    Snapshot host;
    AuditFacts facts;
    std::vector<Finding> findings;
    ReportNamespaces namespaces;

    explicit Fixture(Visibility visibility = root_visibility()) {
        host = host_snapshot();
        host.visibility = visibility;
        add_tcp(host, report_listener(22, 5));
        facts = build_audit_facts(host);
        collection.own = netns(4026531840, "host", {1});
        collection.own.own = true;
        Snapshot other = host_snapshot();
        other.visibility = visibility;
        add_tcp(other, report_listener(31337, 9));
        collection.others.push_back({netns(4026532500, "sleep", {300}), other});
        collection.others.push_back({netns(4026532700, "quiet", {400}), host_snapshot()});
        NetNamespace blue = netns(4026532600, "blue", {});
        blue.netns_name = "blue";
        blue.net_root.clear();
        collection.unread.push_back(blue);
        namespaces = build_report_namespaces(collection, host.visibility);
    }
    AuditReport report() const {
        return {host, facts, findings, Severity::warning, 0, nullptr, &namespaces};
    }
};

} // namespace

TEST(AuditNamespaces, HeaderCountsEveryNamespaceSeen) {
    Fixture f;
    const std::string text = render_audit_text(f.report(), {});
    EXPECT_NE(text.find("Seen as root; 1 process, 2 sockets, 4 network namespaces: tables of 1 "
                        "namespace\nunread (no process inside).\n"),
              std::string::npos)
        << text;
}

TEST(AuditNamespaces, NotRootSaysOtherNamespacesMayBeUnseen) {
    Visibility partial;
    partial.notes = {"not run as root"};
    partial.processes_seen = 1;
    Fixture f(partial);
    f.host.host.effective_uid = 1000;
    f.collection.unread.clear();
    f.namespaces = build_report_namespaces(f.collection, f.host.visibility);
    EXPECT_TRUE(f.namespaces.others_may_be_unseen);
    const std::string text = render_audit_text(f.report(), {});
    EXPECT_NE(
        text.find("Seen as uid 1000; 1 process, 2 sockets, 3 network namespaces: owners of 1 "
                  "socket\nunknown; other network namespaces may exist unseen; run as root to "
                  "see\neverything.\n"),
        std::string::npos)
        << text;
    const auto doc = nlohmann::json::parse(render_audit_json(f.report()));
    EXPECT_EQ(doc["visibility"]["network_namespaces"]["seen"], 3);
    EXPECT_EQ(doc["visibility"]["network_namespaces"]["others_may_be_unseen"], true);
}

TEST(AuditNamespaces, DeniedLinksAsRootAreSaidToo) {
    Fixture f;
    f.collection.links_denied = 2;
    f.namespaces = build_report_namespaces(f.collection, f.host.visibility);
    EXPECT_TRUE(f.namespaces.others_may_be_unseen);
    EXPECT_NE(render_audit_text(f.report(), {}).find("other network namespaces may exist unseen"),
              std::string::npos);
}

TEST(AuditNamespaces, SurfaceListsOtherNamespacesUnderTheirHeading) {
    Fixture f;
    const std::string text = render_audit_text(f.report(), {});
    const std::string surface = text.substr(text.find("LISTENING SURFACE"));
    EXPECT_TRUE(surface.starts_with(
        "LISTENING SURFACE\n"
        "proto address          port exposure  pid    user     executable\n"
        "tcp   0.0.0.0            22 all       -      -        -\n"
        "netns sleep (4026532500): 1 process; no container runtime, no /run/netns name\n"
        "tcp   0.0.0.0         31337 all       300    root     /usr/bin/sleep\n"
        "(1 other network namespace: nothing listens)\n"
        "netns blue (4026532600): no process; tables not read\n"))
        << surface;
}

TEST(AuditNamespaces, SingleNamespaceSurfaceIsUnchanged) {
    Snapshot s = host_snapshot();
    add_tcp(s, report_listener(31337, 9));
    const AuditFacts facts = build_audit_facts(s);
    const std::vector<Finding> none;
    const NamespaceCollection alone;
    const ReportNamespaces namespaces = build_report_namespaces(alone, s.visibility);
    const AuditReport with{s, facts, none, Severity::warning, 0, nullptr, &namespaces};
    const AuditReport without{s, facts, none, Severity::warning, 0};
    EXPECT_EQ(render_audit_text(with, {}), render_audit_text(without, {}));
    EXPECT_EQ(render_audit_text(with, {}).find("netns"), std::string::npos);
}

TEST(AuditNamespaces, ContainerLabelledByNameShowsTheContainerToo) {
    Fixture f;
    f.collection.others[0].netns.netns_name = "cni-1234";
    f.collection.others[0].netns.label = "cni-1234";
    f.collection.others[0].netns.container = ContainerRef{"containerd", std::string(64, 'a')};
    f.namespaces = build_report_namespaces(f.collection, f.host.visibility);
    EXPECT_NE(render_audit_text(f.report(), {})
                  .find("netns cni-1234 (4026532500): 1 process; containerd:aaaaaaaaaaaa\n"),
              std::string::npos);
}

TEST(AuditNamespaces, JsonListenersNameTheirNamespace) {
    Fixture f;
    const auto doc = nlohmann::json::parse(render_audit_json(f.report()));
    const auto& listening = doc["listening"];
    ASSERT_EQ(listening.size(), 2u);
    EXPECT_EQ(listening[0]["port"], 22);
    EXPECT_EQ(listening[0]["netns"], (nlohmann::json{{"label", "host"}, {"inode", 4026531840u}}));
    EXPECT_EQ(listening[1]["port"], 31337);
    EXPECT_EQ(listening[1]["netns"], (nlohmann::json{{"label", "sleep"}, {"inode", 4026532500u}}));
    EXPECT_EQ(listening[1]["holders"][0]["pid"], 300);
    EXPECT_EQ(doc["visibility"]["network_namespaces"],
              (nlohmann::json{{"seen", 4}, {"unread", 1}, {"others_may_be_unseen", false}}));
    EXPECT_EQ(doc["visibility"]["sockets"], 2);
}
