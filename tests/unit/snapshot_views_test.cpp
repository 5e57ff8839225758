// SPDX-License-Identifier: MIT
// Every view rendered from a Snapshot built in code: no /proc tree, names from a fake Resolver.
#include "netstat_audit/model/snapshot.hpp"
#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/view/interface_listing.hpp"
#include "netstat_audit/view/resolver.hpp"
#include "netstat_audit/view/route_listing.hpp"
#include "netstat_audit/view/socket_listing.hpp"
#include "netstat_audit/view/stats_report.hpp"

#include "options_for.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;
using netstat_audit::test_support::options_for;

namespace {

// Answers from fixed tables and counts every question, so a test can prove -n asks none.
class FakeResolver final : public Resolver {
public:
    int questions = 0;
    std::optional<std::string> host_name(const IpAddress& address) override {
        ++questions;
        if (address == make_ipv4(127, 0, 0, 1))
            return "localhost";
        if (address == make_ipv4(192, 168, 1, 1))
            return "gateway.example";
        return std::nullopt;
    }
    std::optional<std::string> network_name(const IpAddress& address) override {
        ++questions;
        if (address == make_ipv4(192, 168, 1, 0))
            return "homenet";
        return std::nullopt;
    }
    std::optional<std::string> service_name(std::uint16_t port, ServiceTable) override {
        ++questions;
        return port == 22 ? std::optional<std::string>("ssh") : std::nullopt;
    }
    std::optional<std::string> user_name(std::uint32_t uid) override {
        ++questions;
        return uid == 0 ? std::optional<std::string>("root") : std::nullopt;
    }
};

std::string stdout_of(const RenderedText& text) {
    std::string out;
    for (const RenderedText::Chunk& chunk : text.chunks)
        if (chunk.stream == RenderedText::Stream::out)
            out += chunk.text;
    return out;
}

template <typename Row> FileTable<Row> table(std::string relative, std::vector<Row> rows) {
    FileTable<Row> t{std::move(relative), IpVersion::v4, {}, {}};
    t.parsed.rows = std::move(rows);
    return t;
}

Snapshot sample_snapshot() {
    Snapshot s;
    InetSocket tcp;
    tcp.local = {make_ipv4(127, 0, 0, 1), 22};
    tcp.remote = {make_ipv4(0, 0, 0, 0), 0};
    tcp.state = 10;
    tcp.inode = 1001;
    s.sockets.tcp.push_back(table("net/tcp", std::vector<InetSocket>{tcp}));
    SctpEndpoint endpoint;
    endpoint.state = 10;
    endpoint.port = 9;
    endpoint.local_addresses = {make_ipv4(10, 0, 0, 1)};
    s.sockets.sctp_endpoints.push_back(table("net/sctp/eps", std::vector<SctpEndpoint>{endpoint}));
    s.sockets.groups.push_back(
        table("net/igmp", std::vector<GroupMembership>{
                              {"lo", 1, make_ipv4(224, 0, 0, 1), GroupEntry::membership, {}}}));
    UnixSocket unix_socket;
    unix_socket.refcount = 2;
    unix_socket.flags = k_unix_flag_accept;
    unix_socket.type = 1;
    unix_socket.state = 1;
    unix_socket.inode = 7001;
    unix_socket.path = "/run/listen.sock";
    s.sockets.unix.push_back(table("net/unix", std::vector<UnixSocket>{unix_socket}));

    s.files.push_back({"net/route", {}, {}});
    Ipv4Route route;
    route.interface_name = "eth0";
    route.destination = make_ipv4(192, 168, 1, 0);
    route.mask = make_ipv4(255, 255, 255, 0);
    route.flags = route_flag::k_up;
    s.routes_v4.push_back(route);
    route.destination = {};
    route.mask = {};
    route.gateway = make_ipv4(192, 168, 1, 1);
    route.flags = route_flag::k_up | route_flag::k_gateway;
    s.routes_v4.push_back(route);
    s.files.push_back({"net/ipv6_route", {}, {}});
    Ipv6Route route6;
    route6.destination.bytes[15] = 1; // ::1/128
    route6.prefix_length = 128;
    route6.flags = route_flag::k_up;
    route6.device = "lo";
    s.routes_v6.push_back(route6);

    s.files.push_back({"net/snmp", {}, {}});
    s.counters.push_back({"Udp", {{"InDatagrams", 5}, {"NoPorts", 0}}});

    Interface lo;
    lo.name = "lo";
    lo.facts.flags = interface_flag::k_up | interface_flag::k_loopback | interface_flag::k_running;
    lo.facts.mtu = 65536;
    lo.stats = InterfaceStats{};
    lo.stats->rx_packets = 29;
    lo.stats->tx_packets = 29;
    s.interfaces.push_back(lo);
    s.files.push_back({"net/dev", {}, {}});
    return s;
}

RenderedText render_sockets(const Snapshot& snapshot, const Options& options, Resolver& names) {
    NameResolver resolver(names, options.numeric);
    return render_socket_listing(snapshot.sockets, select_sockets(options), options, resolver, 0);
}

} // namespace

TEST(SnapshotViews, SocketListingWithNamesFromTheResolver) {
    Snapshot snapshot = sample_snapshot();
    FakeResolver names;
    RenderedText text = render_sockets(snapshot, options_for({"-tle"}), names);
    EXPECT_EQ(stdout_of(text),
              "Active Internet connections (only servers)\n"
              "Proto Recv-Q Send-Q Local Address           Foreign Address         State      "
              " User       Inode     \n"
              "tcp        0      0 localhost:ssh           0.0.0.0:*               LISTEN     "
              " root       1001      \n");
    EXPECT_EQ(text.status, 0);
}

TEST(SnapshotViews, NumericListingAsksTheResolverNothing) {
    Snapshot snapshot = sample_snapshot();
    FakeResolver names;
    RenderedText text = render_sockets(snapshot, options_for({"-anSx"}), names);
    EXPECT_EQ(names.questions, 0);
    const std::string out = stdout_of(text);
    EXPECT_NE(out.find("sctp                10.0.0.1:9"), std::string::npos) << out;
    EXPECT_NE(out.find("unix  2      [ ACC ]     STREAM     LISTENING     7001     "
                       "/run/listen.sock\n"),
              std::string::npos)
        << out;
}

TEST(SnapshotViews, GroupMemberships) {
    Snapshot snapshot = sample_snapshot();
    FakeResolver names;
    RenderedText text = render_sockets(snapshot, options_for({"-gn"}), names);
    EXPECT_EQ(stdout_of(text), "IPv6/IPv4 Group Memberships\n"
                               "Interface       RefCnt Group\n"
                               "--------------- ------ ---------------------\n"
                               "lo              1      224.0.0.1\n");
}

TEST(SnapshotViews, RoutesWithNetworkAndHostNames) {
    Snapshot snapshot = sample_snapshot();
    FakeResolver names;
    Options options = options_for({"-r"});
    RenderedText text = render_route_listing(snapshot, options, names);
    EXPECT_EQ(stdout_of(text),
              "Kernel IP routing table\n"
              "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
              "homenet         0.0.0.0         255.255.255.0   U         0 0          0 eth0\n"
              "default         gateway.example 0.0.0.0         UG        0 0          0 eth0\n");
    EXPECT_EQ(text.status, 0);
}

TEST(SnapshotViews, Ipv6Routes) {
    Snapshot snapshot = sample_snapshot();
    FakeResolver names;
    RenderedText text = render_route_listing(snapshot, options_for({"-6rn"}), names);
    EXPECT_EQ(stdout_of(text),
              "Kernel IPv6 routing table\n"
              "Destination                    Next Hop                   Flag Met Ref  Use If\n"
              "::1/128                        ::                         U    0   0      0 lo\n");
    EXPECT_EQ(names.questions, 0);
}

TEST(SnapshotViews, MissingRouteFileIsNetstatsReport) {
    Snapshot snapshot;
    snapshot.files.push_back(
        {"net/route", std::make_error_code(std::errc::no_such_file_or_directory), {}});
    FakeResolver names;
    RenderedText text = render_route_listing(snapshot, options_for({"-rn"}), names);
    ASSERT_EQ(text.chunks.size(), 2u);
    EXPECT_EQ(text.chunks[0].text, "/proc/net/route: No such file or directory\n");
    EXPECT_EQ(text.chunks[1].text, "INET (IPv4) not configured in this system.\n");
    EXPECT_EQ(text.status, 1);
}

TEST(SnapshotViews, Statistics) {
    Snapshot snapshot = sample_snapshot();
    RenderedText text = render_stats_report(snapshot, options_for({"-su"}));
    EXPECT_EQ(stdout_of(text), "Udp:\n"
                               "    5 packets received\n"
                               "    0 packets to unknown port received\n");
}

TEST(SnapshotViews, Interfaces) {
    Snapshot snapshot = sample_snapshot();
    RenderedText text =
        render_interface_listing(snapshot, options_for({"-i"}), InterfaceTitle::print);
    EXPECT_EQ(
        stdout_of(text),
        "Kernel Interface table\n"
        "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n"
        "lo              65536       29      0      0 0            29      0      0      0 LRU\n");
}

TEST(SnapshotViews, InterfaceWhoseFactsFailEndsTheListing) {
    Snapshot snapshot = sample_snapshot();
    Interface gone;
    gone.name = "gone0";
    gone.facts_error = std::error_code(ENODEV, std::generic_category());
    snapshot.interfaces.insert(snapshot.interfaces.begin(), gone);
    RenderedText text =
        render_interface_listing(snapshot, options_for({"-i"}), InterfaceTitle::omit);
    EXPECT_EQ(text.status, 1);
    ASSERT_EQ(text.chunks.size(), 2u);
    EXPECT_EQ(text.chunks[1].text, "gone0: error fetching interface information: Device not found\n"
                                   "missing interface information: No such device\n");
}
