// SPDX-License-Identifier: MIT
// Tests for sockets, interfaces, routes, counters and groups as JSON records.
#include "netstat_audit/report/json_counters.hpp"
#include "netstat_audit/report/json_groups.hpp"
#include "netstat_audit/report/json_interfaces.hpp"
#include "netstat_audit/report/json_routes.hpp"
#include "netstat_audit/report/json_sockets.hpp"
#include "netstat_audit/view/programs.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

InetSocket tcp_listener() {
    InetSocket socket;
    socket.protocol = InetProtocol::tcp;
    socket.local = {make_ipv4(127, 0, 0, 1), 631};
    socket.remote = {make_ipv4(0, 0, 0, 0), 0};
    socket.state = 10;
    socket.uid = 0;
    socket.inode = 5'000'000'000; // above 2^32
    socket.timer_kind = 2;
    socket.timer_jiffies = 7;
    return socket;
}

} // namespace

TEST(InetSocketJson, EcsFieldsAndKernelFacts) {
    const Json json = to_json(tcp_listener(), SocketJsonContext{});
    EXPECT_EQ(dump_json_line(json),
              R"({"network":{"type":"ipv4","transport":"tcp"},)"
              R"("source":{"ip":"127.0.0.1","port":631},"destination":{"ip":"0.0.0.0","port":0},)"
              R"("user":{"id":"0"},"netstat_audit":{"socket":{"protocol":"tcp","state":"LISTEN",)"
              R"("state_code":10,"listening":true,"tx_queue_bytes":0,"rx_queue_bytes":0,)"
              R"("timer":{"name":"keepalive","code":2,"jiffies":7,"retransmits":0},)"
              R"("timeout":0,"uid":0,"inode":5000000000}}})");
}

TEST(InetSocketJson, FullIpv6AddressesAndOwner) {
    InetSocket socket = tcp_listener();
    socket.file_version = IpVersion::v6;
    socket.local.address = IpAddress{
        IpVersion::v6, {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78}};
    socket.remote.address = IpAddress{IpVersion::v6, {}};
    ProcessMap owners;
    add_socket_owner(owners, "4242", std::string("/usr/sbin/cupsd\xff", 16), socket.inode);
    std::vector<ProcessInfo> processes(1);
    processes[0].pid = 4242;
    processes[0].exe = "/usr/sbin/cupsd";
    SocketJsonContext context;
    context.owners = &owners;
    context.processes = &processes;
    const Json json = to_json(socket, context);
    EXPECT_EQ(json["source"]["ip"], "2001:db8::1234:5678");
    EXPECT_EQ(json["destination"]["ip"], "::");
    EXPECT_EQ(json["network"]["type"], "ipv6");
    EXPECT_EQ(json["netstat_audit"]["socket"]["protocol"], "tcp6");
    EXPECT_EQ(json["process"]["pid"], 4242);
    EXPECT_EQ(json["process"]["name"], "cupsd\xee\xbf\xbf");
    EXPECT_EQ(json["process"]["executable"], "/usr/sbin/cupsd");
}

TEST(InetSocketJson, RawSocketsHaveNoTransportName) {
    InetSocket socket = tcp_listener();
    socket.protocol = InetProtocol::raw;
    socket.state = 7;
    const Json json = to_json(socket, SocketJsonContext{});
    EXPECT_FALSE(json["network"].contains("transport"));
    EXPECT_EQ(json["netstat_audit"]["socket"]["state"], "CLOSE");
}

TEST(UnixSocketJson, PathWithQuotesControlBytesAndInvalidUtf8IsLossless) {
    UnixSocket socket;
    socket.type = 1;
    socket.state = 1;
    socket.flags = k_unix_flag_accept;
    socket.inode = 77;
    socket.path = std::string("/run/\"a\\b\x01\xfe.sock");
    const Json json = to_json(socket, SocketJsonContext{});
    const Json& facts = json["netstat_audit"]["socket"];
    EXPECT_EQ(facts["type"], "STREAM");
    EXPECT_EQ(facts["state"], "UNCONNECTED");
    EXPECT_EQ(facts["listening"], true);
    EXPECT_EQ(facts["flags"], Json::array({"ACC"}));
    EXPECT_EQ(facts["abstract"], false);
    const std::string line = dump_json_line(json);
    EXPECT_NE(line.find(R"("path":"/run/\"a\\b\u0001)"), std::string::npos) << line;
    EXPECT_EQ(
        decode_json_text(Json::parse(line)["netstat_audit"]["socket"]["path"].get<std::string>()),
        socket.path);
}

TEST(SocketRecords, ListingFilterAndSectionOrder) {
    SocketTables tables;
    tables.tcp.resize(1);
    InetSocket connected = tcp_listener();
    connected.remote = {make_ipv4(10, 0, 0, 2), 5000};
    connected.state = 1;
    tables.tcp[0].parsed.rows = {tcp_listener(), connected};
    tables.udp.resize(1);
    InetSocket udp = tcp_listener();
    udp.protocol = InetProtocol::udp;
    udp.state = 7;
    tables.udp[0].parsed.rows = {udp};
    tables.udp[0].parsed.diagnostics = {{"net/udp", 3, "bogus"}};
    tables.raw.resize(1);
    tables.raw[0].relative = "net/raw";
    tables.raw[0].error = std::make_error_code(std::errc::permission_denied);

    auto listening = socket_records(tables, ListingFilter::listening, SocketJsonContext{});
    ASSERT_EQ(listening.size(), 2u);
    EXPECT_EQ(listening[0]["network"]["transport"], "tcp");
    EXPECT_EQ(listening[1]["network"]["transport"], "udp");
    EXPECT_EQ(socket_records(tables, ListingFilter::connected, SocketJsonContext{}).size(), 1u);
    EXPECT_EQ(socket_records(tables, ListingFilter::all, SocketJsonContext{}).size(), 3u);

    auto diagnostics = socket_diagnostics(tables);
    ASSERT_EQ(diagnostics.size(), 2u);
    EXPECT_EQ(diagnostics[0].line, 3u);
    EXPECT_EQ(diagnostics[1].file, "net/raw");
    EXPECT_EQ(diagnostics[1].reason, "Permission denied");
}

TEST(SctpJson, AllAddressesKept) {
    SctpAssociation association;
    association.state = 1;
    association.local_port = 5000;
    association.remote_port = 40000;
    association.local_addresses = {make_ipv4(198, 51, 100, 10), make_ipv4(198, 51, 100, 11)};
    association.remote_addresses = {make_ipv4(203, 0, 113, 5)};
    const Json json = to_json(association, SocketJsonContext{});
    EXPECT_EQ(json["source"]["ip"], "198.51.100.10");
    EXPECT_EQ(json["destination"]["port"], 40000);
    EXPECT_EQ(json["netstat_audit"]["socket"]["local_addresses"].size(), 2u);
    EXPECT_EQ(json["netstat_audit"]["socket"]["state"], "ESTABLISHED");
}

TEST(InterfaceJson, CountersAreExact64BitNumbers) {
    Interface interface;
    interface.name = "eth0";
    interface.facts.flags = interface_flag::k_up | interface_flag::k_running;
    interface.facts.hardware_type = 1;
    interface.facts.hardware_address = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
    interface.facts.mtu = 1500;
    interface.stats = InterfaceStats{};
    interface.stats->rx_bytes = 18'446'744'073'709'551'615u;
    Inet6InterfaceAddress address;
    address.address =
        IpAddress{IpVersion::v6, {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
    address.prefix_length = 64;
    address.scope = 0x20;
    const Json json = to_json(interface, std::span(&address, 1));
    const Json& facts = json["netstat_audit"]["interface"];
    EXPECT_EQ(facts["flags"], Json::array({"UP", "RUNNING"}));
    EXPECT_EQ(facts["hardware_address"], "02:00:5e:10:00:01");
    EXPECT_EQ(facts["ipv6"][0]["address"], "fe80::1");
    const std::string line = dump_json_line(json);
    EXPECT_NE(line.find("\"rx_bytes\":18446744073709551615"), std::string::npos);
}

TEST(RouteJson, Ipv4FlagsAndPrefix) {
    Ipv4Route route;
    route.interface_name = "eth0";
    route.destination = make_ipv4(192, 168, 1, 0);
    route.mask = make_ipv4(255, 255, 255, 0);
    route.flags = route_flag::k_up | route_flag::k_gateway;
    route.metric = -1;
    const Json json = to_json(route);
    const Json& facts = json["netstat_audit"]["route"];
    EXPECT_EQ(facts["prefix_length"], 24);
    EXPECT_EQ(facts["flags"], Json::array({"UP", "GATEWAY"}));
    EXPECT_EQ(facts["metric"], -1);
    route.mask = make_ipv4(255, 0, 255, 0);
    EXPECT_FALSE(to_json(route)["netstat_audit"]["route"].contains("prefix_length"));
}

TEST(RouteJson, Ipv6Route) {
    Ipv6Route route;
    route.prefix_length = 64;
    route.flags = route_flag::k_up | route_flag::k_expires;
    route.device = "lo";
    const Json json = to_json(route);
    EXPECT_EQ(json["netstat_audit"]["route"]["destination"], "::");
    EXPECT_EQ(json["netstat_audit"]["route"]["flags"], Json::array({"UP", "EXPIRES"}));
}

TEST(CounterJson, KernelNamesAndSignedValues) {
    CounterGroup group{"Tcp", {{"RtoAlgorithm", 1}, {"MaxConn", -1}, {"InSegs", INT64_MAX}}};
    const Json json = to_json(group, "net/snmp");
    EXPECT_EQ(dump_json_line(json),
              R"({"netstat_audit":{"counters":{"file":"net/snmp","group":"Tcp","values":{)"
              R"("RtoAlgorithm":1,"MaxConn":-1,"InSegs":9223372036854775807}}}})");
}

TEST(GroupJson, Membership) {
    GroupMembership membership{"eth0", 1, make_ipv4(224, 0, 0, 251), GroupEntry::membership, {}};
    EXPECT_EQ(dump_json_line(to_json(membership)),
              R"({"network":{"type":"ipv4"},"netstat_audit":{"group":{"interface":"eth0",)"
              R"("address":"224.0.0.251","users":1}}})");
}

namespace {

// Names for 127.0.0.1, port 631 and uid 0; nothing else. Counts the questions.
class FakeNames final : public Resolver {
public:
    int questions = 0;
    std::optional<std::string> host_name(const IpAddress& address) override {
        ++questions;
        return address == make_ipv4(127, 0, 0, 1) ? std::optional<std::string>("localhost")
                                                  : std::nullopt;
    }
    std::optional<std::string> network_name(const IpAddress&) override { return std::nullopt; }
    std::optional<std::string> service_name(std::uint16_t port, ServiceTable) override {
        ++questions;
        return port == 631 ? std::optional<std::string>("ipp") : std::nullopt;
    }
    std::optional<std::string> user_name(std::uint32_t uid) override {
        ++questions;
        return uid == 0 ? std::optional<std::string>("root") : std::nullopt;
    }
};

} // namespace

TEST(InetSocketJson, NamesBesideNumbersOnlyWhenAllowed) {
    FakeNames names;
    SocketJsonContext context;
    context.names = &names;
    context.numeric = NumericFlags{false, false, false};
    Json json = to_json(tcp_listener(), context);
    EXPECT_EQ(json["source"]["ip"], "127.0.0.1");
    EXPECT_EQ(json["source"]["domain"], "localhost");
    EXPECT_FALSE(json["destination"].contains("domain")); // 0.0.0.0 is never looked up
    EXPECT_EQ(json["netstat_audit"]["socket"]["local_service"], "ipp");
    EXPECT_EQ(json["user"]["name"], "root");
    EXPECT_EQ(json["user"]["id"], "0");

    names.questions = 0;
    context.numeric = NumericFlags{true, true, true}; // -n
    json = to_json(tcp_listener(), context);
    EXPECT_EQ(names.questions, 0);
    EXPECT_FALSE(json["source"].contains("domain"));
    EXPECT_FALSE(json["user"].contains("name"));
}
