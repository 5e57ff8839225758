// SPDX-License-Identifier: MIT
// Tests for the multicast group table presenter.
#include "netstat_audit/view/groups_view.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

TEST(RenderGroupsHeader, ThreeLines) {
    EXPECT_EQ(render_groups_header(), "IPv6/IPv4 Group Memberships\n"
                                      "Interface       RefCnt Group\n"
                                      "--------------- ------ ---------------------\n");
}

TEST(RenderGroupRow, PaddedColumnsAndNumericGroups) {
    NameResolver resolver(NumericFlags{true, true, true});
    std::string out;
    render_group_row(out, {"lo        ", 1, make_ipv4(224, 0, 0, 1), GroupEntry::membership, {}},
                     resolver);
    IpAddress v6;
    v6.version = IpVersion::v6;
    v6.bytes = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    render_group_row(out, {"eth0", 12, v6, GroupEntry::membership, {}}, resolver);
    render_group_row(
        out, {"verylongifname1", -2147483648, make_ipv4(0, 0, 0, 0), GroupEntry::membership, {}},
        resolver);
    EXPECT_EQ(out, "lo              1      224.0.0.1\n"
                   "eth0            12     ff02::1\n"
                   "verylongifname1 -2147483648 0.0.0.0\n");
}

TEST(RenderIgmpWarning, ZeroBasedLineIndex) {
    EXPECT_EQ(render_igmp_warning({"net/igmp", 7, "bogus igmp line"}),
              "warning, got bogus igmp line 6.\n");
    EXPECT_EQ(render_igmp_warning({"net/igmp6", 1, "bogus igmp6 line"}),
              "warning, got bogus igmp6 line 0.\n");
}

namespace {

GroupMembership device(std::string field) {
    return {{}, 0, {}, GroupEntry::igmp_device, std::move(field)};
}

GroupMembership igmp_row(std::int32_t users) {
    return {"(own line)", users, make_ipv4(224, 0, 0, 1), GroupEntry::igmp_membership, {}};
}

} // namespace

TEST(IgmpCarryOver, DeviceLinesPrintNothingAndNameTheRowsAfterThem) {
    IgmpCarryOver carry;
    EXPECT_FALSE(carry.apply(device("lo        :    ")));
    auto row = carry.apply(igmp_row(1));
    ASSERT_TRUE(row);
    EXPECT_EQ(row->interface_name, "lo        ");
    EXPECT_EQ(row->refcount, 1);
}

TEST(IgmpCarryOver, ShortDeviceLineKeepsTheTailOfThePreviousName) {
    // netstat's "%15c" on "x\n" overwrites two bytes of "abcdefghijk:..." (the ':' was cut).
    IgmpCarryOver carry;
    EXPECT_FALSE(carry.apply(device("abcdefghijk:   ")));
    EXPECT_FALSE(carry.apply(device("x\n")));
    EXPECT_EQ(carry.apply(igmp_row(7))->interface_name, "x\ncdefghijk");
}

TEST(IgmpCarryOver, TheLastColonOfTheWholeBufferCuts) {
    IgmpCarryOver carry;
    EXPECT_FALSE(carry.apply(device("abcdefgh:ijklmn")));
    EXPECT_EQ(carry.apply(igmp_row(1))->interface_name, "abcdefgh");
    EXPECT_FALSE(carry.apply(device("a:b")));
    EXPECT_EQ(carry.apply(igmp_row(1))->interface_name, "a");
}

TEST(IgmpCarryOver, RowBeforeAnyDeviceAndIgmp6Rows) {
    IgmpCarryOver carry;
    EXPECT_EQ(carry.apply(igmp_row(1))->interface_name, "");
    // An igmp6 row keeps its own name and stores it with a NUL.
    GroupMembership six{"eth0", 3, {}, GroupEntry::membership, {}};
    EXPECT_EQ(carry.apply(six)->interface_name, "eth0");
    EXPECT_EQ(carry.apply(igmp_row(1))->interface_name, "eth0");
}
