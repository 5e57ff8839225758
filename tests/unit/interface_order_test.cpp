// SPDX-License-Identifier: MIT
#include "netstat_audit/model/interface_order.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace netstat_audit {

TEST(CompareInterfaceNames, NaturalOrder) {
    std::vector<std::string> names = {"veth10",          "veth0:1", "lo",   "veth2", "br0",
                                      "averylongifname", "veth0",   "tun0", "eth1",  "eth01"};
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return compare_interface_names(a, b) < 0;
    });
    EXPECT_EQ(names, (std::vector<std::string>{"averylongifname", "br0", "eth01", "eth1", "lo",
                                               "tun0", "veth0", "veth0:1", "veth2", "veth10"}));
    EXPECT_EQ(compare_interface_names("eth0", "eth0"), 0);
}

} // namespace netstat_audit
