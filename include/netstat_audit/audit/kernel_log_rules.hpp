// SPDX-License-Identifier: MIT
// Audit checks over the kernel log (/dev/kmsg or a capture's copy): OOM kills, SYN-flood and
// conntrack-table messages, NIC link flaps. Each is a check_* listed in rules.cpp's catalogue;
// without a kernel log (AuditContext::kernel_log null) they find nothing.
#pragma once

#include "netstat_audit/audit/rules.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace netstat_audit {

void check_recent_oom_kill(const AuditContext& context, const Rule& rule,
                           std::vector<Finding>& out);
void check_kernel_syn_flood_message(const AuditContext& context, const Rule& rule,
                                    std::vector<Finding>& out);
void check_conntrack_drops_logged(const AuditContext& context, const Rule& rule,
                                  std::vector<Finding>& out);
void check_link_flaps(const AuditContext& context, const Rule& rule, std::vector<Finding>& out);

// The message parsers the checks share (exposed for tests).
struct OomKill {
    std::int32_t pid = 0;
    std::string process; // the task's comm
};
// "Out of memory: Killed process 1234 (nginx) total-vm:..." and "Memory cgroup out of memory:
// Killed process ..."; nullopt for any other message (the oom-kill: summary line included).
std::optional<OomKill> parse_oom_kill(std::string_view message);

// The port of "... Possible SYN flooding on port 80. Sending cookies. ..." ("80",
// "[::]:443", "0.0.0.0:8080" on newer kernels); nullopt otherwise.
std::optional<std::string> parse_syn_flood_port(std::string_view message);

// "nf_conntrack: table full, dropping packet" (any prefix).
bool is_conntrack_table_full(std::string_view message);

enum class LinkChange : std::uint8_t { down, up };
struct LinkEvent {
    std::string interface;
    LinkChange change = LinkChange::down;
};
// Driver messages "IF: NIC Link is Down", "IF: Link is Up - 1Gbps/Full", "IF: Link down",
// "e1000e: IF NIC Link is Up ..."; nullopt otherwise.
std::optional<LinkEvent> parse_link_event(std::string_view message);

// "[12345.678901]": seconds since boot of a record, as dmesg prints them (without dmesg's
// left padding, so that a wrapped line never breaks inside a time), followed by
// " ~2026-12-01 20:48:21 UTC" when the boot's start is known (approximate, as dmesg -T).
std::string kmsg_time(std::uint64_t time_us, std::optional<std::int64_t> boot_unix_us = {});

} // namespace netstat_audit
