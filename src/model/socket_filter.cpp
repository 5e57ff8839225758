// SPDX-License-Identifier: MIT
// The socket row predicate and the parsers of the filter options' values.
#include "netstat_audit/model/socket_filter.hpp"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <string>

namespace netstat_audit {

namespace {

struct StateName {
    std::string_view name;
    StateMask mask;
};

constexpr StateMask bit(std::uint32_t state) {
    return StateMask{1} << state;
}

constexpr StateMask k_all_states = 0xFFEu; // 1..11
constexpr StateMask k_connected =
    k_all_states & ~(bit(tcp_state::k_listen) | bit(tcp_state::k_close));
constexpr StateMask k_synchronized = k_connected & ~bit(tcp_state::k_syn_sent);
constexpr StateMask k_bucket = bit(tcp_state::k_syn_recv) | bit(tcp_state::k_time_wait);

// netstat's names, ss's spellings ('-' is read as '_', case is ignored) and ss's classes.
constexpr std::array<StateName, 20> k_state_names = {{
    {"established", bit(tcp_state::k_established)},
    {"syn_sent", bit(tcp_state::k_syn_sent)},
    {"syn_recv", bit(tcp_state::k_syn_recv)},
    {"fin_wait1", bit(tcp_state::k_fin_wait1)},
    {"fin_wait_1", bit(tcp_state::k_fin_wait1)},
    {"fin_wait2", bit(tcp_state::k_fin_wait2)},
    {"fin_wait_2", bit(tcp_state::k_fin_wait2)},
    {"time_wait", bit(tcp_state::k_time_wait)},
    {"close", bit(tcp_state::k_close)},
    {"closed", bit(tcp_state::k_close)},
    {"close_wait", bit(tcp_state::k_close_wait)},
    {"last_ack", bit(tcp_state::k_last_ack)},
    {"listen", bit(tcp_state::k_listen)},
    {"listening", bit(tcp_state::k_listen)},
    {"closing", bit(tcp_state::k_closing)},
    {"all", k_all_states},
    {"connected", k_connected},
    {"synchronized", k_synchronized},
    {"bucket", k_bucket},
    {"big", k_all_states & ~k_bucket},
}};

// Calls `each` with every comma-separated item; an empty item is an error.
template <typename Each>
std::expected<void, std::string> for_each_item(std::string_view list, std::string_view what,
                                               Each&& each) {
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = list.find(',', start);
        const std::string_view item = list.substr(start, comma - start);
        if (item.empty())
            return std::unexpected(std::string("empty ") + std::string(what) + " in `" +
                                   std::string(list) + "'");
        if (auto done = each(item); !done)
            return done;
        if (comma == std::string_view::npos)
            return {};
        start = comma + 1;
    }
}

std::expected<std::uint16_t, std::string> parse_port(std::string_view text) {
    if (text.size() > 1 && text.front() == ':')
        text.remove_prefix(1); // ss's ":443"
    const auto value = parse_decimal(text);
    if (!value || *value > 65535)
        return std::unexpected("bad port `" + std::string(text) + "' (0-65535)");
    return static_cast<std::uint16_t>(*value);
}

bool in_ranges(const std::vector<PortRange>& ranges, std::uint16_t port) {
    if (ranges.empty())
        return true;
    for (const PortRange& range : ranges)
        if (port >= range.first && port <= range.last)
            return true;
    return false;
}

bool in_prefixes(const std::vector<AddressPrefix>& prefixes, const IpAddress& address) {
    if (prefixes.empty())
        return true;
    for (const AddressPrefix& prefix : prefixes)
        if (in_prefix(address, prefix))
            return true;
    return false;
}

template <typename T> bool contains(const std::vector<T>& values, const T& value) {
    for (const T& v : values)
        if (v == value)
            return true;
    return false;
}

bool owner_matches(const SocketFilter& filter, const ProcessOwner* owner) {
    if (!filter.pids.empty() && (owner == nullptr || !contains(filter.pids, owner->pid)))
        return false;
    if (!filter.programs.empty() &&
        (owner == nullptr || !contains(filter.programs, std::string(owner_program(*owner)))))
        return false;
    return true;
}

bool state_matches(StateMask states, std::uint32_t state) {
    return states == 0 || (state < 32 && (states & bit(state)) != 0);
}

} // namespace

std::uint32_t unix_filter_state(const UnixSocket& socket) {
    switch (socket.state) {
    case 1:
        return (socket.flags & k_unix_flag_accept) ? tcp_state::k_listen : tcp_state::k_close;
    case 2:
        return tcp_state::k_syn_sent;
    case 3:
        return tcp_state::k_established;
    case 4:
        return tcp_state::k_closing;
    default:
        return tcp_state::k_close;
    }
}

const ProcessOwner* find_owner(const ProcessMap* map, std::uint64_t inode) {
    if (map == nullptr)
        return nullptr;
    const auto index = map->by_inode.find(inode);
    return index ? &map->owners[*index] : nullptr;
}

std::string_view owner_program(const ProcessOwner& owner) {
    std::string_view column = owner.column;
    const std::size_t slash = column.find('/');
    return slash == std::string_view::npos ? column : column.substr(slash + 1);
}

bool in_prefix(const IpAddress& address, const AddressPrefix& prefix) {
    const std::uint8_t* bytes = address.bytes.data();
    if (prefix.address.version != address.version) {
        // An IPv4 prefix against ::ffff:a.b.c.d.
        static constexpr std::array<std::uint8_t, 12> k_mapped = {0, 0, 0, 0, 0,    0,
                                                                  0, 0, 0, 0, 0xff, 0xff};
        if (prefix.address.version != IpVersion::v4 ||
            !std::equal(k_mapped.begin(), k_mapped.end(), address.bytes.begin()))
            return false;
        bytes += 12;
    }
    unsigned bits = prefix.prefix_bits;
    for (std::size_t i = 0; bits > 0; ++i) {
        const unsigned take = bits >= 8 ? 8 : bits;
        const auto mask = static_cast<std::uint8_t>(0xFF00u >> take);
        if ((bytes[i] & mask) != (prefix.address.bytes[i] & mask))
            return false;
        bits -= take;
    }
    return true;
}

bool matches(const SocketFilter& filter, const InetSocket& socket, const ProcessOwner* owner) {
    return state_matches(filter.states, socket.state) &&
           in_ranges(filter.source_ports, socket.local.port) &&
           in_ranges(filter.destination_ports, socket.remote.port) &&
           in_prefixes(filter.sources, socket.local.address) &&
           in_prefixes(filter.destinations, socket.remote.address) &&
           (filter.uids.empty() || contains(filter.uids, std::int64_t{socket.uid})) &&
           owner_matches(filter, owner);
}

bool matches(const SocketFilter& filter, const UnixSocket& socket, const ProcessOwner* owner) {
    // No ports, addresses or uid in /proc/net/unix: such terms exclude UNIX rows.
    return !filter.has_endpoint_terms() && filter.uids.empty() &&
           state_matches(filter.states, unix_filter_state(socket)) && owner_matches(filter, owner);
}

std::expected<void, std::string> add_states(SocketFilter& filter, std::string_view list) {
    return for_each_item(list, "state", [&](std::string_view item) {
        std::string name;
        for (char c : item)
            name += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const StateName& known : k_state_names)
            if (known.name == name) {
                filter.states |= known.mask;
                return std::expected<void, std::string>{};
            }
        return std::expected<void, std::string>(
            std::unexpect, "unknown state `" + std::string(item) +
                               "' (known: " + std::string(state_names_help()) + ")");
    });
}

std::expected<void, std::string> add_ports(std::vector<PortRange>& ranges, std::string_view list) {
    return for_each_item(list, "port",
                         [&](std::string_view item) -> std::expected<void, std::string> {
                             const std::size_t dash = item.find('-');
                             const auto first = parse_port(item.substr(0, dash));
                             if (!first)
                                 return std::unexpected(first.error());
                             auto last = first;
                             if (dash != std::string_view::npos) {
                                 last = parse_port(item.substr(dash + 1));
                                 if (!last)
                                     return std::unexpected(last.error());
                                 if (*last < *first)
                                     return std::unexpected("bad port range `" + std::string(item) +
                                                            "' (the first port is above the last)");
                             }
                             ranges.push_back({*first, *last});
                             return {};
                         });
}

std::expected<void, std::string> add_prefixes(std::vector<AddressPrefix>& prefixes,
                                              std::string_view list) {
    return for_each_item(
        list, "address", [&](std::string_view item) -> std::expected<void, std::string> {
            const std::size_t slash = item.find('/');
            std::string text(item.substr(0, slash));
            if (text.size() > 2 && text.front() == '[' && text.back() == ']')
                text = text.substr(1, text.size() - 2);
            AddressPrefix prefix;
            if (::inet_pton(AF_INET, text.c_str(), prefix.address.bytes.data()) == 1) {
                prefix.address.version = IpVersion::v4;
                prefix.prefix_bits = 32;
            } else if (::inet_pton(AF_INET6, text.c_str(), prefix.address.bytes.data()) == 1) {
                prefix.address.version = IpVersion::v6;
                prefix.prefix_bits = 128;
            } else {
                return std::unexpected("bad address `" + text + "' (an IPv4 or IPv6 address)");
            }
            if (slash != std::string_view::npos) {
                const std::string_view bits_text = item.substr(slash + 1);
                const auto bits = parse_decimal(bits_text);
                if (!bits || *bits > prefix.prefix_bits)
                    return std::unexpected("bad prefix length `" + std::string(bits_text) +
                                           "' in `" + std::string(item) + "' (0-" +
                                           std::to_string(prefix.prefix_bits) + ")");
                prefix.prefix_bits = static_cast<std::uint8_t>(*bits);
            }
            prefixes.push_back(prefix);
            return {};
        });
}

std::expected<void, std::string> add_pids(SocketFilter& filter, std::string_view list) {
    return for_each_item(list, "pid",
                         [&](std::string_view item) -> std::expected<void, std::string> {
                             const auto pid = parse_decimal(item);
                             if (!pid || *pid == 0 || *pid > 4194304)
                                 return std::unexpected("bad pid `" + std::string(item) + "'");
                             filter.pids.push_back(std::to_string(*pid));
                             return {};
                         });
}

std::expected<void, std::string> add_users(SocketFilter& filter, std::string_view list,
                                           UserIdLookup lookup) {
    return for_each_item(
        list, "user", [&](std::string_view item) -> std::expected<void, std::string> {
            if (const auto uid = parse_decimal(item)) {
                if (*uid > 0xFFFFFFFFu)
                    return std::unexpected("bad uid `" + std::string(item) + "'");
                filter.uids.push_back(static_cast<std::int32_t>(static_cast<std::uint32_t>(*uid)));
                return {};
            }
            const auto uid = lookup(item);
            if (!uid)
                return std::unexpected("unknown user `" + std::string(item) + "'");
            filter.uids.push_back(static_cast<std::int32_t>(*uid));
            return {};
        });
}

std::expected<void, std::string> add_programs(SocketFilter& filter, std::string_view list) {
    return for_each_item(list, "program", [&](std::string_view item) {
        filter.programs.emplace_back(item);
        return std::expected<void, std::string>{};
    });
}

std::string_view state_names_help() {
    return "established, syn-sent, syn-recv, fin-wait1, fin-wait2, time-wait, close, "
           "close-wait, last-ack, listen, closing; classes all, connected, synchronized, "
           "bucket, big";
}

} // namespace netstat_audit
