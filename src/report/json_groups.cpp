// SPDX-License-Identifier: MIT
// Multicast group memberships as JSON records.
#include "netstat_audit/report/json_groups.hpp"

namespace netstat_audit {

Json to_json(const GroupMembership& membership) {
    Json json = Json::object();
    json["network"] = {{"type", membership.group.version == IpVersion::v6 ? "ipv6" : "ipv4"}};
    json["netstat_audit"] = {{"group",
                              {{"interface", json_text(membership.interface_name)},
                               {"address", format_numeric(membership.group)},
                               {"users", membership.refcount}}}};
    return json;
}

} // namespace netstat_audit
