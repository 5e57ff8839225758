// SPDX-License-Identifier: MIT
// netstat's interface table (-i) and its ifconfig-style long format (-ie).
#pragma once

#include "netstat_audit/model/interface.hpp"

#include <span>
#include <string>
#include <string_view>

namespace netstat_audit {

// "Kernel Interface table\n".
std::string render_interface_title();
// The column header of the short table.
std::string render_interface_header();
// The short table's flag letters ("BMRU"; "[NO FLAGS]" for 0).
std::string interface_flag_letters(std::uint16_t flags);
// Appends one row of the short table.
void render_interface_row(std::string& out, const Interface& interface);

// Byte counts as ifconfig shows them: "3.1 KiB", "0.0 B" (tenths truncated, never rounded).
std::string human_bytes(std::uint64_t bytes);
// Appends the long-format stanza (ending with an empty line). `inet6` holds the lines of
// /proc/net/if_inet6 for this interface's exact name; `inet6_text` their address texts.
void render_interface_long(std::string& out, const Interface& interface,
                           std::span<const Inet6InterfaceAddress> inet6,
                           std::span<const std::string> inet6_text);

} // namespace netstat_audit
