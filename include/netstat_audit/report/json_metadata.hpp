// SPDX-License-Identifier: MIT
// The snapshot metadata every JSON document and NDJSON record carries (ECS names where they
// exist), and the two shapes built from it: a --json document and a --ndjson record.
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/host.hpp"
#include "netstat_audit/report/json_text.hpp"

#include <string_view>

namespace netstat_audit {

// Bumped when a field changes meaning or type; additions keep the version.
inline constexpr int k_json_schema_version = 1;

// RFC 3339 UTC text with microseconds ("2026-12-01T13:15:28.123456Z") for nanoseconds since the
// epoch; ECS's @timestamp format.
std::string format_timestamp(std::int64_t unix_ns);

// ECS host/event/observer fields of `host`:
//   {"@timestamp", "event": {"start", "duration" (ns)}, "host": {"name", "hostname",
//    "os": {"kernel"}, "boot": {"id"}}, "observer": {"product", "version", "type"}}.
// Empty texts are left out, never invented. Strings go through json_text().
Json to_json(const HostInfo& host);

// {"complete", "root", "hidepid", "processes_seen", "processes_unreadable",
//  "processes_vanished", "notes": [...]}: how much could be seen.
Json to_json(const Visibility& visibility);

// One diagnostic: {"file", "line", "reason"}.
Json to_json(const Diagnostic& diagnostic);

// The metadata block: to_json(host) plus "netstat_audit": {"collection": {"offline",
// "effective_uid"}, "visibility": to_json(visibility)}.
Json json_metadata(const HostInfo& host, const Visibility& visibility);

// A --json document of `document_type` ("sockets", "interfaces", "routes", "statistics",
// "groups", "audit"): {"schema_version", "document_type", metadata..., "event": {"dataset":
// "netstat_audit.<type>", "kind": "state"}}. The caller appends its arrays ("records",
// "diagnostics").
Json json_document(std::string_view document_type, const Json& metadata);

// A self-contained --ndjson record: `metadata` deep-merged with `record`, plus
// "event": {"kind": "state" or "event", "dataset": "netstat_audit.<record_type>"} and
// "netstat_audit": {"schema_version", "record_type"}. `record` fields win over metadata.
enum class RecordKind : std::uint8_t { state, event };
Json json_record(std::string_view record_type, const Json& metadata, const Json& record,
                 RecordKind kind = RecordKind::state);

} // namespace netstat_audit
