// SPDX-License-Identifier: MIT
// Routes (-r, -6r, -C) → JSON records under netstat_audit.route.
#pragma once

#include "netstat_audit/model/route.hpp"
#include "netstat_audit/report/json_text.hpp"

namespace netstat_audit {

// The linux/route.h / ipv6_route.h names of the bits set in `flags` ("UP", "GATEWAY", ...).
Json route_flag_names(std::uint32_t flags);

// {"network": {"type": "ipv4"}, "netstat_audit": {"route": {"destination", "gateway", "mask",
// "prefix_length" (contiguous masks only), "flags", "flags_code", "interface", "metric",
// "refcnt", "use", "mtu", "window", "irtt"}}}. Addresses as the kernel holds them (a field
// netstat would carry over from the previous line is the parsed 0.0.0.0).
Json to_json(const Ipv4Route& route);

// {"network": {"type": "ipv6"}, "netstat_audit": {"route": {"destination", "prefix_length",
// "source", "source_prefix_length", "next_hop", "flags", "flags_code", "interface", "metric",
// "refcnt", "use"}}}.
Json to_json(const Ipv6Route& route);

} // namespace netstat_audit
