// SPDX-License-Identifier: MIT
// /proc/PID/cgroup → the container it names; /proc/PID/ns/net link text → namespace inode.
#pragma once

#include "netstat_audit/model/netns.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace netstat_audit {

// The container named by a /proc/PID/cgroup text (v1 "12:memory:/docker/ID" or v2
// "0::/system.slice/docker-ID.scope" lines), trying each line in order: docker, containerd and
// cri-o scopes (also below kubepods), bare kubepods ids, podman (libpod-ID.scope), lxc
// (lxc.payload.NAME, /lxc/NAME) and systemd-nspawn (machine-NAME.scope,
// systemd-nspawn@NAME.service). Runtime helpers that stay in the host namespace (conmon,
// lxc.monitor) name no container. nullopt for anything else; malformed lines are skipped.
std::optional<ContainerRef> parse_container_cgroup(std::string_view cgroup_text);

// The inode of a namespace link text "net:[4026531840]"; nullopt for any other text.
std::optional<std::uint64_t> parse_netns_link(std::string_view link_text);

// The label of a container: "RUNTIME:ID", a 64-hex-digit id cut to its first 12 digits.
std::string container_label(const ContainerRef& container);

} // namespace netstat_audit
