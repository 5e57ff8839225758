// SPDX-License-Identifier: MIT
// Multicast group memberships (-g) → JSON records.
#pragma once

#include "netstat_audit/model/multicast.hpp"
#include "netstat_audit/report/json_text.hpp"

namespace netstat_audit {

// {"network": {"type"}, "netstat_audit": {"group": {"interface", "address", "users"}}}.
Json to_json(const GroupMembership& membership);

} // namespace netstat_audit
