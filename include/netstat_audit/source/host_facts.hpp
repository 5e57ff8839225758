// SPDX-License-Identifier: MIT
// Who and what a collection observes, read once for the audit's Snapshot and for the --json /
// --watch metadata alike: the host's identity under the proc root and the collecting user.
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/host.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// True when `proc` is the live /proc (trailing slashes aside); any other root is a capture.
bool is_live_proc_root(const ProcFs& proc);

// The directory a captured proc root sits in (DIR for DIR/proc, "." for a bare name): where a
// netstat-audit-capture keeps MANIFEST, etc/ and sys/class/net/.
std::string capture_directory(const ProcFs& proc);

// A one-value file's text without its trailing newline, blanks and carriage returns.
std::string without_trailing_blanks(std::string text);

// What a netstat-audit-capture MANIFEST ("key: value" lines) says about the capture.
struct CaptureManifest {
    std::optional<std::uint32_t> uid;      // "uid: 0"
    std::optional<std::int64_t> time_unix; // "time-unix: 1764590000"
    // "boot-time-unix: 1764550000.250000": the captured boot's start (date minus uptime), in
    // microseconds since the epoch.
    std::optional<std::int64_t> boot_time_unix_us;
};
CaptureManifest parse_capture_manifest(std::string_view text);

// "1764550000.25" or "12345" (seconds, up to 6 decimals; a trailing blank or newline allowed)
// in microseconds; nullopt for anything else (a sign, no digits, more than 2^33 seconds).
std::optional<std::int64_t> parse_seconds_us(std::string_view text);

// The host under `proc`: hostname, kernel_release and boot_id from ROOT/sys/kernel/{hostname,
// osrelease,random/boot_id} (trailing blanks dropped; an unreadable file gives "" and, when
// `diagnostics` is given, a diagnostic there); offline and proc_root; the collecting user,
// geteuid() live, offline the capture's self/status, else its MANIFEST's uid (nullopt when
// neither says); collected_at_unix_ns the MANIFEST's time-unix offline, else 0 (the caller's
// clock, as is collection_duration_ns). Never fails.
HostInfo collect_host_info(const ProcFs& proc, std::vector<Diagnostic>* diagnostics = nullptr);

} // namespace netstat_audit
