// SPDX-License-Identifier: MIT
// Network namespaces found on the system: identity, label, member processes, where to read them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netstat_audit {

// A container a process runs in, as its cgroup path names it.
struct ContainerRef {
    std::string runtime; // "docker", "containerd", "cri-o", "kubernetes", "podman", "lxc",
                         // "systemd-nspawn" (ECS container.runtime)
    std::string id;      // the full id (64 hex digits) or the container's name (lxc, nspawn)
};

// One network namespace. `label` is what views, findings and baselines name it by: "host" for
// the namespace netstat-audit reads as its own (/proc/net), else the /run/netns name, else
// "RUNTIME:ID" (a 64-hex id cut to docker's 12), else the comm of its lowest pid.
struct NetNamespace {
    std::uint64_t inode = 0; // of /proc/PID/ns/net ("net:[4026531840]")
    std::string label;
    std::string netns_name; // the /run/netns name, empty when none binds it
    std::optional<ContainerRef> container;
    std::vector<std::int32_t> pids; // ascending
    bool own = false;               // the namespace /proc/net shows
    // The directory that plays /proc for this namespace's net/ tables ("/proc" for the own
    // namespace, "/proc/PID" for another one, DIR/run/netns-net/NAME for a named one without a
    // process in a capture); empty when no process holds it and no capture saved its tables.
    std::string net_root;
};

// True when no container runtime and no /run/netns name accounts for `ns` (and it is not the
// own namespace): the namespace an `unshare -n` backdoor makes.
inline bool is_unaccounted(const NetNamespace& ns) {
    return !ns.own && ns.netns_name.empty() && !ns.container;
}

} // namespace netstat_audit
