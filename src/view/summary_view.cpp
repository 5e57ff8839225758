// SPDX-License-Identifier: MIT
// Summary presenters: text and JSON (nlohmann-json).
#include "netstat_audit/view/summary_view.hpp"

#include "netstat_audit/view/tcp_health_view.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace netstat_audit {

namespace {

constexpr std::size_t k_width = 80;

// Appends `items` after `lead`, wrapping at 80 columns with continuation lines indented to
// the lead's width.
void append_wrapped(std::string& out, const std::string& lead,
                    const std::vector<std::string>& items) {
    std::string line = lead;
    const std::string indent(lead.size(), ' ');
    bool first = true;
    for (const std::string& item : items) {
        const std::string piece = first ? item : "  " + item;
        if (!first && line.size() + piece.size() > k_width) {
            out += line + '\n';
            line = indent + item;
        } else {
            line += piece;
        }
        first = false;
    }
    out += line + '\n';
}

std::vector<std::string> state_items(const std::vector<StateCount>& states) {
    std::vector<std::string> items;
    for (const StateCount& s : states)
        items.push_back(fmt::format("{} {}", s.state, s.count));
    return items;
}

std::vector<std::string> port_items(const std::vector<PortCount>& ports) {
    std::vector<std::string> items;
    for (const PortCount& p : ports)
        items.push_back(fmt::format("{} ({})", p.port, p.count));
    return items;
}

std::string limit_text(const std::optional<std::uint64_t>& limit) {
    if (!limit)
        return "?";
    return *limit == k_unlimited ? "unlimited" : std::to_string(*limit);
}

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

void append_health_groups(std::string& out, std::string_view title, std::string_view key,
                          const std::vector<HealthGroup>& groups) {
    out += fmt::format("  {}\n", title);
    if (groups.empty())
        out += "    none\n";
    append_health_rows(out, key, groups);
}

// tcp_info figures, or plainly why there are none (never zeros standing in for unknowns).
void append_health(std::string& out, const HealthSummary& health) {
    out += "\n" + render_tcp_health_overall(health);
    if (!health.source.available || health.all.connections == 0)
        return;
    append_health_groups(out, "by remote peer (worst p95 first)", "Peer", health.peers);
    append_health_groups(out, "by local service (listening port)", "Port", health.services);
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

std::string render_summary_text(const Summary& s) {
    std::string out = fmt::format("Sockets: {}\n", s.total);
    out += "Proto  Total  States\n";
    for (const ProtocolCount& p : s.protocols)
        append_wrapped(out, fmt::format("{:<6} {:>5}  ", p.protocol, p.total),
                       state_items(p.states));

    out += "\nTop remote peers (tcp and udp sockets with a peer)\n";
    if (s.peers.empty())
        out += "  none\n";
    for (const PeerCount& peer : s.peers)
        out += fmt::format("{:>7}  {}\n", peer.count, peer.address);

    out += "\nTop local ports (tcp sockets with a peer)\n";
    if (s.local_ports.empty())
        out += "  none\n";
    for (const PortCount& port : s.local_ports)
        append_wrapped(out, fmt::format("{:>7}  {:<5}  ", port.count, port.port),
                       state_items(port.states));

    for (const HotSpot& spot : s.hot_spots) {
        out += fmt::format("\n{}: {}\n", spot.state, spot.total);
        if (spot.total == 0)
            continue;
        append_wrapped(out, "  by local port   ", port_items(spot.local_ports));
        append_wrapped(out, "  by remote port  ", port_items(spot.remote_ports));
        std::vector<std::string> owners;
        for (const OwnerCount& o : spot.owners)
            owners.push_back(fmt::format("{} ({})", o.owner, o.count));
        append_wrapped(out, "  by process      ", owners);
    }

    out += "\nSockets per process (soft RLIMIT_NOFILE)\n";
    if (s.processes.empty())
        out += "  none known (run as root to see other users' processes)\n";
    else
        out += "Sockets  Max open files  Use  PID/Program name\n";
    for (const ProcessSockets& p : s.processes) {
        std::string use = "-";
        if (p.max_open_files && *p.max_open_files != k_unlimited && *p.max_open_files > 0)
            use =
                fmt::format("{}%", static_cast<std::uint64_t>(p.sockets) * 100 / *p.max_open_files);
        out += fmt::format("{:>7}  {:>14}  {:>3}  {}\n", p.sockets, limit_text(p.max_open_files),
                           use, p.owner);
    }

    if (!s.sockstat.empty()) {
        out += "\nKernel totals (/proc/net/sockstat, sockstat6; mem in pages)\n";
        for (const SockstatLine& line : s.sockstat) {
            std::vector<std::string> items;
            for (const auto& [name, value] : line.values)
                items.push_back(fmt::format("{} {}", name, value));
            append_wrapped(out, fmt::format("  {:<10}", line.label + ":"), items);
        }
    }
    append_health(out, s.health);
    return out;
}

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
            owners.push_back({{"process", o.owner}, {"count", o.count}});
        spots[spot.state] = {{"total", spot.total},
                             {"local_ports", ports_json(spot.local_ports)},
                             {"remote_ports", ports_json(spot.remote_ports)},
                             {"processes", owners}};
    }
    doc["hot_spots"] = spots;
    nlohmann::json processes = nlohmann::json::array();
    for (const ProcessSockets& p : s.processes) {
        nlohmann::json row = {{"pid", p.pid}, {"process", p.owner}, {"sockets", p.sockets}};
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
            values[name] = value;
        sockstat[line.label] = values;
    }
    doc["sockstat"] = sockstat;
    doc["tcp_health"] = health_json(s.health);
    return doc.dump(2) + '\n';
}

} // namespace netstat_audit
