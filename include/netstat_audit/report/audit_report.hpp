// SPDX-License-Identifier: MIT
// The audit report as text (80 columns, for people) and as JSON (for programs): one set of
// findings, two presenters, no I/O.
#pragma once

#include "netstat_audit/audit/facts.hpp"
#include "netstat_audit/audit/finding.hpp"
#include "netstat_audit/audit/health.hpp"
#include "netstat_audit/audit/netns_audit.hpp"
#include "netstat_audit/model/netns.hpp"
#include "netstat_audit/model/snapshot.hpp"

#include <string>
#include <vector>

namespace netstat_audit {

// A network namespace other than the host's and the facts of its tables.
struct ReportNamespace {
    const NetNamespace* netns = nullptr;
    AuditFacts facts;
};

// The network namespaces the report names: how many were seen, the other ones' listeners.
struct ReportNamespaces {
    std::uint64_t host_inode = 0;            // 0: unknown (a capture without self/ns/net)
    std::vector<ReportNamespace> others;     // read, in discovery order
    std::vector<const NetNamespace*> unread; // seen, tables not read (no process inside)
    bool others_may_be_unseen = false; // some ns links were denied, /proc hides pids, not root

    std::size_t seen() const { return 1 + others.size() + unread.size(); }
};

// The ReportNamespaces of `collection` (which must outlive them) for a host seen with
// `visibility`.
ReportNamespaces build_report_namespaces(const NamespaceCollection& collection,
                                         const Visibility& visibility);

// Everything a presenter shows. All references must outlive the call.
struct AuditReport {
    const Snapshot& snapshot;
    const AuditFacts& facts;
    const std::vector<Finding>& findings; // as run_audit() ordered them
    Severity fail_on = Severity::warning;
    int exit_status = 0;
    const HealthInputs* health = nullptr;         // the health block's rates; nullptr: no block
    const ReportNamespaces* namespaces = nullptr; // nullptr: the host's namespace alone
};

// Rows of the inet and packet tables of every namespace read, and of those the ones no process
// holds (the host's AuditFacts counts plus the other namespaces').
struct SocketCounts {
    std::size_t total = 0;
    std::size_t without_owner = 0;
};
SocketCounts count_sockets(const AuditReport& report);

// The monitoring-plugin status for `findings`: 0 when none is at or above `fail_on`, else 2
// when the worst is critical and 1 otherwise (a warning, or an info with --fail-on info).
int audit_exit_status(const std::vector<Finding>& findings, Severity fail_on);

enum class Colour : std::uint8_t { off, on };
enum class Detail : std::uint8_t { collapsed, everything };

struct TextReportOptions {
    Colour colour = Colour::off;
    Detail detail = Detail::collapsed; // -v: every listener and every finding in full
};

// The text report: header (host, kernel, time, who looked, visibility), the listening surface
// table, findings by severity with why and fix, and a summary line; lines fit 80 columns except
// where one word is longer. System strings are passed through escape_program_text().
std::string render_audit_text(const AuditReport& report, const TextReportOptions& options);

// The JSON report (schema: share/netstat-audit/audit-report.schema.json), one document with a
// final newline. Invalid UTF-8 in system strings is replaced by U+FFFD.
std::string render_audit_json(const AuditReport& report);

// The JSON report's schema_version.
inline constexpr int k_audit_schema_version = 1;

// Display width of UTF-8 text (continuation bytes take no column).
std::size_t display_width(std::string_view text);

// "1,204".
std::string group_thousands(std::uint64_t value);

// "2026-12-01 03:12:07 UTC" for a Unix time in nanoseconds.
std::string format_utc(std::int64_t unix_ns);

} // namespace netstat_audit
