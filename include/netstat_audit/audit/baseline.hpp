// SPDX-License-Identifier: MIT
// The baseline: expected listeners and default routes, keyed on what survives a restart, in a
// human-editable file that is also the allowlist.
#pragma once

#include "netstat_audit/audit/facts.hpp"
#include "netstat_audit/model/snapshot.hpp"

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// One `listen` line: PROTO ADDRESS PORT EXE USER, each field possibly '*', and for a listener of
// another network namespace a last field netns=LABEL (the namespace's label, never its inode).
//   listen tcp   0.0.0.0 22        /usr/sbin/sshd root
//   listen tcp6  *       8000-8099 /usr/bin/app   www-data
//   listen *     *       *         /usr/sbin/nginx *          (any port for this executable)
//   listen tcp   0.0.0.0 80        /usr/sbin/nginx root netns=docker:4c01db0b339c
struct ListenEntry {
    std::string protocol;             // "tcp", "tcp6", "udp", "udp6", "udplite", ...; "*" any
    std::optional<IpAddress> address; // nullopt: any address
    std::uint16_t first_port = 0;     // 0-65535 for '*'
    std::uint16_t last_port = 65535;
    std::string exe;   // executable path; "*" any; "-" no process known
    std::string user;  // login name or decimal uid; "*" any; "-" no process known
    std::string netns; // a trailing "netns=LABEL" field; empty: the host's own namespace
    std::size_t line = 0;

    // An expectation (one protocol, address, port, exe and user) rather than an allowance:
    // only those are reported missing.
    bool exact() const;
};

// One `route` line: FAMILY GATEWAY DEVICE for a default route, or `route none`.
//   route v4 192.168.1.1 eth0
//   route v6 fe80::1 eth0
struct RouteEntry {
    IpVersion family = IpVersion::v4;
    IpAddress gateway;
    std::string device;
    std::size_t line = 0;
    friend bool operator==(const RouteEntry& a, const RouteEntry& b) {
        return a.family == b.family && a.gateway == b.gateway && a.device == b.device;
    }
};

struct Baseline {
    std::vector<ListenEntry> listeners;
    std::vector<RouteEntry> routes;
    bool routes_recorded = false; // at least one route line (incl. `route none`)
    // At least one listen line (incl. `listen none`): a file of threshold lines only sets
    // thresholds and reports no listener as new.
    bool listeners_recorded = false;
    // `threshold NAME VALUE` lines: health-check thresholds (audit/health.hpp names them).
    std::map<std::string, double, std::less<>> thresholds;
};

// Where a baseline file is wrong: "FILE:LINE: FIELD: MESSAGE".
struct BaselineError {
    std::string file;
    std::size_t line = 0;
    std::string field;
    std::string message;
    std::string text() const;
};

// Parses a baseline. '#' starts a comment (outside a field), blank lines are ignored, fields are
// separated by blanks; a field may hold \xHH escapes (for blanks, '#', '\' or control bytes).
// Any unknown keyword, missing or extra field, bad address, port or range is an error.
std::expected<Baseline, BaselineError> parse_baseline(std::string_view text,
                                                      std::string_view file_name);

// The baseline text for `snapshot`: a comment header explaining the format, one `listen` line
// per distinct listener key (first holder's executable and user; "-" when no process is known)
// and the default routes (`route none` when there is none).
std::string render_baseline(const Snapshot& snapshot, const AuditFacts& facts);

// The `listen` lines of `facts.listeners` (one per distinct key, in listener order), each with
// " netns=LABEL" when facts.netns is set.
std::string render_baseline_listens(const AuditFacts& facts);

// The current default routes as route entries, in table order (IPv4 first).
std::vector<RouteEntry> default_routes(const Snapshot& snapshot);

// The `listen` entry that allows `listener`, nullptr when none does. A listener held by several
// processes is allowed when one holder matches.
const ListenEntry* find_listen_entry(const Baseline& baseline, const AuditFacts& facts,
                                     const Listener& listener);

// `\xHH` escaping of a field for the baseline file (blanks, '#', '\', controls, DEL).
std::string escape_baseline_field(std::string_view field);

} // namespace netstat_audit
