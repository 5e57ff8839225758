// SPDX-License-Identifier: MIT
// Aggregation of socket rows into a Summary.
#include "netstat_audit/view/summary.hpp"

#include "netstat_audit/view/programs.hpp"
#include "netstat_audit/view/sockets_view.hpp"

#include <algorithm>
#include <map>

namespace netstat_audit {

namespace {

// Counts by key, kept in first-seen order of a sort key.
template <typename Key> using Tally = std::map<Key, std::int64_t>;

template <typename Key> std::vector<std::pair<Key, std::int64_t>> ranked(const Tally<Key>& tally) {
    std::vector<std::pair<Key, std::int64_t>> rows(tally.begin(), tally.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return rows;
}

template <typename T> void keep_top(std::vector<T>& rows, std::size_t top) {
    if (rows.size() > top)
        rows.resize(top);
}

struct PortTally {
    Tally<std::uint16_t> counts;
    std::map<std::uint16_t, Tally<std::string>> states;
    void add(std::uint16_t port, const std::string& state) {
        ++counts[port];
        ++states[port][state];
    }
    std::vector<PortCount> top(std::size_t n, bool with_states) const {
        std::vector<PortCount> rows;
        for (const auto& [port, count] : ranked(counts)) {
            PortCount row{port, count, {}};
            if (with_states)
                for (const auto& [state, c] : ranked(states.at(port)))
                    row.states.push_back({state, c});
            rows.push_back(std::move(row));
        }
        keep_top(rows, n);
        return rows;
    }
};

struct HotSpotTally {
    std::string state;
    std::int64_t total = 0;
    PortTally local, remote;
    Tally<std::string> owners;
};

std::vector<OwnerCount> top_owners(const Tally<std::string>& tally, std::size_t n) {
    std::vector<OwnerCount> rows;
    for (const auto& [owner, count] : ranked(tally))
        rows.push_back({owner, count});
    keep_top(rows, n);
    return rows;
}

struct Builder {
    Builder(const SocketFilter& f, const ProcessMap* map) : filter(f), owners(map) {}
    const SocketFilter& filter;
    const ProcessMap* owners;
    std::int64_t total = 0;
    std::vector<std::string> protocol_order;
    std::map<std::string, std::int64_t> protocol_totals;
    std::map<std::string, std::map<std::uint32_t, std::pair<std::string, std::int64_t>>> states;
    Tally<std::string> peers;
    PortTally local_ports;
    HotSpotTally time_wait{"TIME_WAIT", 0, {}, {}, {}};
    HotSpotTally close_wait{"CLOSE_WAIT", 0, {}, {}, {}};
    std::map<std::uint32_t, std::int64_t> per_owner; // owner index → sockets
    HealthTally health;

    void count_protocol(const std::string& label, std::uint32_t order, const std::string& state) {
        if (!protocol_totals.contains(label))
            protocol_order.push_back(label);
        ++protocol_totals[label];
        auto& slot = states[label][order];
        slot.first = state;
        ++slot.second;
        ++total;
    }

    void count_owner(std::uint64_t inode) {
        if (owners == nullptr)
            return;
        if (const auto index = owners->by_inode.find(inode))
            ++per_owner[*index];
    }

    std::string owner_text(std::uint64_t inode) const {
        const ProcessOwner* owner = find_owner(owners, inode);
        return owner != nullptr ? program_column_bytes(owner->pid, owner->argv0) : "-";
    }

    void add(const InetSocket& socket) {
        const ProcessOwner* owner = find_owner(owners, socket.inode);
        if (!filter.empty() && !matches(filter, socket, owner))
            return;
        std::string state = render_inet_state(socket);
        if (state.empty())
            state = k_unconnected_state_label;
        count_protocol(std::string(inet_protocol_name(socket.protocol, socket.file_version)),
                       socket.state, state);
        count_owner(socket.inode);
        const bool tcp = socket.protocol == InetProtocol::tcp;
        const bool has_peer = is_shown(socket, ListingFilter::connected);
        if (has_peer && (tcp || socket.protocol == InetProtocol::udp))
            ++peers[peer_text(socket.remote.address)];
        if (!tcp)
            return;
        health.add(socket);
        if (has_peer)
            local_ports.add(socket.local.port, state);
        HotSpotTally* spot = socket.state == tcp_state::k_time_wait    ? &time_wait
                             : socket.state == tcp_state::k_close_wait ? &close_wait
                                                                       : nullptr;
        if (spot != nullptr) {
            ++spot->total;
            spot->local.add(socket.local.port, state);
            spot->remote.add(socket.remote.port, state);
            ++spot->owners[owner_text(socket.inode)];
        }
    }

    void add(const UnixSocket& socket) {
        const std::uint64_t inode = socket.inode.value_or(0);
        if (!filter.empty() && !matches(filter, socket, find_owner(owners, inode)))
            return;
        // Unix state order after the inet ones: listening first, as in -a listings.
        const std::string state(unix_state_label(socket));
        count_protocol("unix", 100 + unix_filter_state(socket), state);
        count_owner(inode);
    }

    HotSpot hot_spot(const HotSpotTally& t, std::size_t top) const {
        return {t.state, t.total, t.local.top(top, false), t.remote.top(top, false),
                top_owners(t.owners, top)};
    }
};

} // namespace

Summary build_summary(const SocketTables& tables, const SocketFilter& filter, std::size_t top) {
    Builder b{filter, tables.processes ? &*tables.processes : nullptr};
    for (const auto* section : {&tables.tcp, &tables.udp, &tables.udplite, &tables.raw})
        for (const FileTable<InetSocket>& table : *section) {
            InetCarryOver carry_over;
            for (const InetSocket& row : table.parsed.rows)
                b.add(carry_over.apply(row));
        }
    for (const FileTable<UnixSocket>& table : tables.unix) {
        UnixCarryOver carry_over;
        for (const UnixSocket& row : table.parsed.rows)
            b.add(carry_over.apply(row));
    }

    Summary summary;
    summary.total = b.total;
    for (const std::string& label : b.protocol_order) {
        ProtocolCount row{label, b.protocol_totals[label], {}};
        for (const auto& [order, state] : b.states[label])
            row.states.push_back({state.first, state.second});
        summary.protocols.push_back(std::move(row));
    }
    for (const auto& [address, count] : ranked(b.peers))
        summary.peers.push_back({address, count});
    keep_top(summary.peers, top);
    summary.local_ports = b.local_ports.top(top, true);
    summary.hot_spots = {b.hot_spot(b.time_wait, top), b.hot_spot(b.close_wait, top)};
    summary.health = b.health.summary(top);
    if (b.owners != nullptr) {
        Tally<std::uint32_t> per_owner(b.per_owner.begin(), b.per_owner.end());
        for (const auto& [index, count] : ranked(per_owner)) {
            const ProcessOwner& owner = b.owners->owners[index];
            summary.processes.push_back(
                {owner.pid, program_column_bytes(owner.pid, owner.argv0), count, std::nullopt});
        }
        keep_top(summary.processes, top);
    }
    return summary;
}

} // namespace netstat_audit
