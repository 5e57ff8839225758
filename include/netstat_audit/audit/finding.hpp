// SPDX-License-Identifier: MIT
// A finding of the audit: which rule, how bad, about what, and what to do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

enum class Severity : std::uint8_t { info, warning, critical };

// "info", "warning", "critical".
std::string_view severity_name(Severity severity);
// The inverse of severity_name(); nullopt for any other text.
std::optional<Severity> parse_severity(std::string_view text);

// What a finding is about; only the fields that apply are set.
struct Subject {
    std::optional<std::string> protocol; // "tcp", "tcp6", "udp", "raw6", "packet"
    std::optional<std::string> address;  // numeric bind address
    std::optional<std::uint16_t> port;
    std::optional<std::int32_t> pid;
    std::optional<std::string> program; // comm of the process
    std::optional<std::string> exe;     // exe link text as read
    std::optional<std::string> user;
    std::optional<std::uint32_t> uid;
    std::optional<std::string> interface;
    std::optional<std::string> sysctl;        // "net.ipv4.conf.all.rp_filter"
    std::optional<std::string> netns;         // label of a network namespace other than the host's
    std::optional<std::uint64_t> netns_inode; // its inode
};

// When a kernel-log record behind a finding was logged: seconds since boot as dmesg prints
// them, and the wall-clock time when the log's boot start is known.
struct LoggedAt {
    std::uint64_t since_boot_us = 0;
    std::optional<std::int64_t> unix_us;
};

// One finding: `id`, `title`, `why` come from the rule; `evidence` and `fix` say what was seen
// and what to do about this subject. Strings are raw system bytes; presenters escape them.
struct Finding {
    std::string id;
    Severity severity = Severity::info;
    std::string title;
    Subject subject;
    std::string evidence;
    std::string why;
    std::string fix;
    std::vector<LoggedAt> logged; // the kernel-log checks: every record behind the finding
};

} // namespace netstat_audit
