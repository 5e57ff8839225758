// SPDX-License-Identifier: MIT
// Every parser on hostile input (binary noise, mutated real lines, huge numbers, NULs): no
// crash, no sanitizer report, and rendering what was parsed works too. Deterministic seeds.
#include "netstat_audit/parse/counters.hpp"
#include "netstat_audit/parse/igmp.hpp"
#include "netstat_audit/parse/inet_sockets.hpp"
#include "netstat_audit/parse/ipv6_route.hpp"
#include "netstat_audit/parse/route.hpp"
#include "netstat_audit/parse/sctp_sockets.hpp"
#include "netstat_audit/parse/snmp6.hpp"
#include "netstat_audit/parse/unix_sockets.hpp"
#include "netstat_audit/view/groups_view.hpp"
#include "netstat_audit/view/sockets_view.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace netstat_audit;

namespace {

// Real lines of each format, mutated below.
const std::vector<std::string> k_samples = {
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
    "inode\n",
    "   0: 0A6433C6:0016 054B71CB:C738 01 000001F4:00000005 02:00001D4C 00000003  1000 7 1003 1 "
    "0000000000000000 20 4 30 10 -1\n",
    "   1: B80D0120000000000000000010000000:01BB 00000000000000000000000000000000:0000 0A "
    "00000000:00000000 00:00000000 00000000 0 0 2004 1\n",
    "Num       RefCount Protocol Flags    Type St Inode Path\n",
    "0000000000000000: 00000002 00000000 00010000 0001 01  7001 /run/listen.sock\n",
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n",
    "eth0\t00000000\t0102A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n",
    "fe800000000000000000000000000000 40 00000000000000000000000000000000 00 "
    "00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0\n",
    "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens\n",
    "Tcp: 1 200 120000 -1 18446744073709551615\n",
    "Ip6InReceives                   \t123\n",
    "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n",
    "1\tlo        :     1      V3\n",
    "\t\t\t\t010000E0     1 0:00000000\t\t0\n",
    " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n",
    "       0        0 2   10  31   5000     0 12345 198.51.100.10 203.0.113.1\n",
};

std::string mutate(std::mt19937& rng, std::string text) {
    std::uniform_int_distribution<int> op(0, 5);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int i = 0, n = op(rng) + 1; i < n && !text.empty(); ++i) {
        std::uniform_int_distribution<std::size_t> at(0, text.size() - 1);
        switch (op(rng)) {
        case 0:
            text.resize(at(rng));
            break; // truncate
        case 1:
            text[at(rng)] = static_cast<char>(byte(rng));
            break; // flip a byte
        case 2:
            text.insert(at(rng), 1, '\0');
            break; // NUL
        case 3:
            text.insert(at(rng), "99999999999999999999999");
            break; // huge number
        case 4:
            text.insert(at(rng), std::string(9000, 'F'));
            break; // over-long line
        default:
            text.erase(at(rng), 1);
            break;
        }
    }
    return text;
}

std::string hostile_text(std::mt19937& rng) {
    std::uniform_int_distribution<int> kind(0, 3);
    std::string text;
    if (kind(rng) == 0) {
        std::uniform_int_distribution<int> byte(0, 255);
        text.resize(std::uniform_int_distribution<std::size_t>(0, 3000)(rng));
        for (char& c : text)
            c = static_cast<char>(byte(rng));
        return text;
    }
    std::uniform_int_distribution<std::size_t> pick(0, k_samples.size() - 1);
    for (int i = 0; i < 8; ++i)
        text += mutate(rng, k_samples[pick(rng)]);
    return text;
}

void parse_everything(std::string_view text) {
    NameResolver resolver({true, true, true});
    ProcessMap map;
    SocketViewOptions view;
    view.filter = ListingFilter::all;
    view.extend = true;
    view.timers = true;
    view.programs = &map;
    std::string out;
    for (InetProtocol protocol :
         {InetProtocol::tcp, InetProtocol::udp, InetProtocol::udplite, InetProtocol::raw}) {
        for (const InetSocket& s : parse_inet_sockets(text, protocol, IpVersion::v6, "f").rows)
            render_inet_row(out, s, resolver, view);
    }
    for (const UnixSocket& s : parse_unix_sockets(text, "f").rows)
        render_unix_row(out, s, view);
    (void)parse_ipv4_routes(text);
    (void)parse_ipv6_routes(text);
    (void)parse_counter_pairs(text, "f");
    (void)parse_sctp_counters(text);
    (void)parse_snmp6(text);
    IgmpCarryOver carry_over;
    const IgmpFormat second = igmp_format_after(text, IgmpFormat::igmp);
    for (const GroupMembership& entry : parse_igmp(text, IgmpFormat::igmp, "f").rows)
        (void)carry_over.apply(entry);
    for (const GroupMembership& entry : parse_igmp(text, second, "f").rows)
        (void)carry_over.apply(entry);
    (void)parse_sctp_endpoints(text, "f");
    (void)parse_sctp_associations(text, "f");
}

} // namespace

TEST(HostileInput, ParsersAndRowsSurviveNoiseAndMutations) {
    std::mt19937 rng(20261128);
    for (int i = 0; i < 400; ++i)
        parse_everything(hostile_text(rng));
    SUCCEED();
}

TEST(HostileInput, EmptyAndOneByteFiles) {
    for (std::string_view text : {std::string_view(""), std::string_view("\n"),
                                  std::string_view("\0", 1), std::string_view(":")})
        parse_everything(text);
    SUCCEED();
}

TEST(HostileInput, LargeFileOfOneLine) {
    std::string text(20 * 1024 * 1024, 'A'); // 20 MiB without a newline
    auto result = parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v4, "net/tcp");
    EXPECT_TRUE(result.rows.empty());
    // fgets() chunks of 8191 bytes, the first one skipped as the header.
    EXPECT_EQ(result.diagnostics.size(), (text.size() + 8190) / 8191 - 1);
}
