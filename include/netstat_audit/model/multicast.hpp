// SPDX-License-Identifier: MIT
// Multicast group memberships as netstat reads them from /proc/net/igmp and /proc/net/igmp6.
#pragma once

#include "netstat_audit/model/net_address.hpp"

#include <cstdint>
#include <string>

namespace netstat_audit {

// One group joined on one interface (a row of netstat -g).
struct GroupMembership {
    std::string interface_name; // bytes as netstat keeps them (an igmp name may carry blanks)
    std::int32_t refcount = 0;  // "Users" (igmp) / the users count of igmp6
    IpAddress group;
};

} // namespace netstat_audit
