// SPDX-License-Identifier: MIT
// Routing table entries as JSON records with the kernel's flag names.
#include "netstat_audit/report/json_routes.hpp"

#include <array>
#include <bit>
#include <utility>

namespace netstat_audit {

namespace {

constexpr std::array<std::pair<std::uint32_t, std::string_view>, 20> k_flags = {{
    {route_flag::k_up, "UP"},
    {route_flag::k_gateway, "GATEWAY"},
    {route_flag::k_host, "HOST"},
    {route_flag::k_reinstate, "REINSTATE"},
    {route_flag::k_dynamic, "DYNAMIC"},
    {route_flag::k_modified, "MODIFIED"},
    {route_flag::k_mtu, "MTU"},
    {route_flag::k_window, "WINDOW"},
    {route_flag::k_irtt, "IRTT"},
    {route_flag::k_reject, "REJECT"},
    {route_flag::k_notcached, "NOTCACHED"},
    {route_flag::k_default, "DEFAULT"},
    {route_flag::k_allonlink, "ALLONLINK"},
    {route_flag::k_addrconf, "ADDRCONF"},
    {route_flag::k_nonexthop, "NONEXTHOP"},
    {route_flag::k_expires, "EXPIRES"},
    {route_flag::k_cache, "CACHE"},
    {route_flag::k_flow, "FLOW"},
    {route_flag::k_policy, "POLICY"},
    {route_flag::k_local, "LOCAL"},
}};

} // namespace

Json route_flag_names(std::uint32_t flags) {
    Json names = Json::array();
    for (const auto& [bit, name] : k_flags)
        if (flags & bit)
            names.push_back(name);
    return names;
}

Json to_json(const Ipv4Route& route) {
    Json json = Json::object();
    json["destination"] = format_numeric(route.destination);
    json["gateway"] = format_numeric(route.gateway);
    json["mask"] = format_numeric(route.mask);
    const std::uint32_t mask = route.mask.v4_host_order();
    if (std::countl_one(mask) + std::countr_zero(mask) == 32 || mask == 0)
        json["prefix_length"] = std::countl_one(mask);
    json["flags"] = route_flag_names(route.flags);
    json["flags_code"] = route.flags;
    json["interface"] = json_text(route.interface_name);
    json["metric"] = route.metric;
    json["refcnt"] = route.refcnt;
    json["use"] = route.use;
    json["mtu"] = route.mtu;
    json["window"] = route.window;
    json["irtt"] = route.irtt;
    return Json{{"network", {{"type", "ipv4"}}}, {"netstat_audit", {{"route", std::move(json)}}}};
}

Json to_json(const Ipv6Route& route) {
    Json json = Json::object();
    json["destination"] = format_numeric(route.destination);
    json["prefix_length"] = route.prefix_length;
    json["source"] = format_numeric(route.source);
    json["source_prefix_length"] = route.source_prefix_length;
    json["next_hop"] = format_numeric(route.next_hop);
    json["flags"] = route_flag_names(route.flags);
    json["flags_code"] = route.flags;
    json["interface"] = json_text(route.device);
    json["metric"] = route.metric;
    json["refcnt"] = route.refcnt;
    json["use"] = route.use;
    return Json{{"network", {{"type", "ipv6"}}}, {"netstat_audit", {{"route", std::move(json)}}}};
}

} // namespace netstat_audit
