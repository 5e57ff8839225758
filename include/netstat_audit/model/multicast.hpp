// SPDX-License-Identifier: MIT
// Multicast group memberships as the kernel lists them in /proc/net/igmp and /proc/net/igmp6.
#pragma once

#include "netstat_audit/model/net_address.hpp"

#include <cstdint>
#include <string>

namespace netstat_audit {

// What one entry of a group table is. /proc/net/igmp names the device on a line of its own
// before that device's groups; such a line is an entry too, so that the view can rebuild what
// netstat shows from the lines in file order (view/groups_view IgmpCarryOver).
enum class GroupEntry : std::uint8_t {
    membership,      // a group with its own interface name (igmp6, or built in code)
    igmp_membership, // an igmp group line: its interface is the device line before it
    igmp_device,     // an igmp device line: no group; `device_field` holds its bytes
};

// One group joined on one interface (a row of netstat -g), or an igmp device line.
struct GroupMembership {
    // igmp6: the name word. igmp: the name of the device line before the row (its bytes up to
    // the last ':', blanks of "%-10s" kept; empty when no device line came first).
    std::string interface_name;
    std::int32_t refcount = 0; // "Users" (igmp) / the users count of igmp6
    IpAddress group;
    GroupEntry entry = GroupEntry::membership;
    // igmp_device: the bytes netstat's "%15c" takes from the line after the index (15, fewer
    // when the line is shorter, newline included, not cut at ':').
    std::string device_field;
};

// True for the entries that are memberships (everything but igmp device lines).
constexpr bool is_membership(const GroupMembership& entry) {
    return entry.entry != GroupEntry::igmp_device;
}

} // namespace netstat_audit
