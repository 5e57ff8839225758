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
    render_group_row(out, {"lo        ", 1, make_ipv4(224, 0, 0, 1)}, resolver);
    IpAddress v6;
    v6.version = IpVersion::v6;
    v6.bytes = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    render_group_row(out, {"eth0", 12, v6}, resolver);
    render_group_row(out, {"verylongifname1", -2147483648, make_ipv4(0, 0, 0, 0)}, resolver);
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
