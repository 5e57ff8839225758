// SPDX-License-Identifier: MIT
// Tests for the SCTP endpoint and association presenters.
#include "netstat_audit/view/sctp_view.hpp"

#include "netstat_audit/view/programs.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

struct SctpFixture {
    NameResolver resolver{NumericFlags{true, true, true}};
    SctpNames names{resolver, resolver};
    SocketViewOptions options;
};

SctpEndpoint two_address_endpoint() {
    SctpEndpoint e;
    e.state = 10;
    e.port = 5000;
    e.uid = 0;
    e.inode = 12345;
    e.local_addresses = {make_ipv4(198, 51, 100, 10), make_ipv4(203, 0, 113, 1)};
    return e;
}

SctpAssociation two_path_association() {
    SctpAssociation a;
    a.state = 1;
    a.tx_queue_bytes = 7;
    a.rx_queue_bytes = 9;
    a.inode = 23456;
    a.local_port = 5000;
    a.remote_port = 40000;
    a.local_addresses = {make_ipv4(198, 51, 100, 10), make_ipv4(203, 0, 113, 1)};
    a.remote_addresses = {make_ipv4(203, 0, 113, 5), make_ipv4(203, 0, 113, 6)};
    return a;
}

} // namespace

TEST(RenderSctpEndpoint, ContinuationLineForEachFurtherAddress) {
    SctpFixture f;
    std::string out;
    render_sctp_endpoint(out, two_address_endpoint(), f.names, f.options);
    EXPECT_EQ(out,
              "sctp                198.51.100.10:5000                              LISTEN     \n"
              "                    203.0.113.1:5000                                           \n");
}

TEST(RenderSctpEndpoint, ExtendProgramsAndTimersGoOnTheLastLine) {
    SctpFixture f;
    ProcessMap programs;
    add_socket_owner(programs, "1234", "/usr/sbin/sshd", 12345);
    f.options.extend = true;
    f.options.programs = &programs;
    f.options.timers = true;
    std::string out;
    render_sctp_endpoint(out, two_address_endpoint(), f.names, f.options);
    EXPECT_EQ(out,
              "sctp                198.51.100.10:5000                              LISTEN     \n"
              "                    203.0.113.1:5000                                            "
              "0          12345      1234/sshd            \n");
}

TEST(RenderSctpEndpoint, WithoutAddressesOnlyTheTrailingColumns) {
    SctpFixture f;
    SctpEndpoint e;
    e.uid = 1000;
    e.inode = 16;
    std::string out;
    render_sctp_endpoint(out, e, f.names, f.options);
    EXPECT_EQ(out, "\n");
    f.options.extend = true;
    out.clear();
    render_sctp_endpoint(out, e, f.names, f.options);
    EXPECT_EQ(out, " 1000       16        \n");
}

TEST(RenderSctpEndpoint, PortZeroIsStarAndLongTextIsNotCut) {
    SctpFixture f;
    SctpEndpoint e;
    e.state = 10;
    IpAddress v6;
    v6.version = IpVersion::v6;
    v6.bytes = {0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56, 0x78,
                0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78};
    e.local_addresses = {v6};
    std::string out;
    render_sctp_endpoint(out, e, f.names, f.options);
    EXPECT_EQ(out,
              "sctp                2001:db8:1234:5678:9abc:def0:1234:5678:*        LISTEN     \n");
}

TEST(RenderSctpAssociation, TwoPathsWithQueues) {
    SctpFixture f;
    std::string out;
    render_sctp_association(out, two_path_association(), f.names, f.options);
    EXPECT_EQ(out,
              "sctp       9      7 198.51.100.10:5000      203.0.113.5:40000       ESTABLISHED\n"
              "                    203.0.113.1             203.0.113.6                        \n");
}

TEST(RenderSctpAssociation, UnevenListsLeaveTheMissingSideBlank) {
    SctpFixture f;
    SctpAssociation a = two_path_association();
    a.local_addresses.resize(1);
    a.remote_addresses.push_back(make_ipv4(4, 4, 4, 4));
    a.uid = 1000;
    a.tx_queue_bytes = 4294967295u;
    f.options.extend = true;
    std::string out;
    render_sctp_association(out, a, f.names, f.options);
    EXPECT_EQ(
        out, "sctp       9 4294967295 198.51.100.10:5000      203.0.113.5:40000       ESTABLISHED\n"
             "                                            203.0.113.6                        \n"
             "                                            4.4.4.4                             "
             "1000       23456     \n");
}

TEST(RenderSctpAssociation, NoLocalAddressStillPrintsRemoteWithPort) {
    SctpFixture f;
    SctpAssociation a = two_path_association();
    a.local_addresses.clear();
    a.remote_addresses.resize(1);
    std::string out;
    render_sctp_association(out, a, f.names, f.options);
    EXPECT_EQ(out,
              "sctp       9      7                         203.0.113.5:40000       ESTABLISHED\n");
}

TEST(RenderSctpState, TcpTableThenUnknown) {
    EXPECT_EQ(render_sctp_state(0), "");
    EXPECT_EQ(render_sctp_state(1), "ESTABLISHED");
    EXPECT_EQ(render_sctp_state(10), "LISTEN");
    EXPECT_EQ(render_sctp_state(11), "CLOSING");
    EXPECT_EQ(render_sctp_state(12), "UNKNOWN(12)");
    EXPECT_EQ(render_sctp_state(-1), "UNKNOWN(-1)");
}
