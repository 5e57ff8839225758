// SPDX-License-Identifier: MIT
// The audit's JSON report (src/schema/audit-report.schema.json describes it).
#include "netstat_audit/report/audit_report.hpp"
#include "netstat_audit/report/json_metadata.hpp"
#include "netstat_audit/report/json_text.hpp"
#include "netstat_audit/view/tcp_health_view.hpp"

#include <nlohmann/json.hpp>

#include <array>

namespace netstat_audit {

namespace {

using ordered_json = Json;

// System bytes (names, paths, argv, evidence quoting them) in json_text's lossless encoding.
ordered_json text(std::string_view bytes) {
    return json_text(bytes);
}

std::string iso_utc(std::int64_t unix_ns) {
    std::string text = format_utc(unix_ns); // "YYYY-MM-DD HH:MM:SS UTC"
    return text.substr(0, 10) + "T" + text.substr(11, 8) + "Z";
}

ordered_json subject_json(const Subject& s) {
    ordered_json j = ordered_json::object();
    if (s.protocol)
        j["protocol"] = text(*s.protocol);
    if (s.address)
        j["address"] = text(*s.address);
    if (s.port)
        j["port"] = *s.port;
    if (s.pid)
        j["pid"] = *s.pid;
    if (s.program)
        j["program"] = text(*s.program);
    if (s.exe)
        j["exe"] = text(*s.exe);
    if (s.user)
        j["user"] = text(*s.user);
    if (s.uid)
        j["uid"] = *s.uid;
    if (s.interface)
        j["interface"] = text(*s.interface);
    if (s.sysctl)
        j["sysctl"] = *s.sysctl;
    if (s.netns)
        j["netns"] = {{"label", text(*s.netns)}, {"inode", s.netns_inode.value_or(0)}};
    return j;
}

std::string_view exposure_name(const Listener& l) {
    switch (l.exposure) {
    case Exposure::all:
        return "all";
    case Exposure::loopback:
        return "loopback";
    case Exposure::specific:
        break;
    }
    return "address";
}

ordered_json host_json(const Snapshot& s) {
    ordered_json host;
    host["name"] = text(s.host.hostname);
    host["kernel"] = text(s.host.kernel_release);
    host["boot_id"] = text(s.host.boot_id);
    host["collected_at"] = iso_utc(s.host.collected_at_unix_ns);
    host["collection_duration_ms"] =
        static_cast<double>(s.host.collection_duration_ns) / 1'000'000.0;
    host["source"] = s.host.offline ? "capture" : "live";
    host["proc_root"] = text(s.host.proc_root);
    if (s.host.effective_uid)
        host["effective_uid"] = *s.host.effective_uid;
    else
        host["effective_uid"] = nullptr;
    return host;
}

ordered_json visibility_json(const AuditReport& r) {
    const Visibility& v = r.snapshot.visibility;
    ordered_json j;
    j["complete"] = v.complete();
    j["root"] = v.root;
    j["hidepid"] = v.hidepid;
    j["processes_seen"] = v.processes_seen;
    j["processes_unreadable"] = v.processes_unreadable;
    j["processes_vanished"] = v.processes_vanished;
    const SocketCounts sockets = count_sockets(r); // of every namespace read
    j["sockets"] = sockets.total;
    j["sockets_without_owner"] = sockets.without_owner;
    const ReportNamespaces* ns = r.namespaces;
    j["network_namespaces"] = {{"seen", ns ? ns->seen() : 1},
                               {"unread", ns ? ns->unread.size() : 0},
                               {"others_may_be_unseen", ns && ns->others_may_be_unseen}};
    ordered_json notes = ordered_json::array();
    for (const std::string& note : v.notes)
        notes.push_back(text(note));
    j["notes"] = std::move(notes);
    return j;
}

// `netns`: {"label", "inode"} of the namespace `facts` (which holds `l`) was read from.
ordered_json listener_json(const AuditFacts& facts, const Listener& l, const ordered_json& netns) {
    ordered_json j;
    j["protocol"] = protocol_label(l.protocol, l.family);
    j["address"] = address_text(l.address);
    j["port"] = l.port;
    j["exposure"] = exposure_name(l);
    j["dual_stack"] = l.dual_stack;
    j["inode"] = l.inode;
    j["socket_uid"] = l.socket_uid;
    ordered_json holders = ordered_json::array();
    for (std::size_t index : l.holders) {
        const ProcessInfo& p = facts.process(index);
        ordered_json h;
        h["pid"] = p.pid;
        h["program"] = text(p.comm);
        h["exe"] = p.exe ? text(*p.exe) : ordered_json(nullptr);
        h["user"] = p.user.empty() ? ordered_json(nullptr) : text(p.user);
        h["uid"] = p.effective_uid ? ordered_json(*p.effective_uid) : ordered_json(nullptr);
        holders.push_back(std::move(h));
    }
    j["holders"] = std::move(holders);
    j["netns"] = netns;
    return j;
}

// Every namespace's listeners, the host's first, each naming its namespace as subjects do.
ordered_json listening_json(const AuditReport& r) {
    ordered_json listening = ordered_json::array();
    const ordered_json host = {{"label", "host"},
                               {"inode", r.namespaces ? r.namespaces->host_inode : 0}};
    for (const Listener& l : r.facts.listeners)
        listening.push_back(listener_json(r.facts, l, host));
    if (r.namespaces == nullptr)
        return listening;
    for (const ReportNamespace& one : r.namespaces->others) {
        const ordered_json netns = {{"label", text(one.netns->label)}, {"inode", one.netns->inode}};
        for (const Listener& l : one.facts.listeners)
            listening.push_back(listener_json(one.facts, l, netns));
    }
    return listening;
}

std::string_view basis_name(RateBasis basis) {
    switch (basis) {
    case RateBasis::interval:
        return "interval";
    case RateBasis::state:
        return "state";
    case RateBasis::captures:
        return "captures";
    case RateBasis::since_boot:
        break;
    }
    return "since_boot";
}

ordered_json optional_json(const auto& value) {
    return value ? ordered_json(*value) : ordered_json(nullptr);
}

// tcp_info of the established connections at the time of the audit: overall, every remote peer
// and every local service (worst p95 RTT first); or why there is none.
ordered_json tcp_health_json(const HealthSummary& tcp) {
    ordered_json j;
    j["basis"] = "established TCP connections at the time of the audit (tcp_info)";
    j["unit"] = "ms";
    j["available"] = tcp.source.available;
    if (!tcp.source.available) {
        j["reason"] = text(tcp.source.reason);
        return j;
    }
    j["established"] = health_group_json(tcp.all);
    ordered_json peers = ordered_json::array(), services = ordered_json::array();
    for (const HealthGroup& g : tcp.peers)
        peers.push_back(health_group_json(g));
    for (const HealthGroup& g : tcp.services)
        services.push_back(health_group_json(g));
    j["peers"] = std::move(peers);
    j["services"] = std::move(services);
    return j;
}

// The measured rates and gauges and what they were measured over.
ordered_json health_json(const AuditReport& r) {
    const HealthInputs& h = *r.health;
    ordered_json j;
    j["basis"] = h.since_boot() ? std::string_view("since_boot") : basis_name(h.basis);
    j["requested"] = basis_name(h.basis);
    j["interval_seconds"] = optional_json(h.seconds());
    j["reset"] = h.reset;
    j["note"] = h.note.empty() ? ordered_json(nullptr) : text(h.note);
    j["hidden_socket_probe"] = h.now->hidden_probe == HiddenProbe::done      ? "done"
                               : h.now->hidden_probe == HiddenProbe::not_run ? "not_run"
                                                                             : "unavailable";
    ordered_json measures = ordered_json::array();
    for (const HealthMeasure& m : health_measures(h, r.snapshot.sysctls))
        measures.push_back({{"name", text(m.name)},
                            {"unit", m.unit},
                            {"value", optional_json(m.value)},
                            {"numerator", optional_json(m.numerator)},
                            {"denominator", optional_json(m.denominator)},
                            {"detail", text(m.detail)}});
    j["measures"] = std::move(measures);
    j["tcp_health"] = tcp_health_json(h.now->tcp_health);
    return j;
}

} // namespace

std::string render_audit_json(const AuditReport& r) {
    // The metadata every --json document carries (@timestamp, event, ECS host, observer,
    // netstat_audit), the audit's own host fields merged into its "host".
    ordered_json doc =
        json_document("audit", json_metadata(r.snapshot.host, r.snapshot.visibility));
    doc["schema_version"] = k_audit_schema_version;
    doc["tool"] = {{"name", "netstat-audit"}, {"version", NETSTAT_AUDIT_VERSION}};
    doc["host"].update(host_json(r.snapshot));
    doc["visibility"] = visibility_json(r);
    doc["listening"] = listening_json(r);
    if (r.health != nullptr && r.health->now != nullptr)
        doc["health"] = health_json(r);
    ordered_json findings = ordered_json::array();
    std::array<std::size_t, 3> counts{};
    for (const Finding& f : r.findings) {
        ++counts[static_cast<std::size_t>(f.severity)];
        ordered_json j;
        j["id"] = f.id;
        j["severity"] = severity_name(f.severity);
        j["title"] = text(f.title);
        j["subject"] = subject_json(f.subject);
        j["evidence"] = text(f.evidence);
        j["why"] = text(f.why);
        j["fix"] = text(f.fix);
        if (!f.logged.empty()) {
            ordered_json logged = ordered_json::array();
            for (const LoggedAt& at : f.logged) {
                ordered_json one;
                one["seconds_since_boot"] = static_cast<double>(at.since_boot_us) / 1e6;
                if (at.unix_us && *at.unix_us <= INT64_MAX / 1000)
                    one["time"] = format_timestamp(*at.unix_us * 1000);
                logged.push_back(std::move(one));
            }
            j["logged"] = std::move(logged);
        }
        findings.push_back(std::move(j));
    }
    doc["findings"] = std::move(findings);
    doc["summary"] = {{"critical", counts[2]},
                      {"warning", counts[1]},
                      {"info", counts[0]},
                      {"fail_on", severity_name(r.fail_on)},
                      {"exit_status", r.exit_status}};
    return dump_json_document(doc);
}

} // namespace netstat_audit
