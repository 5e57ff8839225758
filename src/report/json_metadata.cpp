// SPDX-License-Identifier: MIT
// Snapshot metadata as JSON: who was observed, when, by whom, and how much could be seen.
#include "netstat_audit/report/json_metadata.hpp"

#include <fmt/format.h>

#include <ctime>
#include <optional>

namespace netstat_audit {

namespace {

// A number, or null for an optional without value (the uid of a capture that did not record it).
template <typename T> Json number_or_null(const T& value) {
    return Json(value);
}
template <typename T> Json number_or_null(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

void put_text(Json& object, const char* key, const std::string& text) {
    if (!text.empty())
        object[key] = json_text(text);
}

} // namespace

std::string format_timestamp(std::int64_t unix_ns) {
    std::int64_t seconds = unix_ns / 1'000'000'000;
    std::int64_t rest_ns = unix_ns % 1'000'000'000;
    if (rest_ns < 0) {
        rest_ns += 1'000'000'000;
        --seconds;
    }
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    ::gmtime_r(&time, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", utc.tm_year + 1900,
                       utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                       rest_ns / 1000);
}

Json to_json(const HostInfo& host) {
    Json json = Json::object();
    const std::string timestamp = format_timestamp(host.collected_at_unix_ns);
    json["@timestamp"] = timestamp;
    json["event"] = {{"start", timestamp}, {"duration", host.collection_duration_ns}};
    Json host_json = Json::object();
    put_text(host_json, "name", host.hostname);
    put_text(host_json, "hostname", host.hostname);
    if (!host.kernel_release.empty())
        host_json["os"] = {{"kernel", json_text(host.kernel_release)}};
    if (!host.boot_id.empty())
        host_json["boot"] = {{"id", json_text(host.boot_id)}};
    json["host"] = std::move(host_json);
    json["observer"] = {
        {"product", "netstat-audit"}, {"version", NETSTAT_AUDIT_VERSION}, {"type", "host"}};
    return json;
}

Json to_json(const Visibility& visibility) {
    Json notes = Json::array();
    for (const std::string& note : visibility.notes)
        notes.push_back(json_text(note));
    return {{"complete", visibility.complete()},
            {"root", visibility.root},
            {"hidepid", visibility.hidepid},
            {"processes_seen", visibility.processes_seen},
            {"processes_unreadable", visibility.processes_unreadable},
            {"processes_vanished", visibility.processes_vanished},
            {"notes", std::move(notes)}};
}

Json to_json(const Diagnostic& diagnostic) {
    return {{"file", json_text(diagnostic.file)},
            {"line", diagnostic.line},
            {"reason", json_text(diagnostic.reason)}};
}

Json json_metadata(const HostInfo& host, const Visibility& visibility) {
    Json json = to_json(host);
    json["netstat_audit"] = {
        {"collection",
         {{"offline", host.offline}, {"effective_uid", number_or_null(host.effective_uid)}}},
        {"visibility", to_json(visibility)}};
    return json;
}

Json json_document(std::string_view document_type, const Json& metadata) {
    Json json = Json::object();
    json["schema_version"] = k_json_schema_version;
    json["document_type"] = std::string(document_type);
    json.update(metadata, true);
    json["event"]["kind"] = "state";
    json["event"]["dataset"] = fmt::format("netstat_audit.{}", document_type);
    return json;
}

Json json_record(std::string_view record_type, const Json& metadata, const Json& record,
                 RecordKind kind) {
    Json json = metadata;
    json.update(record, true);
    json["event"]["kind"] = kind == RecordKind::state ? "state" : "event";
    json["event"]["dataset"] = fmt::format("netstat_audit.{}", record_type);
    json["netstat_audit"]["schema_version"] = k_json_schema_version;
    json["netstat_audit"]["record_type"] = std::string(record_type);
    return json;
}

} // namespace netstat_audit
