// SPDX-License-Identifier: MIT
// The summary as text (report/json_summary.cpp writes it as JSON).
#include "netstat_audit/view/summary_view.hpp"

#include "netstat_audit/view/programs.hpp"
#include "netstat_audit/view/tcp_health_view.hpp"

#include <fmt/format.h>

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
            owners.push_back(fmt::format("{} ({})", escape_program_text(o.owner), o.count));
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
                           use, escape_program_text(p.owner));
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

} // namespace netstat_audit
