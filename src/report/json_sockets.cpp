// SPDX-License-Identifier: MIT
// Socket rows as JSON records with ECS names; numbers stay numbers, names only on request.
#include "netstat_audit/report/json_sockets.hpp"

#include "netstat_audit/parse/socket_link.hpp"
#include "netstat_audit/report/json_metadata.hpp"
#include "netstat_audit/view/sockets_view.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

namespace netstat_audit {

namespace {

// tcp_states.h, TCP_ESTABLISHED (1) .. TCP_BOUND_INACTIVE (13).
constexpr std::array<std::string_view, 14> k_tcp_states = {
    "",      "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",    "TIME_WAIT",
    "CLOSE", "CLOSE_WAIT",  "LAST_ACK", "LISTEN",   "CLOSING",   "NEW_SYN_RECV", "BOUND_INACTIVE"};

// The "tr" column: netstat's and the kernel's names for the pending timer.
constexpr std::array<std::string_view, 5> k_timers = {"off", "on", "keepalive", "timewait",
                                                      "probe"};

// ECS network.transport (IANA keyword); raw sockets name their protocol by number instead.
std::string_view transport_name(InetProtocol protocol) {
    switch (protocol) {
    case InetProtocol::tcp:
        return "tcp";
    case InetProtocol::udp:
        return "udp";
    case InetProtocol::udplite:
        return "udplite";
    case InetProtocol::raw:
        return "";
    }
    return "";
}

std::string_view network_type(const IpAddress& address) {
    return address.version == IpVersion::v6 ? "ipv6" : "ipv4";
}

const ProcessInfo* find_process(const std::vector<ProcessInfo>* processes, std::int32_t pid) {
    if (processes == nullptr)
        return nullptr;
    auto it =
        std::lower_bound(processes->begin(), processes->end(), pid,
                         [](const ProcessInfo& info, std::int32_t key) { return info.pid < key; });
    return it != processes->end() && it->pid == pid ? &*it : nullptr;
}

// process.{pid, name, executable} of the socket's owner, if the walk found one.
void put_process(Json& json, std::uint64_t inode, const SocketJsonContext& context) {
    if (context.owners == nullptr)
        return;
    const auto index = context.owners->by_inode.find(inode);
    if (!index)
        return;
    const ProcessOwner& owner = context.owners->owners[*index];
    Json process = Json::object();
    std::int32_t pid = 0;
    const auto [end, error] =
        std::from_chars(owner.pid.data(), owner.pid.data() + owner.pid.size(), pid);
    if (error == std::errc{} && end == owner.pid.data() + owner.pid.size())
        process["pid"] = pid;
    process["name"] = json_text(program_name_from_cmdline(owner.argv0));
    if (!owner.argv0.empty())
        process["args"] = Json::array({json_text(owner.argv0)});
    if (const ProcessInfo* info = find_process(context.processes, pid); info && info->exe)
        process["executable"] = json_text(*info->exe);
    json["process"] = std::move(process);
}

// True for an address literal (what NameResolver answers when no name is found).
bool is_numeric_host(const std::string& name) {
    std::array<std::uint8_t, 16> buffer{};
    std::string bare = name;
    if (bare.size() >= 2 && bare.front() == '[' && bare.back() == ']')
        bare = bare.substr(1, bare.size() - 2);
    return ::inet_pton(AF_INET, bare.c_str(), buffer.data()) == 1 ||
           ::inet_pton(AF_INET6, bare.c_str(), buffer.data()) == 1;
}

std::string decimal(std::int64_t value) {
    return std::to_string(value);
}

void put_user(Json& json, std::int32_t uid, const SocketJsonContext& context) {
    json["user"] = {{"id", decimal(uid)}};
    if (context.names == nullptr || context.numeric.users || uid < 0)
        return;
    if (auto name = context.names->user_name(static_cast<std::uint32_t>(uid)))
        json["user"]["name"] = json_text(*name);
}

// {"ip", "port"} plus "domain" when a resolver is allowed to name the host.
Json endpoint_json(const IpAddress& address, std::optional<std::uint16_t> port,
                   const SocketJsonContext& context) {
    Json json = {{"ip", format_numeric(address)}};
    if (port)
        json["port"] = *port;
    if (context.names != nullptr && !context.numeric.hosts && !address.is_unspecified())
        if (auto name = context.names->host_name(address); name && !is_numeric_host(*name))
            json["domain"] = json_text(*name);
    return json;
}

void put_service(Json& socket, const char* key, std::uint16_t port, ServiceTable table,
                 const SocketJsonContext& context) {
    if (context.names == nullptr || context.numeric.ports || port == 0)
        return;
    if (auto name = context.names->service_name(port, table))
        socket[key] = json_text(*name);
}

ServiceTable service_table(InetProtocol protocol) {
    switch (protocol) {
    case InetProtocol::tcp:
        return ServiceTable::tcp;
    case InetProtocol::udp:
    case InetProtocol::udplite:
        return ServiceTable::udp;
    case InetProtocol::raw:
        return ServiceTable::raw;
    }
    return ServiceTable::tcp;
}

Json address_list(const std::vector<IpAddress>& addresses) {
    Json list = Json::array();
    for (const IpAddress& address : addresses)
        list.push_back(format_numeric(address));
    return list;
}

template <typename Row>
void add_table_diagnostics(std::vector<Diagnostic>& out,
                           const std::vector<FileTable<Row>>& tables) {
    for (const FileTable<Row>& table : tables) {
        if (table.error)
            out.push_back({table.relative, 0, std::strerror(table.error.value())});
        out.insert(out.end(), table.parsed.diagnostics.begin(), table.parsed.diagnostics.end());
    }
}

} // namespace

std::string_view kernel_tcp_state_name(std::uint32_t state) {
    return state < k_tcp_states.size() ? k_tcp_states[state] : std::string_view{};
}

Json to_json(const TcpHealth& health) {
    Json json = {{"rtt_us", health.rtt_us},
                 {"rttvar_us", health.rttvar_us},
                 {"retransmits", health.retransmits},
                 {"total_retrans", health.total_retrans},
                 {"lost", health.lost},
                 {"snd_cwnd", health.snd_cwnd}};
    if (health.has_segs_out)
        json["segs_out"] = health.segs_out;
    if (health.has_delivery_rate)
        json["delivery_rate_bytes_per_second"] = health.delivery_rate_bytes_per_second;
    return json;
}

Json to_json(const InetSocket& socket, const SocketJsonContext& context) {
    Json json = Json::object();
    Json network = {{"type", network_type(socket.local.address)}};
    if (const std::string_view transport = transport_name(socket.protocol); !transport.empty())
        network["transport"] = transport;
    json["network"] = std::move(network);
    json["source"] = endpoint_json(socket.local.address, socket.local.port, context);
    json["destination"] = endpoint_json(socket.remote.address, socket.remote.port, context);
    put_user(json, socket.uid, context);
    put_process(json, socket.inode, context);

    Json facts = Json::object();
    facts["protocol"] = inet_protocol_name(socket.protocol, socket.file_version);
    if (const std::string_view state = kernel_tcp_state_name(socket.state); !state.empty())
        facts["state"] = state;
    facts["state_code"] = socket.state;
    facts["listening"] = is_shown(socket, ListingFilter::listening);
    put_service(facts, "local_service", socket.local.port, service_table(socket.protocol), context);
    put_service(facts, "remote_service", socket.remote.port, service_table(socket.protocol),
                context);
    facts["tx_queue_bytes"] = socket.tx_queue_bytes;
    facts["rx_queue_bytes"] = socket.rx_queue_bytes;
    Json timer = Json::object();
    if (socket.timer_kind < k_timers.size())
        timer["name"] = k_timers[socket.timer_kind];
    timer["code"] = socket.timer_kind;
    timer["jiffies"] = socket.timer_jiffies;
    timer["retransmits"] = socket.retransmits;
    facts["timer"] = std::move(timer);
    facts["timeout"] = socket.timeout;
    facts["uid"] = socket.uid;
    facts["inode"] = socket.inode;
    if (socket.health)
        facts["tcp_info"] = to_json(*socket.health);
    json["netstat_audit"] = {{"socket", std::move(facts)}};
    return json;
}

Json to_json(const UnixSocket& socket, const SocketJsonContext& context) {
    static constexpr std::array<std::string_view, 6> k_types = {"",    "STREAM", "DGRAM",
                                                                "RAW", "RDM",    "SEQPACKET"};
    static constexpr std::array<std::string_view, 5> k_states = {
        "FREE", "UNCONNECTED", "CONNECTING", "CONNECTED", "DISCONNECTING"};
    Json json = Json::object();
    if (socket.inode)
        put_process(json, *socket.inode, context);
    Json facts = Json::object();
    facts["protocol"] = "unix";
    if (socket.type < k_types.size() && socket.type != 0)
        facts["type"] = k_types[socket.type];
    facts["type_code"] = socket.type;
    if (socket.state < k_states.size())
        facts["state"] = k_states[socket.state];
    facts["state_code"] = socket.state;
    facts["listening"] = is_shown(socket, ListingFilter::listening);
    Json flags = Json::array();
    if (socket.flags & k_unix_flag_accept)
        flags.push_back("ACC");
    if (socket.flags & k_unix_flag_wait_data)
        flags.push_back("W");
    if (socket.flags & k_unix_flag_no_space)
        flags.push_back("N");
    facts["flags"] = std::move(flags);
    facts["flags_code"] = socket.flags;
    facts["refcount"] = socket.refcount;
    facts["protocol_code"] = socket.protocol;
    if (socket.inode)
        facts["inode"] = *socket.inode;
    if (!socket.path.empty()) {
        facts["path"] = json_text(socket.path);
        facts["abstract"] = socket.path.front() == '@';
    }
    json["netstat_audit"] = {{"socket", std::move(facts)}};
    return json;
}

Json to_json(const SctpEndpoint& endpoint, const SocketJsonContext& context) {
    Json json = Json::object();
    const IpAddress first =
        endpoint.local_addresses.empty() ? IpAddress{} : endpoint.local_addresses.front();
    json["network"] = {{"transport", "sctp"}, {"type", network_type(first)}};
    if (!endpoint.local_addresses.empty())
        json["source"] = endpoint_json(first, endpoint.port, context);
    else
        json["source"] = {{"port", endpoint.port}};
    put_user(json, endpoint.uid, context);
    put_process(json, endpoint.inode, context);
    Json facts = {{"protocol", "sctp"}};
    if (const std::string_view state =
            kernel_tcp_state_name(static_cast<std::uint32_t>(endpoint.state));
        !state.empty())
        facts["state"] = state;
    facts["state_code"] = endpoint.state;
    facts["listening"] = true;
    facts["local_addresses"] = address_list(endpoint.local_addresses);
    facts["uid"] = endpoint.uid;
    facts["inode"] = endpoint.inode;
    json["netstat_audit"] = {{"socket", std::move(facts)}};
    return json;
}

Json to_json(const SctpAssociation& association, const SocketJsonContext& context) {
    Json json = Json::object();
    const IpAddress local =
        association.local_addresses.empty() ? IpAddress{} : association.local_addresses.front();
    json["network"] = {{"transport", "sctp"}, {"type", network_type(local)}};
    if (!association.local_addresses.empty())
        json["source"] = endpoint_json(local, association.local_port, context);
    else
        json["source"] = {{"port", association.local_port}};
    if (!association.remote_addresses.empty())
        json["destination"] =
            endpoint_json(association.remote_addresses.front(), association.remote_port, context);
    else
        json["destination"] = {{"port", association.remote_port}};
    put_user(json, association.uid, context);
    put_process(json, association.inode, context);
    Json facts = {{"protocol", "sctp"}};
    if (const std::string_view state =
            kernel_tcp_state_name(static_cast<std::uint32_t>(association.state));
        !state.empty())
        facts["state"] = state;
    facts["state_code"] = association.state;
    facts["listening"] = false;
    facts["local_addresses"] = address_list(association.local_addresses);
    facts["remote_addresses"] = address_list(association.remote_addresses);
    facts["tx_queue_bytes"] = association.tx_queue_bytes;
    facts["rx_queue_bytes"] = association.rx_queue_bytes;
    facts["uid"] = association.uid;
    facts["inode"] = association.inode;
    json["netstat_audit"] = {{"socket", std::move(facts)}};
    return json;
}

Json to_json(const PacketSocket& socket, const SocketJsonContext& context) {
    Json json = Json::object();
    put_user(json, static_cast<std::int32_t>(socket.uid), context);
    put_process(json, socket.inode, context);
    json["netstat_audit"] = {{"socket",
                              {{"protocol", "packet"},
                               {"type_code", socket.type},
                               {"ethertype", socket.protocol},
                               {"interface_index", socket.interface_index},
                               {"running", socket.running},
                               {"receive_memory_bytes", socket.receive_memory_bytes},
                               {"uid", socket.uid},
                               {"inode", socket.inode}}}};
    return json;
}

std::vector<Json> socket_records(const SocketTables& tables, ListingFilter filter,
                                 const SocketJsonContext& context) {
    std::vector<Json> records;
    const SocketFilter* rows =
        context.rows != nullptr && !context.rows->empty() ? context.rows : nullptr;
    auto add_inet = [&](const std::vector<FileTable<InetSocket>>& section) {
        for (const FileTable<InetSocket>& table : section)
            for (const InetSocket& socket : table.parsed.rows)
                if (is_shown(socket, filter) &&
                    (rows == nullptr ||
                     matches(*rows, socket, find_owner(context.owners, socket.inode))))
                    records.push_back(to_json(socket, context));
    };
    add_inet(tables.tcp);
    // SCTP rows are listed only without filters, as in the text listing.
    if (rows == nullptr)
        for (const auto& table : tables.sctp_endpoints)
            for (const SctpEndpoint& endpoint : table.parsed.rows)
                records.push_back(to_json(endpoint, context));
    if (rows == nullptr)
        for (const auto& table : tables.sctp_associations)
            for (const SctpAssociation& association : table.parsed.rows)
                records.push_back(to_json(association, context));
    add_inet(tables.udp);
    add_inet(tables.udplite);
    add_inet(tables.raw);
    for (const auto& table : tables.unix)
        for (const UnixSocket& socket : table.parsed.rows)
            if (is_shown(socket, filter) &&
                (rows == nullptr ||
                 matches(*rows, socket, find_owner(context.owners, socket.inode.value_or(0)))))
                records.push_back(to_json(socket, context));
    return records;
}

std::vector<Diagnostic> socket_diagnostics(const SocketTables& tables) {
    std::vector<Diagnostic> out;
    add_table_diagnostics(out, tables.tcp);
    add_table_diagnostics(out, tables.sctp_endpoints);
    add_table_diagnostics(out, tables.sctp_associations);
    add_table_diagnostics(out, tables.udp);
    add_table_diagnostics(out, tables.udplite);
    add_table_diagnostics(out, tables.raw);
    add_table_diagnostics(out, tables.unix);
    add_table_diagnostics(out, tables.groups);
    return out;
}

} // namespace netstat_audit
