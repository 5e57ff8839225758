// SPDX-License-Identifier: MIT
// Tests for the inet_diag bytecode compiler: the programs are decoded, checked against the
// kernel's audit rules and run, as the kernel runs them, on sample sockets; each verdict must be
// the row predicate's.
#include "netstat_audit/source/inet_diag_bytecode.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

using namespace netstat_audit;

namespace {

inet_diag_bc_op op_at(const std::vector<std::byte>& program, std::size_t offset) {
    inet_diag_bc_op op{};
    std::memcpy(&op, program.data() + offset, sizeof op);
    return op;
}

// The length an op must have (its yes), per the kernel's auditor.
std::size_t op_length(const std::vector<std::byte>& program, std::size_t offset) {
    const inet_diag_bc_op op = op_at(program, offset);
    switch (op.code) {
    case INET_DIAG_BC_S_GE:
    case INET_DIAG_BC_S_LE:
    case INET_DIAG_BC_D_GE:
    case INET_DIAG_BC_D_LE:
        return 2 * sizeof op;
    case INET_DIAG_BC_S_COND:
    case INET_DIAG_BC_D_COND: {
        inet_diag_hostcond cond{};
        std::memcpy(&cond, program.data() + offset + sizeof op, sizeof cond);
        return sizeof op + sizeof cond + (cond.family == AF_INET ? 4 : 16);
    }
    default:
        return sizeof op;
    }
}

// What inet_diag_bc_audit() checks: each op is a known code whose yes is its own length, each
// no is a multiple of 4 landing on an op of the yes-chain, at the end, or 4 bytes past it.
::testing::AssertionResult audited(const std::vector<std::byte>& program) {
    std::vector<std::size_t> starts;
    for (std::size_t at = 0; at < program.size(); at += op_length(program, at))
        starts.push_back(at);
    auto on_chain = [&](std::size_t target) {
        return target == program.size() || target == program.size() + 4 ||
               std::find(starts.begin(), starts.end(), target) != starts.end();
    };
    for (std::size_t at : starts) {
        const inet_diag_bc_op op = op_at(program, at);
        const std::size_t length = op_length(program, at);
        if (op.code < INET_DIAG_BC_JMP || op.code > INET_DIAG_BC_D_COND ||
            op.code == INET_DIAG_BC_AUTO)
            return ::testing::AssertionFailure() << "op code " << int{op.code} << " at " << at;
        if (op.yes != length || at + length > program.size())
            return ::testing::AssertionFailure() << "yes " << int{op.yes} << " at " << at;
        if (op.no < length || op.no % 4 != 0 || !on_chain(at + op.no))
            return ::testing::AssertionFailure() << "no " << op.no << " at " << at;
    }
    return ::testing::AssertionSuccess();
}

bool prefix_equal(const std::uint8_t* address, const std::uint8_t* prefix, unsigned bits) {
    for (std::size_t i = 0; bits > 0; ++i) {
        const unsigned take = bits >= 8 ? 8 : bits;
        const auto mask = static_cast<std::uint8_t>(0xFF00u >> take);
        if ((address[i] & mask) != (prefix[i] & mask))
            return false;
        bits -= take;
    }
    return true;
}

// One hostcond against an endpoint, as inet_diag_bc_run() decides it for a socket of the
// dump's family (an IPv4 condition also matches ::ffff:a.b.c.d in an IPv6 socket).
bool host_matches(const std::vector<std::byte>& program, std::size_t at, const Endpoint& end) {
    inet_diag_hostcond cond{};
    std::memcpy(&cond, program.data() + at + sizeof(inet_diag_bc_op), sizeof cond);
    const auto* prefix = reinterpret_cast<const std::uint8_t*>(
        program.data() + at + sizeof(inet_diag_bc_op) + sizeof cond);
    if (cond.port != -1 && cond.port != end.port)
        return false;
    const int family = end.address.version == IpVersion::v4 ? AF_INET : AF_INET6;
    const std::uint8_t* address = end.address.bytes.data();
    if (cond.family != family) {
        static const std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        return family == AF_INET6 && cond.family == AF_INET &&
               std::memcmp(address, mapped, 12) == 0 &&
               prefix_equal(address + 12, prefix, cond.prefix_len);
    }
    return prefix_equal(address, prefix, cond.prefix_len);
}

// Runs `program` on one socket: true when it runs off the end, false when it jumps past it.
bool kernel_accepts(const std::vector<std::byte>& program, const InetSocket& socket) {
    std::size_t at = 0;
    while (at < program.size()) {
        const inet_diag_bc_op op = op_at(program, at);
        const std::uint16_t operand = op_at(program, at + sizeof op).no;
        bool yes = true;
        switch (op.code) {
        case INET_DIAG_BC_JMP:
            yes = false;
            break;
        case INET_DIAG_BC_S_GE:
            yes = socket.local.port >= operand;
            break;
        case INET_DIAG_BC_S_LE:
            yes = socket.local.port <= operand;
            break;
        case INET_DIAG_BC_D_GE:
            yes = socket.remote.port >= operand;
            break;
        case INET_DIAG_BC_D_LE:
            yes = socket.remote.port <= operand;
            break;
        case INET_DIAG_BC_S_COND:
            yes = host_matches(program, at, socket.local);
            break;
        case INET_DIAG_BC_D_COND:
            yes = host_matches(program, at, socket.remote);
            break;
        default:
            ADD_FAILURE() << "unexpected op " << int{op.code};
            return false;
        }
        at += yes ? op.yes : op.no;
    }
    return at == program.size();
}

IpAddress address(const char* text) {
    IpAddress a;
    if (::inet_pton(AF_INET, text, a.bytes.data()) == 1)
        return a;
    a.version = IpVersion::v6;
    EXPECT_EQ(::inet_pton(AF_INET6, text, a.bytes.data()), 1) << text;
    return a;
}

// Sockets of both families, with v4-mapped addresses and the ports at the ranges' edges.
std::vector<InetSocket> sample_sockets() {
    const char* addresses[] = {
        "127.0.0.1",        "10.1.2.3",        "10.1.255.9",  "0.0.0.0",       "192.0.2.77", "::1",
        "::ffff:127.0.0.1", "::ffff:10.1.2.3", "2001:db8::1", "2001:db8:1::5", "::"};
    const std::uint16_t ports[] = {0, 1, 22, 442, 443, 444, 8080, 65534, 65535};
    std::vector<InetSocket> sockets;
    for (const char* local : addresses)
        for (const char* remote : addresses) {
            const IpAddress l = address(local);
            const IpAddress r = address(remote);
            if (l.version != r.version)
                continue;
            for (std::uint16_t local_port : ports)
                for (std::uint16_t remote_port :
                     {std::uint16_t{0}, std::uint16_t{443}, std::uint16_t{51000}, local_port}) {
                    InetSocket s;
                    s.file_version = l.version;
                    s.local = {l, local_port};
                    s.remote = {r, remote_port};
                    s.state = 1;
                    sockets.push_back(s);
                }
        }
    return sockets;
}

SocketFilter bytecode_filter_of(const std::string& sport, const std::string& dport,
                                const std::string& src, const std::string& dst) {
    SocketFilter f;
    if (!sport.empty()) {
        EXPECT_TRUE(add_ports(f.source_ports, sport).has_value()) << sport;
    }
    if (!dport.empty()) {
        EXPECT_TRUE(add_ports(f.destination_ports, dport).has_value()) << dport;
    }
    if (!src.empty()) {
        EXPECT_TRUE(add_prefixes(f.sources, src).has_value()) << src;
    }
    if (!dst.empty()) {
        EXPECT_TRUE(add_prefixes(f.destinations, dst).has_value()) << dst;
    }
    return f;
}

void expect_same_verdicts(const SocketFilter& filter) {
    const std::vector<std::byte> program = compile_inet_diag_bytecode(filter);
    ASSERT_FALSE(program.empty());
    ASSERT_TRUE(audited(program));
    std::size_t kept = 0;
    for (const InetSocket& s : sample_sockets()) {
        const bool expected = matches(filter, s, nullptr);
        kept += expected ? 1 : 0;
        ASSERT_EQ(kernel_accepts(program, s), expected)
            << s.local.port << " -> " << s.remote.port << " (" << format_numeric(s.local.address)
            << " -> " << format_numeric(s.remote.address) << ")";
    }
    EXPECT_GT(kept, 0U); // every case selects something, so a reject-all program fails
}

} // namespace

TEST(InetDiagBytecode, NoEndpointTermsGivesNoProgram) {
    SocketFilter filter;
    EXPECT_TRUE(compile_inet_diag_bytecode(filter).empty());
    ASSERT_TRUE(add_states(filter, "established").has_value());
    ASSERT_TRUE(add_pids(filter, "1").has_value());
    EXPECT_TRUE(compile_inet_diag_bytecode(filter).empty());
    EXPECT_TRUE(compile_inet_diag_bytecode(bytecode_filter_of("0-65535", "", "", "")).empty());
    EXPECT_TRUE(compile_inet_diag_bytecode(bytecode_filter_of("", "22,0-65535", "", "")).empty());
}

TEST(InetDiagBytecode, OnePortIsGreaterEqualThenLessEqual) {
    const std::vector<std::byte> program =
        compile_inet_diag_bytecode(bytecode_filter_of("", "443", "", ""));
    ASSERT_EQ(program.size(), 16U);
    const inet_diag_bc_op ge = op_at(program, 0);
    EXPECT_EQ(ge.code, INET_DIAG_BC_D_GE);
    EXPECT_EQ(ge.yes, 8);
    EXPECT_EQ(ge.no, 20); // 4 past the end: reject
    EXPECT_EQ(op_at(program, 4).no, 443);
    const inet_diag_bc_op le = op_at(program, 8);
    EXPECT_EQ(le.code, INET_DIAG_BC_D_LE);
    EXPECT_EQ(le.yes, 8);
    EXPECT_EQ(le.no, 12);
    EXPECT_EQ(op_at(program, 12).no, 443);
}

TEST(InetDiagBytecode, ListIsOredWithAJumpOverTheRest) {
    // S_COND 127.0.0.1 (16 bytes), JMP, S_COND 10.0.0.0/8 (16 bytes).
    const std::vector<std::byte> program =
        compile_inet_diag_bytecode(bytecode_filter_of("", "", "127.0.0.1,10.0.0.0/8", ""));
    ASSERT_EQ(program.size(), 36U);
    ASSERT_TRUE(audited(program));
    EXPECT_EQ(op_at(program, 0).code, INET_DIAG_BC_S_COND);
    EXPECT_EQ(op_at(program, 0).no, 20); // to the second item
    EXPECT_EQ(op_at(program, 16).code, INET_DIAG_BC_JMP);
    EXPECT_EQ(op_at(program, 16).no, 20); // to the end: accept
    EXPECT_EQ(op_at(program, 20).no, 20); // 4 past the end: reject
    inet_diag_hostcond cond{};
    std::memcpy(&cond, program.data() + 24, sizeof cond);
    EXPECT_EQ(cond.family, AF_INET);
    EXPECT_EQ(cond.prefix_len, 8);
    EXPECT_EQ(cond.port, -1);
}

TEST(InetDiagBytecode, PortRangesMatchThePredicate) {
    expect_same_verdicts(bytecode_filter_of("443", "", "", ""));
    expect_same_verdicts(bytecode_filter_of("", "443", "", ""));
    expect_same_verdicts(bytecode_filter_of("442-444", "", "", ""));
    expect_same_verdicts(bytecode_filter_of("0-22", "", "", ""));
    expect_same_verdicts(bytecode_filter_of("", "8080-65535", "", ""));
    expect_same_verdicts(bytecode_filter_of("22,443,8080-65534", "", "", ""));
    expect_same_verdicts(bytecode_filter_of("0", "0", "", ""));
    expect_same_verdicts(bytecode_filter_of("1-442,444-65535", "443,51000", "", ""));
}

TEST(InetDiagBytecode, AddressPrefixesMatchThePredicateInBothFamilies) {
    expect_same_verdicts(bytecode_filter_of("", "", "127.0.0.1", ""));
    expect_same_verdicts(bytecode_filter_of("", "", "10.1.0.0/16", ""));
    expect_same_verdicts(bytecode_filter_of("", "", "10.1.2.0/23", "")); // a prefix inside a byte
    expect_same_verdicts(bytecode_filter_of("", "", "0.0.0.0/0", ""));   // IPv4 and v4-mapped only
    expect_same_verdicts(bytecode_filter_of("", "", "::/0", ""));        // IPv6 only
    expect_same_verdicts(bytecode_filter_of("", "", "::1", "::1"));
    expect_same_verdicts(bytecode_filter_of("", "", "::ffff:0.0.0.0/96", ""));
    expect_same_verdicts(bytecode_filter_of("", "", "2001:db8::/33,192.0.2.0/24", ""));
    expect_same_verdicts(bytecode_filter_of("", "", "", "[2001:db8:1::5]/128,10.1.2.3"));
}

TEST(InetDiagBytecode, OptionsAreAnded) {
    expect_same_verdicts(bytecode_filter_of("443", "", "127.0.0.1", ""));
    expect_same_verdicts(bytecode_filter_of("22,443", "0-1000", "10.0.0.0/8,::1", "0.0.0.0/0"));
    expect_same_verdicts(bytecode_filter_of("1-65535", "443,51000", "::ffff:127.0.0.1,127.0.0.1",
                                            "127.0.0.0/8,::/0"));
}

TEST(InetDiagBytecode, TooLongAProgramIsLeftToThePredicate) {
    SocketFilter filter;
    for (int i = 0; i < 3000; ++i)
        filter.sources.push_back({address("2001:db8::1"), 128});
    EXPECT_TRUE(compile_inet_diag_bytecode(filter).empty());
}
