// SPDX-License-Identifier: MIT
// /proc/PID/cgroup → container (runtime, id). One line per hierarchy:
//   12:memory:/docker/4c01db0b339c6c5b8d5b2e2c3a4f1f3f5e2d9b0a1c2d3e4f5a6b7c8d9e0f1a2b
//   0::/system.slice/docker-4c01db0b339c6c5b8d5b2e2c3a4f1f3f5e2d9b0a1c2d3e4f5a6b7c8d9e0f1a2b.scope
//   hierarchy-ID:controller-list:cgroup-path
#include "netstat_audit/parse/cgroup.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

namespace netstat_audit {

namespace {

bool is_container_hex_id(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// "docker-ID.scope" with prefix "docker-": ID when it is a 64-hex id, else empty.
std::string_view scoped_id(std::string_view component, std::string_view prefix) {
    if (!component.starts_with(prefix) || !component.ends_with(".scope"))
        return {};
    std::string_view id = component.substr(prefix.size());
    id.remove_suffix(6);
    return is_container_hex_id(id) ? id : std::string_view{};
}

// systemd's unit name escaping: "\x2d" is '-'.
std::string unescape_unit(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        unsigned value = 0;
        if (name[i] == '\\' && i + 3 < name.size() && name[i + 1] == 'x' &&
            std::from_chars(name.data() + i + 2, name.data() + i + 4, value, 16).ptr ==
                name.data() + i + 4) {
            out += static_cast<char>(value);
            i += 3;
        } else {
            out += name[i];
        }
    }
    return out;
}

std::vector<std::string_view> path_components(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        const std::size_t slash = path.find('/');
        std::string_view part = path.substr(0, slash);
        if (!part.empty())
            parts.push_back(part);
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    return parts;
}

// The container that component `i` of `parts` names, if any.
std::optional<ContainerRef> container_at(const std::vector<std::string_view>& parts,
                                         std::size_t i) {
    const std::string_view part = parts[i];
    struct Scope {
        std::string_view prefix;
        std::string_view runtime;
    };
    static constexpr Scope k_scopes[] = {
        {"docker-", "docker"},      {"cri-containerd-", "containerd"},
        {"nerdctl-", "containerd"}, {"crio-", "cri-o"},
        {"libpod-", "podman"},
    };
    for (const Scope& scope : k_scopes)
        if (std::string_view id = scoped_id(part, scope.prefix); !id.empty())
            return ContainerRef{std::string(scope.runtime), std::string(id)};
    const std::string_view parent = i > 0 ? parts[i - 1] : std::string_view{};
    if (is_container_hex_id(part)) {
        if (parent == "docker")
            return ContainerRef{"docker", std::string(part)};
        if (parent.starts_with("libpod-") || parent == "libpod_parent")
            return ContainerRef{"podman", std::string(part)};
        for (std::size_t j = 0; j < i; ++j)
            if (parts[j].starts_with("kubepods"))
                return ContainerRef{"kubernetes", std::string(part)};
    }
    if (part.starts_with("lxc.payload.") && part.size() > 12)
        return ContainerRef{"lxc", std::string(part.substr(12))};
    if ((parent == "lxc" || parent == "lxc.payload") && !part.starts_with("lxc.monitor"))
        return ContainerRef{"lxc", std::string(part)};
    if (part.starts_with("systemd-nspawn@") && part.ends_with(".service") && part.size() > 23)
        return ContainerRef{"systemd-nspawn", unescape_unit(part.substr(15, part.size() - 23))};
    if (parent == "machine.slice" && part.starts_with("machine-") && part.ends_with(".scope") &&
        part.size() > 14)
        return ContainerRef{"systemd-nspawn", unescape_unit(part.substr(8, part.size() - 14))};
    return std::nullopt;
}

} // namespace

std::optional<ContainerRef> parse_container_cgroup(std::string_view cgroup_text) {
    while (!cgroup_text.empty()) {
        const std::size_t newline = cgroup_text.find('\n');
        std::string_view line = cgroup_text.substr(0, newline);
        cgroup_text.remove_prefix(newline == std::string_view::npos ? cgroup_text.size()
                                                                    : newline + 1);
        const std::size_t first = line.find(':');
        const std::size_t second =
            first == std::string_view::npos ? first : line.find(':', first + 1);
        if (second == std::string_view::npos)
            continue; // not "ID:CONTROLLERS:PATH"
        const std::vector<std::string_view> parts = path_components(line.substr(second + 1));
        // The deepest container wins: docker-in-docker names the inner one last.
        for (std::size_t i = parts.size(); i-- > 0;)
            if (auto container = container_at(parts, i))
                return container;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> parse_netns_link(std::string_view link_text) {
    if (!link_text.starts_with("net:[") || !link_text.ends_with("]") || link_text.size() < 7)
        return std::nullopt;
    const std::string_view digits = link_text.substr(5, link_text.size() - 6);
    std::uint64_t inode = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), inode);
    if (error != std::errc{} || end != digits.data() + digits.size())
        return std::nullopt;
    return inode;
}

std::string container_label(const ContainerRef& container) {
    const std::string_view id = container.id;
    return container.runtime + ":" + std::string(is_container_hex_id(id) ? id.substr(0, 12) : id);
}

} // namespace netstat_audit
