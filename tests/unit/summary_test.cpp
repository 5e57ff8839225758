// SPDX-License-Identifier: MIT
// Tests for the summary aggregation and its presenters on tables built in code.
#include "netstat_audit/view/summary.hpp"

#include "netstat_audit/parse/sockstat.hpp"
#include "netstat_audit/report/json_summary.hpp"
#include "netstat_audit/report/json_text.hpp"
#include "netstat_audit/view/programs.hpp"
#include "netstat_audit/view/summary_view.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace netstat_audit;

namespace {

InetSocket tcp_row(std::uint16_t local_port, std::uint8_t peer, std::uint16_t remote_port,
                   std::uint32_t state, std::uint64_t inode) {
    InetSocket s;
    s.local = {make_ipv4(10, 0, 0, 1), local_port};
    s.remote = {peer == 0 ? IpAddress{} : make_ipv4(192, 0, 2, peer), remote_port};
    s.state = state;
    s.inode = inode;
    return s;
}

SocketTables sample_tables() {
    SocketTables tables;
    FileTable<InetSocket> tcp;
    tcp.relative = "net/tcp";
    tcp.parsed.rows = {
        tcp_row(80, 0, 0, tcp_state::k_listen, 10),
        tcp_row(80, 7, 50000, tcp_state::k_established, 11),
        tcp_row(80, 7, 50001, tcp_state::k_established, 12),
        tcp_row(80, 8, 50002, tcp_state::k_time_wait, 0),
        tcp_row(80, 8, 50003, tcp_state::k_close_wait, 13),
        tcp_row(40000, 9, 443, tcp_state::k_time_wait, 0),
    };
    tables.tcp.push_back(tcp);
    FileTable<InetSocket> udp;
    udp.relative = "net/udp";
    InetSocket unconnected;
    unconnected.protocol = InetProtocol::udp;
    unconnected.state = tcp_state::k_close;
    unconnected.local.port = 53;
    unconnected.inode = 14;
    udp.parsed.rows = {unconnected};
    tables.udp.push_back(udp);
    FileTable<UnixSocket> unix_table;
    UnixSocket listening;
    listening.state = 1;
    listening.flags = k_unix_flag_accept;
    listening.inode = 15;
    unix_table.parsed.rows = {listening};
    tables.unix.push_back(unix_table);
    ProcessMap map;
    add_socket_owner(map, "100", "/usr/sbin/nginx", 10);
    add_socket_owner(map, "100", "/usr/sbin/nginx", 11);
    add_socket_owner(map, "100", "/usr/sbin/nginx", 12);
    add_socket_owner(map, "100", "/usr/sbin/nginx", 13);
    add_socket_owner(map, "200", "named", 14);
    add_socket_owner(map, "200", "named", 15);
    tables.processes = std::move(map);
    return tables;
}

} // namespace

TEST(BuildSummary, CountsPerProtocolAndState) {
    const Summary s = build_summary(sample_tables(), {}, 10);
    EXPECT_EQ(s.total, 8);
    ASSERT_EQ(s.protocols.size(), 3u);
    EXPECT_EQ(s.protocols[0].protocol, "tcp");
    EXPECT_EQ(s.protocols[0].total, 6);
    ASSERT_EQ(s.protocols[0].states.size(), 4u);
    EXPECT_EQ(s.protocols[0].states[0].state, "ESTABLISHED");
    EXPECT_EQ(s.protocols[0].states[0].count, 2);
    EXPECT_EQ(s.protocols[0].states[1].state, "TIME_WAIT");
    EXPECT_EQ(s.protocols[0].states[1].count, 2);
    EXPECT_EQ(s.protocols[1].protocol, "udp");
    EXPECT_EQ(s.protocols[1].states[0].state, "UNCONN");
    EXPECT_EQ(s.protocols[2].protocol, "unix");
    EXPECT_EQ(s.protocols[2].states[0].state, "LISTENING");
}

TEST(BuildSummary, RanksPeersPortsHotSpotsAndProcesses) {
    const Summary s = build_summary(sample_tables(), {}, 2);
    ASSERT_EQ(s.peers.size(), 2u);
    EXPECT_EQ(s.peers[0].address, "192.0.2.7");
    EXPECT_EQ(s.peers[0].count, 2);
    EXPECT_EQ(s.peers[1].address, "192.0.2.8");
    ASSERT_EQ(s.local_ports.size(), 2u);
    EXPECT_EQ(s.local_ports[0].port, 80);
    EXPECT_EQ(s.local_ports[0].count, 4); // the listener has no peer
    EXPECT_EQ(s.local_ports[0].states[0].state, "ESTABLISHED");
    ASSERT_EQ(s.hot_spots.size(), 2u);
    EXPECT_EQ(s.hot_spots[0].state, "TIME_WAIT");
    EXPECT_EQ(s.hot_spots[0].total, 2);
    EXPECT_EQ(s.hot_spots[0].owners[0].owner, "-");
    EXPECT_EQ(s.hot_spots[1].total, 1);
    EXPECT_EQ(s.hot_spots[1].owners[0].owner, "100/nginx");
    EXPECT_EQ(s.hot_spots[1].remote_ports[0].port, 50003);
    ASSERT_EQ(s.processes.size(), 2u);
    EXPECT_EQ(s.processes[0].pid, "100");
    EXPECT_EQ(s.processes[0].sockets, 4);
    EXPECT_EQ(s.processes[1].sockets, 2);
}

TEST(BuildSummary, FilterSelectsTheRowsCounted) {
    SocketFilter filter;
    ASSERT_TRUE(add_states(filter, "time-wait"));
    const Summary s = build_summary(sample_tables(), filter, 10);
    EXPECT_EQ(s.total, 2);
    ASSERT_EQ(s.protocols.size(), 1u);
    EXPECT_EQ(s.hot_spots[1].total, 0);
    SocketFilter by_pid;
    ASSERT_TRUE(add_pids(by_pid, "200"));
    EXPECT_EQ(build_summary(sample_tables(), by_pid, 10).total, 2);
}

TEST(BuildSummary, TextFitsEightyColumnsAndJsonParses) {
    Summary s = build_summary(sample_tables(), {}, 10);
    s.processes[0].max_open_files = 1024;
    s.processes[1].max_open_files = k_unlimited;
    s.sockstat = parse_sockstat("sockets: used 290\nTCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1\n");
    const std::string text = render_summary_text(s);
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        EXPECT_LE(end - start, 80u) << text.substr(start, end - start);
        start = end + 1;
    }
    EXPECT_NE(text.find("      4            1024   0%  100/nginx\n"), std::string::npos) << text;
    EXPECT_NE(text.find("  TCP:      inuse 5  orphan 0  tw 2  alloc 7  mem 1\n"), std::string::npos)
        << text;
    const nlohmann::json doc = nlohmann::json::parse(render_summary_json(s));
    EXPECT_EQ(doc["schema_version"], 1);
    EXPECT_EQ(doc["total"], 8);
    EXPECT_EQ(doc["protocols"][0]["states"]["TIME_WAIT"], 2);
    EXPECT_EQ(doc["processes"][1]["max_open_files"], "unlimited");
    EXPECT_EQ(doc["sockstat"]["TCP"]["tw"], 2);
}

TEST(ParseSockstat, SkipsMalformedLines) {
    const auto lines =
        parse_sockstat("TCP6: inuse 3\nbogus line\nUDP6: inuse x\nFRAG6: inuse 0 memory 0");
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].label, "TCP6");
    EXPECT_EQ(lines[0].values[0].second, 3);
    EXPECT_EQ(lines[1].values[1].first, "memory");
}

TEST(RenderSummaryJson, ProcessNamesAreLosslessTextEscapes) {
    SocketTables tables = sample_tables();
    ProcessMap map;
    // a lone 0xff (invalid UTF-8), an ESC, and a literal "\x41" that must stay four characters
    const std::string name = "ev\xff\x1b[2J\\x41";
    for (std::uint64_t inode : {10u, 11u, 12u, 13u})
        add_socket_owner(map, "100", name, inode);
    tables.processes = std::move(map);
    const Summary s = build_summary(tables, {}, 10);
    const std::string json = render_summary_json(s);
    const nlohmann::json doc = nlohmann::json::parse(json); // valid UTF-8, or this throws
    const std::string column = "100/" + name;
    ASSERT_FALSE(doc["processes"].empty());
    EXPECT_EQ(decode_json_text(doc["processes"][0]["process"].get<std::string>()), column);
    EXPECT_EQ(decode_json_text(
                  doc["hot_spots"]["CLOSE_WAIT"]["processes"][0]["process"].get<std::string>()),
              column);
    EXPECT_EQ(json.find('\x1b'), std::string::npos); // JSON's \u001b, not the raw byte
    // The text keeps the -p column's escaping (control bytes as \xHH, other bytes as they are).
    const std::string text = render_summary_text(s);
    EXPECT_NE(text.find("100/ev\xff\\x1b[2J\\x41"), std::string::npos) << text;
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
}
