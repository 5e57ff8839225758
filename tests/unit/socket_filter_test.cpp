// SPDX-License-Identifier: MIT
// Tests for the socket filter predicate and its option parsers (rows built in code).
#include "netstat_audit/model/socket_filter.hpp"

#include "netstat_audit/cli/cli.hpp"
#include "netstat_audit/view/programs.hpp"

#include "options_for.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;
using netstat_audit::test_support::options_for;

namespace {

InetSocket tcp(IpAddress local, std::uint16_t local_port, IpAddress remote,
               std::uint16_t remote_port, std::uint32_t state) {
    InetSocket s;
    s.local = {local, local_port};
    s.remote = {remote, remote_port};
    s.state = state;
    s.inode = 100;
    s.uid = 1000;
    return s;
}

SocketFilter filter_of(std::initializer_list<const char*> args) {
    return options_for(std::vector<std::string>(args.begin(), args.end())).filter;
}

const InetSocket k_established =
    tcp(make_ipv4(10, 0, 0, 1), 45000, make_ipv4(192, 0, 2, 7), 443, tcp_state::k_established);
const InetSocket k_listen = tcp(make_ipv4(0, 0, 0, 0), 22, {}, 0, tcp_state::k_listen);
const InetSocket k_time_wait =
    tcp(make_ipv4(10, 0, 0, 1), 45001, make_ipv4(192, 0, 2, 8), 80, tcp_state::k_time_wait);

} // namespace

TEST(SocketFilter, EmptyFilterMatchesEverything) {
    SocketFilter filter;
    EXPECT_TRUE(filter.empty());
    EXPECT_TRUE(matches(filter, k_listen, nullptr));
    EXPECT_TRUE(matches(filter, UnixSocket{}, nullptr));
}

TEST(SocketFilter, StateListIsOred) {
    const SocketFilter f = filter_of({"--state", "listen,TIME-WAIT"});
    EXPECT_TRUE(matches(f, k_listen, nullptr));
    EXPECT_TRUE(matches(f, k_time_wait, nullptr));
    EXPECT_FALSE(matches(f, k_established, nullptr));
}

TEST(SocketFilter, ConnectedAndSynchronizedClassesFollowSs) {
    const SocketFilter connected = filter_of({"--state", "connected"});
    const SocketFilter synced = filter_of({"--state", "synchronized"});
    InetSocket syn_sent = k_established;
    syn_sent.state = tcp_state::k_syn_sent;
    InetSocket closed = k_established;
    closed.state = tcp_state::k_close;
    EXPECT_TRUE(matches(connected, syn_sent, nullptr));
    EXPECT_FALSE(matches(synced, syn_sent, nullptr));
    EXPECT_TRUE(matches(synced, k_time_wait, nullptr));
    EXPECT_FALSE(matches(connected, k_listen, nullptr));
    EXPECT_FALSE(matches(connected, closed, nullptr));
    EXPECT_EQ(connected.states, 0xFFEu & ~((1u << 10) | (1u << 7)));
}

TEST(SocketFilter, OptionsAreAndedAndPortRangesInclusive) {
    const SocketFilter f = filter_of({"--state", "established", "--dport", "400-443"});
    EXPECT_TRUE(matches(f, k_established, nullptr));
    InetSocket other = k_established;
    other.remote.port = 444;
    EXPECT_FALSE(matches(f, other, nullptr));
    EXPECT_FALSE(
        matches(filter_of({"--dport", "443", "--sport", "1-100"}), k_established, nullptr));
    EXPECT_TRUE(matches(filter_of({"--sport", "22,80"}), k_listen, nullptr));
}

TEST(SocketFilter, PrefixesMatchIpv4MappedIpv6) {
    const SocketFilter f = filter_of({"--dst", "192.0.2.0/24"});
    EXPECT_TRUE(matches(f, k_established, nullptr));
    InetSocket mapped = k_established;
    mapped.remote.address.version = IpVersion::v6;
    mapped.remote.address.bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 9};
    EXPECT_TRUE(matches(f, mapped, nullptr));
    mapped.remote.address.bytes[14] = 3;
    EXPECT_FALSE(matches(f, mapped, nullptr));
    EXPECT_FALSE(matches(filter_of({"--src", "10.0.0.2"}), k_established, nullptr));
    EXPECT_TRUE(matches(filter_of({"--src", "10.0.0.0/8"}), k_established, nullptr));
    EXPECT_TRUE(matches(filter_of({"--src", "0.0.0.0/0"}), k_listen, nullptr));
}

TEST(SocketFilter, Ipv6PrefixWithOddLength) {
    AddressPrefix prefix;
    std::vector<AddressPrefix> prefixes;
    ASSERT_TRUE(add_prefixes(prefixes, "2001:db8:8000::/33"));
    prefix = prefixes.at(0);
    EXPECT_EQ(prefix.prefix_bits, 33);
    IpAddress inside;
    inside.version = IpVersion::v6;
    inside.bytes = {0x20, 0x01, 0x0d, 0xb8, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    EXPECT_TRUE(in_prefix(inside, prefix));
    inside.bytes[4] = 0x7f;
    EXPECT_FALSE(in_prefix(inside, prefix));
    EXPECT_FALSE(in_prefix(make_ipv4(32, 1, 13, 184), prefix));
}

TEST(SocketFilter, OwnerTermsNeedAnOwner) {
    ProcessMap map;
    add_socket_owner(map, "4321", "/usr/sbin/nginx", 100);
    const ProcessOwner* owner = find_owner(&map, 100);
    ASSERT_NE(owner, nullptr);
    EXPECT_EQ(owner_program(*owner), "nginx");
    EXPECT_EQ(find_owner(&map, 101), nullptr);
    const SocketFilter by_pid = filter_of({"--pid", "1,4321"});
    EXPECT_TRUE(by_pid.needs_owners());
    EXPECT_TRUE(matches(by_pid, k_established, owner));
    EXPECT_FALSE(matches(by_pid, k_established, nullptr));
    EXPECT_TRUE(matches(filter_of({"--program-name", "nginx"}), k_established, owner));
    EXPECT_FALSE(matches(filter_of({"--program-name", "ngin"}), k_established, owner));
}

TEST(SocketFilter, UserMatchesTheSocketUid) {
    EXPECT_TRUE(matches(filter_of({"--user", "1000"}), k_established, nullptr));
    EXPECT_FALSE(matches(filter_of({"--user", "0"}), k_established, nullptr));
    InetSocket root_owned = k_listen;
    root_owned.uid = 0;
    EXPECT_TRUE(matches(filter_of({"--user", "root"}), root_owned, nullptr));
    EXPECT_FALSE(matches(filter_of({"--user", "root"}), k_listen, nullptr));
}

TEST(SocketFilter, UnixRowsHaveStatesButNoEndpoints) {
    UnixSocket listening;
    listening.state = 1;
    listening.flags = k_unix_flag_accept;
    UnixSocket connected;
    connected.state = 3;
    EXPECT_TRUE(matches(filter_of({"--state", "listen"}), listening, nullptr));
    EXPECT_FALSE(matches(filter_of({"--state", "listen"}), connected, nullptr));
    EXPECT_TRUE(matches(filter_of({"--state", "established"}), connected, nullptr));
    EXPECT_FALSE(matches(filter_of({"--sport", "0-65535"}), connected, nullptr));
    EXPECT_FALSE(matches(filter_of({"--user", "0"}), connected, nullptr));
}

TEST(SocketFilterOptions, BadValuesExitThreeWithAMessage) {
    for (auto args : std::vector<std::vector<const char*>>{{"--state", "bogus"},
                                                           {"--sport", "70000"},
                                                           {"--dport", "90-80"},
                                                           {"--src", "10.0.0.0/33"},
                                                           {"--dst", "::1/129"},
                                                           {"--dst", "example"},
                                                           {"--pid", "12a"},
                                                           {"--pid", "1,,2"},
                                                           {"--user", "no-such-user-here"}}) {
        std::vector<char*> argv;
        std::string name = "netstat-audit";
        argv.push_back(name.data());
        std::vector<std::string> copies(args.begin(), args.end());
        for (std::string& a : copies)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        char* buffer = nullptr;
        std::size_t size = 0;
        std::FILE* err = ::open_memstream(&buffer, &size);
        const Options o = parse_command_line(static_cast<int>(argv.size() - 1), argv.data(), err);
        std::fclose(err);
        const std::string message(buffer, size);
        std::free(buffer);
        EXPECT_EQ(o.mode, Mode::exit_now) << args[0] << ' ' << args[1];
        EXPECT_EQ(o.exit_status, 3) << args[0] << ' ' << args[1];
        EXPECT_TRUE(message.starts_with(std::string("netstat-audit: ") + args[0] + ": "))
            << message;
    }
}

TEST(SocketFilterOptions, NetstatPrefixesKeepTheirMeaning) {
    EXPECT_TRUE(options_for({"--program"}).programs);          // --programs, as in netstat
    EXPECT_EQ(options_for({"--stat"}).mode, Mode::statistics); // not ambiguous with --state
    EXPECT_TRUE(options_for({"--state=listen"}).filter.states != 0);
    EXPECT_EQ(listing_filter(options_for({"--state", "listen"})), ListingFilter::all);
    EXPECT_EQ(listing_filter(options_for({"-l", "--state", "listen"})), ListingFilter::listening);
}
