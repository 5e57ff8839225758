// SPDX-License-Identifier: MIT
// Google Benchmark micro-benchmarks: every /proc parser and the row formatters, in rows/s, on
// synthetic tables (templates from tests/fixtures repeated with varying fields).
#include "netstat_audit/parse/counters.hpp"
#include "netstat_audit/parse/igmp.hpp"
#include "netstat_audit/parse/inet_sockets.hpp"
#include "netstat_audit/parse/ipv6_route.hpp"
#include "netstat_audit/parse/net_dev.hpp"
#include "netstat_audit/parse/route.hpp"
#include "netstat_audit/parse/sctp_sockets.hpp"
#include "netstat_audit/parse/snmp6.hpp"
#include "netstat_audit/parse/unix_sockets.hpp"
#include "netstat_audit/source/netlink_sockets.hpp"
#include "netstat_audit/view/sockets_view.hpp"
#include "netstat_audit/view/stats_view.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <linux/inet_diag.h>
#include <netinet/in.h>

#include <cstring>
#include <string>
#include <vector>

using namespace netstat_audit;

namespace {

constexpr int k_rows = 10000;

std::string tcp_table(int rows) {
    std::string text = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                       "retrnsmt   uid  timeout inode\n";
    for (int i = 0; i < rows; ++i)
        text += fmt::format("{:4}: 0100007F:{:04X} 0100007F:{:04X} 01 00000000:00000000 "
                            "00:00000000 00000000     0        0 {} 1 0000000000000000 20 4 30 "
                            "10 -1\n",
                            i, 1024 + i % 60000, 8080, 100000 + i);
    return text;
}

std::string tcp6_table(int rows) {
    std::string text = "  sl  local_address                         remote_address              "
                       "          st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
                       "inode\n";
    for (int i = 0; i < rows; ++i)
        text += fmt::format("{:4}: 0000000000000000FFFF00000100007F:{:04X} "
                            "B80D0120000000000000000001000000:01BB 01 00000000:00000000 "
                            "00:00000000 00000000  1000        0 {} 1 0000000000000000 20 4 "
                            "30 10 -1\n",
                            i, 1024 + i % 60000, 200000 + i);
    return text;
}

std::string unix_table(int rows) {
    std::string text = "Num       RefCount Protocol Flags    Type St Inode Path\n";
    for (int i = 0; i < rows; ++i)
        text += fmt::format("0000000000000000: 00000003 00000000 00000000 0001 03 {:6} "
                            "/run/service-{}.sock\n",
                            300000 + i, i);
    return text;
}

void set_rows(benchmark::State& state, std::size_t rows) {
    const double processed = static_cast<double>(state.iterations()) * static_cast<double>(rows);
    state.SetItemsProcessed(static_cast<std::int64_t>(processed));
    state.counters["rows/s"] = benchmark::Counter(processed, benchmark::Counter::kIsRate);
}

void parse_tcp(benchmark::State& state) {
    const std::string text = tcp_table(k_rows);
    for (auto _ : state)
        benchmark::DoNotOptimize(
            parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v4, "net/tcp"));
    set_rows(state, k_rows);
}
BENCHMARK(parse_tcp);

void parse_tcp6(benchmark::State& state) {
    const std::string text = tcp6_table(k_rows);
    for (auto _ : state)
        benchmark::DoNotOptimize(
            parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v6, "net/tcp6"));
    set_rows(state, k_rows);
}
BENCHMARK(parse_tcp6);

void parse_unix(benchmark::State& state) {
    const std::string text = unix_table(k_rows);
    for (auto _ : state)
        benchmark::DoNotOptimize(parse_unix_sockets(text, "net/unix"));
    set_rows(state, k_rows);
}
BENCHMARK(parse_unix);

void parse_dev(benchmark::State& state) {
    std::string text = "Inter-|   Receive                                                |  "
                       "Transmit\n face |bytes    packets errs drop fifo frame compressed "
                       "multicast|bytes    packets errs drop fifo colls carrier compressed\n";
    constexpr int k_interfaces = 1000;
    for (int i = 0; i < k_interfaces; ++i)
        text +=
            fmt::format("veth{:04}: {} 29 0 0 0 0 0 0 {} 29 0 0 0 0 0 0\n", i, 3267 + i, 9000 + i);
    for (auto _ : state)
        benchmark::DoNotOptimize(parse_net_dev(text));
    set_rows(state, k_interfaces);
}
BENCHMARK(parse_dev);

void parse_route(benchmark::State& state) {
    std::string text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\t"
                       "Window\tIRTT\n";
    constexpr int k_routes = 1000;
    for (int i = 0; i < k_routes; ++i)
        text += fmt::format("veth0\t{:08X}\tFE0200C0\t0003\t0\t0\t100\t00FFFFFF\t0\t0\t0\n",
                            0x000200C0 + (i << 24));
    for (auto _ : state)
        benchmark::DoNotOptimize(parse_ipv4_routes(text));
    set_rows(state, k_routes);
}
BENCHMARK(parse_route);

void parse_ipv6_route(benchmark::State& state) {
    std::string text;
    constexpr int k_routes = 1000;
    for (int i = 0; i < k_routes; ++i)
        text += fmt::format("20010db800000000000000000000{:04x} 80 "
                            "00000000000000000000000000000000 00 "
                            "00000000000000000000000000000000 00000100 00000001 00000000 "
                            "00000001    veth0\n",
                            i);
    for (auto _ : state)
        benchmark::DoNotOptimize(parse_ipv6_routes(text));
    set_rows(state, k_routes);
}
BENCHMARK(parse_ipv6_route);

// /proc/net/snmp's shape: header and value line pairs.
void parse_counters(benchmark::State& state) {
    std::string text;
    constexpr int k_groups = 100;
    constexpr int k_fields = 30;
    for (int g = 0; g < k_groups; ++g) {
        std::string names = fmt::format("Group{}:", g), values = names;
        for (int f = 0; f < k_fields; ++f) {
            names += fmt::format(" Field{}", f);
            values += fmt::format(" {}", f * 1000 + g);
        }
        text += names + '\n' + values + '\n';
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(parse_counter_pairs(text, "net/snmp"));
    set_rows(state, k_groups * k_fields);
}
BENCHMARK(parse_counters);

void parse_snmp6_file(benchmark::State& state) {
    std::string text;
    constexpr int k_counters = 3000;
    for (int i = 0; i < k_counters; ++i)
        text += fmt::format("Ip6Counter{:<24}\t{}\n", i, i * 7);
    for (auto _ : state)
        benchmark::DoNotOptimize(parse_snmp6(text));
    set_rows(state, k_counters);
}
BENCHMARK(parse_snmp6_file);

void parse_igmp_file(benchmark::State& state) {
    std::string text = "Idx\tDevice    :   Count Querier\tGroup    Users Timer\tReporter\n";
    constexpr int k_devices = 500;
    for (int i = 0; i < k_devices; ++i)
        text += fmt::format(
            "{}\tveth{:<6}:     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n", i, i);
    for (auto _ : state) {
        benchmark::DoNotOptimize(parse_igmp(text, IgmpFormat::igmp, "net/igmp"));
    }
    set_rows(state, k_devices);
}
BENCHMARK(parse_igmp_file);

void parse_sctp_eps(benchmark::State& state) {
    std::string text = " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n";
    constexpr int k_endpoints = 1000;
    for (int i = 0; i < k_endpoints; ++i)
        text += fmt::format("ffff888003b1c000 ffff888004f2a000 2   10  39   {}      0 {} "
                            "198.51.100.10 203.0.113.1 \n",
                            5000 + i, 12345 + i);
    for (auto _ : state)
        benchmark::DoNotOptimize(parse_sctp_endpoints(text, "net/sctp/eps"));
    set_rows(state, k_endpoints);
}
BENCHMARK(parse_sctp_eps);

void decode_netlink(benchmark::State& state) {
    inet_diag_msg message{};
    message.idiag_family = AF_INET;
    message.idiag_state = 1;
    message.id.idiag_sport = htons(40000);
    message.id.idiag_dport = htons(8080);
    message.id.idiag_src[0] = htonl(0x7F000001);
    message.id.idiag_dst[0] = htonl(0x7F000001);
    message.idiag_inode = 123456;
    std::byte bytes[sizeof message];
    std::memcpy(bytes, &message, sizeof message);
    for (auto _ : state)
        benchmark::DoNotOptimize(decode_inet_diag(bytes, {InetProtocol::tcp}));
    set_rows(state, 1);
}
BENCHMARK(decode_netlink);

void format_inet_rows(benchmark::State& state, SocketViewOptions options) {
    const auto rows =
        parse_inet_sockets(tcp_table(k_rows), InetProtocol::tcp, IpVersion::v4, "net/tcp").rows;
    NameResolver resolver(NumericFlags{true, true, true});
    std::string out;
    for (auto _ : state) {
        out.clear();
        for (const InetSocket& row : rows)
            render_inet_row(out, row, resolver, options);
        benchmark::DoNotOptimize(out.data());
    }
    set_rows(state, rows.size());
}
BENCHMARK_CAPTURE(format_inet_rows, tan, SocketViewOptions{ListingFilter::all});
BENCHMARK_CAPTURE(format_inet_rows, taneo,
                  SocketViewOptions{ListingFilter::all, false, true, true, nullptr});

void format_inet6_rows(benchmark::State& state) {
    const auto rows =
        parse_inet_sockets(tcp6_table(k_rows), InetProtocol::tcp, IpVersion::v6, "net/tcp6").rows;
    NameResolver resolver(NumericFlags{true, true, true});
    std::string out;
    for (auto _ : state) {
        out.clear();
        for (const InetSocket& row : rows)
            render_inet_row(out, row, resolver, {ListingFilter::all});
        benchmark::DoNotOptimize(out.data());
    }
    set_rows(state, rows.size());
}
BENCHMARK(format_inet6_rows);

void format_unix_rows(benchmark::State& state) {
    const auto rows = parse_unix_sockets(unix_table(k_rows), "net/unix").rows;
    std::string out;
    for (auto _ : state) {
        out.clear();
        for (const UnixSocket& row : rows)
            render_unix_row(out, row, {ListingFilter::all});
        benchmark::DoNotOptimize(out.data());
    }
    set_rows(state, rows.size());
}
BENCHMARK(format_unix_rows);

void format_statistics(benchmark::State& state) {
    std::string text = "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens "
                       "AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs "
                       "OutRsts InCsumErrors\nTcp: 1 200 120000 -1 500 300 2 3 10 100000 90000 "
                       "12 0 40 0\n";
    const auto groups = parse_counter_pairs(text, "net/snmp").rows;
    const StatsInput inputs[] = {{groups, StatsFamily::ipv4}};
    for (auto _ : state)
        benchmark::DoNotOptimize(render_statistics(inputs, {}));
    set_rows(state, groups.empty() ? 0 : groups[0].counters.size());
}
BENCHMARK(format_statistics);

} // namespace

BENCHMARK_MAIN();
