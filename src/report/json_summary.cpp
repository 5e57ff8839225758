// SPDX-License-Identifier: MIT
// The summary as one JSON object; process names and /proc labels in json_text's lossless form.
#include "netstat_audit/report/json_summary.hpp"

#include "netstat_audit/report/json_text.hpp"
#include "netstat_audit/view/tcp_health_view.hpp"

#include <nlohmann/json.hpp>

namespace netstat_audit {

namespace {

nlohmann::json states_json(const std::vector<StateCount>& states) {
    nlohmann::json object = nlohmann::json::object();
    for (const StateCount& s : states)
        object[s.state] = s.count;
    return object;
}

nlohmann::json ports_json(const std::vector<PortCount>& ports) {
    nlohmann::json rows = nlohmann::json::array();
    for (const PortCount& p : ports) {
        nlohmann::json row = {{"port", p.port}, {"count", p.count}};
        if (!p.states.empty())
            row["states"] = states_json(p.states);
        rows.push_back(std::move(row));
    }
    return rows;
}

nlohmann::json health_json(const HealthSummary& health) {
    if (!health.source.available)
        return {{"available", false},
                {"reason", "/proc text has no tcp_info; it needs the netlink source"}};
    nlohmann::json peers = nlohmann::json::array();
    for (const HealthGroup& g : health.peers)
        peers.push_back(nlohmann::json(health_group_json(g)));
    nlohmann::json services = nlohmann::json::array();
    for (const HealthGroup& g : health.services)
        services.push_back(nlohmann::json(health_group_json(g)));
    return {{"available", true},
            {"established", nlohmann::json(health_group_json(health.all))},
            {"peers", peers},
            {"services", services}};
}

} // namespace

std::string render_summary_json(const Summary& s) {
    nlohmann::ordered_json doc;
    doc["schema_version"] = 1;
    doc["total"] = s.total;
    nlohmann::json protocols = nlohmann::json::array();
    for (const ProtocolCount& p : s.protocols)
        protocols.push_back(
            {{"protocol", p.protocol}, {"total", p.total}, {"states", states_json(p.states)}});
    doc["protocols"] = protocols;
    nlohmann::json peers = nlohmann::json::array();
    for (const PeerCount& peer : s.peers)
        peers.push_back({{"address", peer.address}, {"count", peer.count}});
    doc["top_remote_peers"] = peers;
    doc["top_local_ports"] = ports_json(s.local_ports);
    nlohmann::json spots = nlohmann::json::object();
    for (const HotSpot& spot : s.hot_spots) {
        nlohmann::json owners = nlohmann::json::array();
        for (const OwnerCount& o : spot.owners)
            owners.push_back({{"process", encode_json_text(o.owner)}, {"count", o.count}});
        spots[spot.state] = {{"total", spot.total},
                             {"local_ports", ports_json(spot.local_ports)},
                             {"remote_ports", ports_json(spot.remote_ports)},
                             {"processes", owners}};
    }
    doc["hot_spots"] = spots;
    nlohmann::json processes = nlohmann::json::array();
    for (const ProcessSockets& p : s.processes) {
        nlohmann::json row = {
            {"pid", p.pid}, {"process", encode_json_text(p.owner)}, {"sockets", p.sockets}};
        if (!p.max_open_files)
            row["max_open_files"] = nullptr;
        else if (*p.max_open_files == k_unlimited)
            row["max_open_files"] = "unlimited";
        else
            row["max_open_files"] = *p.max_open_files;
        processes.push_back(std::move(row));
    }
    doc["processes"] = processes;
    nlohmann::json sockstat = nlohmann::json::object();
    for (const SockstatLine& line : s.sockstat) {
        nlohmann::json values = nlohmann::json::object();
        for (const auto& [name, value] : line.values)
            values[encode_json_text(name)] = value;
        sockstat[encode_json_text(line.label)] = values;
    }
    doc["sockstat"] = sockstat;
    doc["tcp_health"] = health_json(s.health);
    return doc.dump(2) + '\n';
}

} // namespace netstat_audit
