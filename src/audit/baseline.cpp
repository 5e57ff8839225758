// SPDX-License-Identifier: MIT
// Baseline files: parsing with file:line:field errors, rendering, matching, atomic writing.
#include "netstat_audit/audit/baseline.hpp"

#include "netstat_audit/audit/health.hpp"
#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/model/route.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace netstat_audit {

namespace {

std::optional<IpAddress> parse_ip(const std::string& text) {
    IpAddress address;
    if (::inet_pton(AF_INET, text.c_str(), address.bytes.data()) == 1) {
        address.version = IpVersion::v4;
        return address;
    }
    if (::inet_pton(AF_INET6, text.c_str(), address.bytes.data()) == 1) {
        address.version = IpVersion::v6;
        return address;
    }
    return std::nullopt;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Splits a line into fields at blanks, stopping at '#'; undoes \xHH. nullopt: bad escape.
std::optional<std::vector<std::string>> split_fields(std::string_view line) {
    std::vector<std::string> fields;
    std::size_t p = 0;
    while (p < line.size()) {
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t' || line[p] == '\r'))
            ++p;
        if (p >= line.size() || line[p] == '#')
            break;
        std::string field;
        while (p < line.size() && line[p] != ' ' && line[p] != '\t' && line[p] != '\r' &&
               line[p] != '#') {
            if (line[p] == '\\') {
                if (p + 3 >= line.size() + 0 || line[p + 1] != 'x' || hex_value(line[p + 2]) < 0 ||
                    hex_value(line[p + 3]) < 0)
                    return std::nullopt;
                field += static_cast<char>(hex_value(line[p + 2]) * 16 + hex_value(line[p + 3]));
                p += 4;
                continue;
            }
            field += line[p++];
        }
        fields.push_back(std::move(field));
    }
    return fields;
}

constexpr std::string_view k_protocols[] = {"tcp", "tcp6", "udp", "udp6", "udplite", "udplite6"};

std::optional<std::uint16_t> parse_port(std::string_view text) {
    auto value = parse_decimal(text);
    if (!value || *value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(*value);
}

struct LineParser {
    std::string_view file;
    std::size_t line;

    std::unexpected<BaselineError> error(std::string field, std::string message) const {
        return std::unexpected(
            BaselineError{std::string(file), line, std::move(field), std::move(message)});
    }

    std::expected<ListenEntry, BaselineError> listen(const std::vector<std::string>& f) const {
        if (f.size() == 7 && f[6].starts_with("netns=") && f[6].size() > 6) {
            std::vector<std::string> head(f.begin(), f.begin() + 6);
            auto entry = listen(head);
            if (entry)
                entry->netns = f[6].substr(6);
            return entry;
        }
        if (f.size() != 6)
            return error(f.size() < 6 ? std::string(k_listen_fields[f.size() - 1]) : "end of line",
                         f.size() < 6 ? "missing (listen PROTO ADDRESS PORT EXE USER)"
                                      : "unexpected extra field \"" + f[6] + "\"");
        ListenEntry e;
        e.line = line;
        e.protocol = f[1];
        if (e.protocol != "*" && std::find(std::begin(k_protocols), std::end(k_protocols),
                                           e.protocol) == std::end(k_protocols))
            return error("protocol", "\"" + f[1] +
                                         "\" is not tcp, tcp6, udp, udp6, udplite, "
                                         "udplite6 or *");
        if (f[2] != "*") {
            e.address = parse_ip(f[2]);
            if (!e.address)
                return error("address", "\"" + f[2] + "\" is not an IPv4 or IPv6 address or *");
        }
        if (f[3] != "*") {
            std::size_t dash = f[3].find('-');
            auto first = parse_port(std::string_view(f[3]).substr(0, dash));
            auto last = dash == std::string::npos
                            ? first
                            : parse_port(std::string_view(f[3]).substr(dash + 1));
            if (!first || !last || *last < *first)
                return error("port", "\"" + f[3] + "\" is not a port, a range FIRST-LAST or *");
            e.first_port = *first;
            e.last_port = *last;
        }
        e.exe = f[4];
        if (e.exe != "*" && e.exe != "-" && !e.exe.starts_with('/'))
            return error("executable", "\"" + f[4] + "\" is not an absolute path, - or *");
        e.user = f[5];
        return e;
    }

    std::expected<std::optional<RouteEntry>, BaselineError>
    route(const std::vector<std::string>& f) const {
        if (f.size() == 2 && f[1] == "none")
            return std::optional<RouteEntry>();
        if (f.size() != 4)
            return error(f.size() < 4 ? std::string(k_route_fields[f.size() - 1]) : "end of line",
                         f.size() < 4 ? "missing (route v4|v6 GATEWAY DEVICE, or route none)"
                                      : "unexpected extra field \"" + f[4] + "\"");
        RouteEntry r;
        r.line = line;
        if (f[1] != "v4" && f[1] != "v6")
            return error("family", "\"" + f[1] + "\" is not v4, v6 or none");
        r.family = f[1] == "v4" ? IpVersion::v4 : IpVersion::v6;
        auto gateway = parse_ip(f[2]);
        if (!gateway || gateway->version != r.family)
            return error("gateway", "\"" + f[2] + "\" is not an " +
                                        (r.family == IpVersion::v4 ? "IPv4" : "IPv6") + " address");
        r.gateway = *gateway;
        r.device = f[3];
        return std::optional<RouteEntry>(r);
    }

    std::expected<std::pair<std::string, double>, BaselineError>
    threshold(const std::vector<std::string>& f) const {
        if (f.size() != 3)
            return error(f.size() < 3 ? (f.size() == 1 ? "name" : "value") : "end of line",
                         f.size() < 3 ? "missing (threshold NAME VALUE)"
                                      : "unexpected extra field \"" + f[3] + "\"");
        if (find_threshold(f[1]) == nullptr)
            return error("name",
                         "\"" + f[1] + "\" is not a threshold (--list-checks -v lists them)");
        char* end = nullptr;
        const double value = std::strtod(f[2].c_str(), &end);
        if (f[2].empty() || end != f[2].c_str() + f[2].size() || !(value >= 0) || value > 1e15)
            return error("value", "\"" + f[2] + "\" is not a non-negative number");
        return std::pair{f[1], value};
    }

    static constexpr std::string_view k_listen_fields[] = {"protocol", "address", "port",
                                                           "executable", "user"};
    static constexpr std::string_view k_route_fields[] = {"family", "gateway", "device"};
};

bool user_matches(const std::string& pattern, const ProcessInfo* owner) {
    if (pattern == "*")
        return true;
    if (owner == nullptr || !owner->effective_uid)
        return pattern == "-";
    return pattern == owner->user || pattern == std::to_string(*owner->effective_uid);
}

bool exe_matches(const std::string& pattern, const ProcessInfo* owner) {
    if (pattern == "*")
        return true;
    if (owner == nullptr || !owner->exe)
        return pattern == "-";
    return pattern == exe_path(*owner->exe);
}

bool entry_matches(const ListenEntry& e, const Listener& l, const ProcessInfo* owner) {
    if (e.protocol != "*" && e.protocol != protocol_label(l.protocol, l.family))
        return false;
    if (e.address && !(*e.address == l.address))
        return false;
    if (l.port < e.first_port || l.port > e.last_port)
        return false;
    return exe_matches(e.exe, owner) && user_matches(e.user, owner);
}

} // namespace

bool ListenEntry::exact() const {
    return protocol != "*" && address && first_port == last_port && exe != "*" && user != "*";
}

std::string BaselineError::text() const {
    return file + ":" + std::to_string(line) + ": " + field + ": " + message;
}

std::expected<Baseline, BaselineError> parse_baseline(std::string_view text,
                                                      std::string_view file_name) {
    Baseline baseline;
    std::size_t number = 0;
    while (!text.empty()) {
        std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == text.npos ? text.size() : newline + 1);
        LineParser parser{file_name, ++number};
        auto fields = split_fields(line);
        if (!fields)
            return parser.error("field", "bad escape (write a byte as \\xHH)");
        if (fields->empty())
            continue;
        const std::string& keyword = fields->front();
        if (keyword == "listen" && fields->size() == 2 && (*fields)[1] == "none") {
            baseline.listeners_recorded = true;
        } else if (keyword == "threshold") {
            auto threshold = parser.threshold(*fields);
            if (!threshold)
                return std::unexpected(threshold.error());
            baseline.thresholds[threshold->first] = threshold->second;
        } else if (keyword == "listen") {
            baseline.listeners_recorded = true;
            auto entry = parser.listen(*fields);
            if (!entry)
                return std::unexpected(entry.error());
            baseline.listeners.push_back(std::move(*entry));
        } else if (keyword == "route") {
            auto route = parser.route(*fields);
            if (!route)
                return std::unexpected(route.error());
            baseline.routes_recorded = true;
            if (*route)
                baseline.routes.push_back(**route);
        } else {
            return parser.error("keyword", "\"" + keyword + "\" is not listen, route or threshold");
        }
    }
    return baseline;
}

std::string escape_baseline_field(std::string_view field) {
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (char c : field) {
        auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f || c == '#' || c == '\\') {
            out += "\\x";
            out += k_hex[byte >> 4];
            out += k_hex[byte & 0xf];
        } else {
            out += c;
        }
    }
    return out.empty() ? "\\x2d" : out; // an empty field would vanish; never happens for paths
}

std::vector<RouteEntry> default_routes(const Snapshot& snapshot) {
    std::vector<RouteEntry> routes;
    for (const Ipv4Route& r : snapshot.routes_v4)
        if ((r.flags & route_flag::k_up) != 0 && r.destination.is_unspecified() &&
            r.mask.is_unspecified())
            routes.push_back({IpVersion::v4, r.gateway, r.interface_name, 0});
    for (const Ipv6Route& r : snapshot.routes_v6)
        if ((r.flags & route_flag::k_up) != 0 && r.prefix_length == 0 &&
            r.destination.is_unspecified() && r.device != "lo" &&
            (r.flags & route_flag::k_reject) == 0)
            routes.push_back({IpVersion::v6, r.next_hop, r.device, 0});
    std::vector<RouteEntry> unique;
    for (const RouteEntry& r : routes)
        if (std::find(unique.begin(), unique.end(), r) == unique.end())
            unique.push_back(r);
    return unique;
}

const ListenEntry* find_listen_entry(const Baseline& baseline, const AuditFacts& facts,
                                     const Listener& listener) {
    const auto& holders = facts.holders_of(listener.inode);
    for (const ListenEntry& entry : baseline.listeners) {
        if (entry.netns != facts.netns)
            continue; // another namespace's line
        if (holders.empty() && entry_matches(entry, listener, nullptr))
            return &entry;
        for (std::size_t index : holders)
            if (entry_matches(entry, listener, &facts.process(index)))
                return &entry;
    }
    return nullptr;
}

std::string render_baseline(const Snapshot& snapshot, const AuditFacts& facts) {
    std::string out =
        "# netstat-audit baseline of " + snapshot.host.hostname +
        "\n"
        "# Expected listeners and default routes; `netstat-audit audit --baseline FILE` reports\n"
        "# what differs. Also the allowlist: a listener matching a line raises no exposure\n"
        "# finding. Edit freely; '#' starts a comment; fields are separated by blanks.\n"
        "#\n"
        "#   listen PROTO ADDRESS PORT EXE USER\n"
        "#     PROTO    tcp tcp6 udp udp6 udplite udplite6, or * for any\n"
        "#     ADDRESS  the bind address (0.0.0.0, ::, 127.0.0.1, ...) or * for any\n"
        "#     PORT     a port, a range FIRST-LAST, or * (\"any port for this executable\")\n"
        "#     EXE      the executable's path, - when no process holds the socket, or *\n"
        "#     USER     login name or uid, - when unknown, or *\n"
        "#   Lines with one protocol, address, port, executable and user are expected: when\n"
        "#   nothing matches them, baseline-missing-listener is reported. Lines with a * or a\n"
        "#   range only allow.\n"
        "#   A listener of another network namespace ends in netns=LABEL (its label).\n"
        "#   route v4|v6 GATEWAY DEVICE   an expected default route; `route none`: no default\n"
        "#   route expected; no route line at all: routes are not checked.\n"
        "#   A byte that is a blank, '#' or '\\' is written \\xHH.\n"
        "#   threshold NAME VALUE   a health-check threshold (netstat-audit audit --list-checks\n"
        "#   -v lists them with their defaults), e.g. threshold fd-exhaustion.percent 90\n";
    const std::string listens = render_baseline_listens(facts);
    out += "\n" + (listens.empty() ? std::string("listen none\n") : listens) + "\n";
    auto routes = default_routes(snapshot);
    if (routes.empty())
        out += "route none\n";
    for (const RouteEntry& r : routes)
        out += std::string("route ") + (r.family == IpVersion::v4 ? "v4 " : "v6 ") +
               address_text(r.gateway) + " " + escape_baseline_field(r.device) + "\n";
    return out;
}

std::string render_baseline_listens(const AuditFacts& facts) {
    const std::string netns =
        facts.netns.empty() ? std::string() : " netns=" + escape_baseline_field(facts.netns);
    std::set<std::tuple<std::string, std::string, std::uint16_t, std::string, std::string>> keys;
    std::string listens;
    for (const Listener& l : facts.listeners) {
        const ProcessInfo* owner = facts.first_holder(l.inode);
        std::string exe = owner && owner->exe ? std::string(exe_path(*owner->exe)) : "-";
        std::string user = owner && owner->effective_uid ? user_text(*owner) : "-";
        auto key = std::make_tuple(protocol_label(l.protocol, l.family), address_text(l.address),
                                   l.port, exe, user);
        if (!keys.insert(key).second)
            continue;
        listens += "listen " + std::get<0>(key) + " " + std::get<1>(key) + " " +
                   std::to_string(l.port) + " " + escape_baseline_field(exe) + " " +
                   escape_baseline_field(user) + netns + "\n";
    }
    return listens;
}

} // namespace netstat_audit
