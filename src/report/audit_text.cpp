// SPDX-License-Identifier: MIT
// The audit's text report: what can be reached, who owns it, what is wrong, how sure we are.
#include "netstat_audit/report/audit_report.hpp"

#include "netstat_audit/parse/cgroup.hpp"
#include "netstat_audit/view/programs.hpp"
#include "netstat_audit/view/tcp_health_view.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <map>
#include <span>

namespace netstat_audit {

namespace {

constexpr std::size_t k_width = 80;
constexpr std::size_t k_indent = 10;    // findings' continuation lines
constexpr std::size_t k_info_shown = 3; // info findings of one rule shown before collapsing
constexpr std::size_t k_loopback_shown = 8;
constexpr std::size_t k_interfaces_shown = 4;    // health block: worst error ratios first
constexpr std::size_t k_health_groups_shown = 3; // health block: worst p95 RTT first

std::string safe(std::string_view text) {
    return escape_program_text(text);
}

// Appends `text` word-wrapped: the first line starts with `first`, later ones with `indent`
// blanks. A word longer than a line gets a line of its own.
void append_wrapped(std::string& out, std::string_view first, std::size_t indent,
                    std::string_view text) {
    std::string line(first);
    std::size_t column = display_width(first);
    bool line_has_word = false;
    while (!text.empty()) {
        std::size_t end = text.find(' ');
        std::string_view word = text.substr(0, end);
        text.remove_prefix(end == text.npos ? text.size() : end + 1);
        if (word.empty())
            continue;
        const std::size_t width = display_width(word);
        if (line_has_word && column + 1 + width > k_width) {
            out += line + "\n";
            line.assign(indent, ' ');
            column = indent;
            line_has_word = false;
        }
        if (line_has_word) {
            line += ' ';
            ++column;
        }
        line += word;
        column += width;
        line_has_word = true;
    }
    out += line + "\n";
}

void pad_to(std::string& out, std::string_view text, std::size_t width) {
    out += text;
    for (std::size_t w = display_width(text); w < width; ++w)
        out += ' ';
}

std::string cut_user(std::string user) {
    if (display_width(user) > 8)
        user = user.substr(0, 7) + "+"; // ps(1)'s way of shortening a long user name
    return user;
}

// --- header ----------------------------------------------------------------------------------

std::string counted(std::uint64_t count, std::string_view noun) {
    return group_thousands(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::string counted(std::uint64_t count, std::string_view singular, std::string_view plural) {
    return group_thousands(count) + " " + std::string(count == 1 ? singular : plural);
}

// What kept the view from being complete, each in a few words; empty when nothing did.
std::vector<std::string> visibility_gaps(const AuditReport& r) {
    const Visibility& v = r.snapshot.visibility;
    std::vector<std::string> gaps;
    if (v.processes_unreadable > 0)
        gaps.push_back(group_thousands(v.processes_unreadable) + " of " +
                       group_thousands(v.processes_seen) + " processes unreadable — owners of " +
                       counted(count_sockets(r).without_owner, "socket") + " unknown");
    else if (!v.complete())
        gaps.push_back("owners of " + counted(count_sockets(r).without_owner, "socket") +
                       " unknown");
    if (v.hidepid)
        gaps.push_back("/proc hides other users' processes (hidepid)");
    if (const ReportNamespaces* ns = r.namespaces) {
        if (!ns->unread.empty())
            gaps.push_back("tables of " + counted(ns->unread.size(), "namespace") +
                           " unread (no process inside)");
        if (ns->others_may_be_unseen)
            gaps.push_back("other network namespaces may exist unseen");
    }
    if (!v.root)
        gaps.push_back("run as root to see everything");
    return gaps;
}

std::string visibility_sentence(const AuditReport& r) {
    const Snapshot& s = r.snapshot;
    const Visibility& v = s.visibility;
    std::string who = !s.host.effective_uid        ? std::string("an unrecorded user")
                      : *s.host.effective_uid == 0 ? std::string("root")
                                                   : "uid " + std::to_string(*s.host.effective_uid);
    std::string text = std::string(s.host.offline ? "Captured as " : "Seen as ") + who + "; " +
                       counted(v.processes_seen, "process", "processes") + ", " +
                       counted(count_sockets(r).total, "socket") + ", " +
                       counted(r.namespaces ? r.namespaces->seen() : 1, "network namespace");
    const std::vector<std::string> gaps = visibility_gaps(r);
    if (gaps.empty())
        return text + "; nothing hidden.";
    for (std::size_t i = 0; i < gaps.size(); ++i)
        text += (i == 0 ? ": " : "; ") + gaps[i];
    return text + ".";
}

void render_header(const AuditReport& r, std::string& out) {
    const HostInfo& host = r.snapshot.host;
    std::string name = host.hostname.empty() ? "unknown host" : safe(host.hostname);
    std::string line = "netstat-audit audit — " + name;
    if (!host.kernel_release.empty())
        line += ", Linux " + safe(host.kernel_release);
    line += ", " + format_utc(host.collected_at_unix_ns);
    append_wrapped(out, "", 0, line);
    if (host.offline)
        append_wrapped(out, "", 0, "Offline: read from " + safe(host.proc_root) + ".");
    append_wrapped(out, "", 0, visibility_sentence(r));
}

// --- listening surface -----------------------------------------------------------------------

std::string exposure_text(const Listener& l) {
    switch (l.exposure) {
    case Exposure::all:
        return l.family == IpVersion::v4 ? "all" : l.dual_stack ? "all v4+v6" : "all v6";
    case Exposure::loopback:
        return "loopback";
    case Exposure::specific:
        break;
    }
    return "address";
}

// The last column: the executable, preceded by the process name when that differs from it.
std::string program_text(const ProcessInfo* owner) {
    if (owner == nullptr)
        return "-";
    if (!owner->exe)
        return safe(owner->comm) +
               (owner->exe_state == ExeState::denied ? " (exe unreadable)" : "");
    std::string exe = safe(*owner->exe);
    if (base_name(exe_path(*owner->exe)).starts_with(owner->comm) && !owner->comm.empty())
        return exe;
    return safe(owner->comm) + " " + exe;
}

void render_listener(const AuditFacts& facts, const Listener& l, std::string& out) {
    const ProcessInfo* owner = facts.first_holder(l.inode);
    std::string row;
    pad_to(row, protocol_label(l.protocol, l.family), 6);
    std::string address = address_text(l.address);
    pad_to(row, address, std::max<std::size_t>(16, address.size() + 1));
    std::string port = std::to_string(l.port);
    row += std::string(port.size() < 5 ? 5 - port.size() : 0, ' ') + port + " ";
    pad_to(row, exposure_text(l), 10);
    pad_to(row, owner ? std::to_string(owner->pid) : "-", 7);
    pad_to(row, owner ? cut_user(safe(user_text(*owner))) : "-", 9);
    std::string program = program_text(owner);
    if (display_width(row) + display_width(program) <= k_width)
        out += row + program + "\n";
    else
        out += row.substr(0, row.find_last_not_of(' ') + 1) + "\n" + std::string(k_indent, ' ') +
               program + "\n";
}

int exposure_rank(Exposure exposure) {
    return exposure == Exposure::all ? 0 : exposure == Exposure::specific ? 1 : 2;
}

// One namespace's listeners, widest exposure first; loopback ones past the first few are
// counted in `hidden` instead unless -v.
void render_listeners(const AuditFacts& facts, const TextReportOptions& options,
                      std::size_t& hidden, std::string& out) {
    std::vector<const Listener*> rows;
    for (const Listener& l : facts.listeners)
        rows.push_back(&l);
    std::stable_sort(rows.begin(), rows.end(), [](const Listener* a, const Listener* b) {
        return std::make_tuple(exposure_rank(a->exposure), a->protocol, a->port, a->family) <
               std::make_tuple(exposure_rank(b->exposure), b->protocol, b->port, b->family);
    });
    std::size_t loopback = 0;
    for (const Listener* l : rows) {
        if (l->exposure == Exposure::loopback && ++loopback > k_loopback_shown &&
            options.detail == Detail::collapsed) {
            ++hidden;
            continue;
        }
        render_listener(facts, *l, out);
    }
}

// "netns sleep (4026532500): 1 process; no container runtime, no /run/netns name", written as
// findings name the namespace ("in netns sleep (4026532500)"), so one grep finds both.
std::string netns_heading(const NetNamespace& ns) {
    std::string text = "netns " + safe(ns.label) + " (" + std::to_string(ns.inode) + "): " +
                       (ns.pids.empty() ? std::string("no process")
                                        : counted(ns.pids.size(), "process", "processes"));
    if (ns.container && ns.label != container_label(*ns.container))
        text += "; " + safe(container_label(*ns.container));
    if (is_unaccounted(ns))
        text += "; no container runtime, no /run/netns name";
    return text;
}

// The host's listeners as netstat-audit always showed them, then each other namespace's under
// a heading line naming it; the namespaces where nothing listens, and those whose tables could
// not be read, in one line each at the end.
void render_surface(const AuditReport& r, const TextReportOptions& options, std::string& out) {
    out += "\nLISTENING SURFACE\n";
    static const ReportNamespaces k_host_only;
    const ReportNamespaces& ns = r.namespaces ? *r.namespaces : k_host_only;
    std::size_t quiet = 0;
    for (const ReportNamespace& one : ns.others)
        quiet += one.facts.listeners.empty() ? 1u : 0u;
    if (r.facts.listeners.empty() && quiet == ns.others.size()) {
        out += ns.others.empty() ? "nothing listens\n" : "nothing listens in any namespace\n";
    } else {
        out += "proto address          port exposure  pid    user     executable\n";
        if (r.facts.listeners.empty())
            out += "(nothing listens in the host's namespace)\n";
        std::size_t hidden = 0;
        render_listeners(r.facts, options, hidden, out);
        for (const ReportNamespace& one : ns.others) {
            if (one.facts.listeners.empty())
                continue;
            append_wrapped(out, "", k_indent, netns_heading(*one.netns));
            render_listeners(one.facts, options, hidden, out);
        }
        if (hidden > 0)
            out += "(" + std::to_string(hidden) + " more loopback listeners; -v shows all)\n";
        if (quiet > 0)
            out += "(" + counted(quiet, "other network namespace", "other network namespaces") +
                   ": nothing listens)\n";
    }
    for (const NetNamespace* unread : ns.unread)
        append_wrapped(out, "", k_indent, netns_heading(*unread) + "; tables not read");
}

// --- findings --------------------------------------------------------------------------------

std::string_view severity_label(Severity severity) {
    switch (severity) {
    case Severity::critical:
        return "CRITICAL";
    case Severity::warning:
        return "WARNING";
    case Severity::info:
        break;
    }
    return "INFO";
}

std::string_view severity_colour(Severity severity) {
    switch (severity) {
    case Severity::critical:
        return "\033[1;31m";
    case Severity::warning:
        return "\033[1;33m";
    case Severity::info:
        break;
    }
    return "\033[36m";
}

// The subject written the same way by every rule, so that grep finds all of a pid or port.
std::string subject_text(const Subject& s) {
    std::vector<std::string> parts;
    if (s.protocol) {
        std::string part = safe(*s.protocol);
        if (s.address && s.port)
            part += " " + safe(*s.address) + ":" + std::to_string(*s.port);
        else if (s.port)
            part += " port " + std::to_string(*s.port);
        parts.push_back(std::move(part));
    } else if (s.address) {
        parts.push_back("via " + safe(*s.address));
    }
    if (s.interface)
        parts.push_back("dev " + safe(*s.interface));
    if (s.sysctl)
        parts.push_back(safe(*s.sysctl));
    if (s.pid)
        parts.push_back((s.program ? "\"" + safe(*s.program) + "\" " : std::string()) + "(pid " +
                        std::to_string(*s.pid) + ")");
    else if (s.exe)
        parts.push_back(safe(*s.exe));
    if (!s.pid && s.user)
        parts.push_back("user " + safe(*s.user));
    if (!s.pid && !s.user && s.uid)
        parts.push_back("uid " + std::to_string(*s.uid));
    if (s.netns)
        parts.push_back("in netns " + safe(*s.netns) +
                        (s.netns_inode ? " (" + std::to_string(*s.netns_inode) + ")" : ""));
    std::string text;
    for (const auto& part : parts)
        text += (text.empty() ? "" : " ") + part;
    return text;
}

void render_finding(const Finding& f, bool explain, const TextReportOptions& options,
                    std::string& out) {
    std::string label(severity_label(f.severity));
    std::string head;
    if (options.colour == Colour::on)
        head = std::string(severity_colour(f.severity)) + label + "\033[0m";
    else
        head = label;
    head += std::string(k_indent - label.size(), ' ');
    std::string id = f.id;
    std::string subject = subject_text(f.subject);
    if (subject.empty()) {
        out += head + id + "\n";
    } else if (k_indent + std::max<std::size_t>(id.size() + 1, 30) + display_width(subject) <=
               k_width) {
        std::string line = head;
        pad_to(line, id, std::max<std::size_t>(id.size() + 1, 30));
        out += line + subject + "\n";
    } else {
        out += head + id + "\n";
        if (!subject.empty())
            append_wrapped(out, std::string(k_indent, ' '), k_indent, subject);
    }
    if (!f.evidence.empty())
        append_wrapped(out, std::string(k_indent, ' '), k_indent, safe(f.evidence));
    if (explain) {
        append_wrapped(out, std::string(k_indent, ' ') + "why: ", k_indent + 5, f.why);
        append_wrapped(out, std::string(k_indent, ' ') + "fix: ", k_indent + 5, safe(f.fix));
    } else if (f.fix != "") {
        append_wrapped(out, std::string(k_indent, ' ') + "fix: ", k_indent + 5, safe(f.fix));
    }
}

void render_findings(const AuditReport& r, const TextReportOptions& options, std::string& out) {
    out += "\nFINDINGS\n";
    if (r.findings.empty()) {
        out += r.snapshot.visibility.complete() ? "none\n" : "none among what could be seen\n";
        return;
    }
    std::map<std::string, std::size_t> shown;                  // per rule id
    std::map<std::string, std::vector<std::string>> collapsed; // info findings not shown
    std::vector<std::string> collapsed_order;
    std::map<std::string, std::string> explained_fix;
    for (const Finding& f : r.findings) {
        std::size_t count = ++shown[f.id];
        if (f.severity == Severity::info && count > k_info_shown &&
            options.detail == Detail::collapsed) {
            if (collapsed[f.id].empty())
                collapsed_order.push_back(f.id);
            collapsed[f.id].push_back(subject_text(f.subject));
            continue;
        }
        // why is said once per rule; fix again only when this subject's differs
        const bool first_of_rule = count == 1;
        auto [it, inserted] = explained_fix.try_emplace(f.id, f.fix);
        Finding shown_finding = f;
        if (!first_of_rule && !inserted && it->second == f.fix)
            shown_finding.fix.clear();
        render_finding(shown_finding, first_of_rule || options.detail == Detail::everything,
                       options, out);
    }
    for (const std::string& id : collapsed_order) {
        const auto& subjects = collapsed[id];
        std::string text = "(" + std::to_string(subjects.size()) + " more " + id + ": ";
        for (std::size_t i = 0; i < subjects.size() && i < 3; ++i)
            text += (i == 0 ? "" : ", ") + subjects[i];
        text += subjects.size() > 3 ? ", ...; -v shows all)" : "; -v shows all)";
        append_wrapped(out, std::string(k_indent, ' '), k_indent, text);
    }
}

// --- health ----------------------------------------------------------------------------------

std::string measure_value(const HealthMeasure& m) {
    if (!m.value)
        return "-";
    char buffer[40];
    if (m.unit == "percent")
        std::snprintf(buffer, sizeof buffer, *m.value < 0.1 && *m.value > 0 ? "%.3f %%" : "%.2f %%",
                      *m.value);
    else if (m.unit == "per_second")
        std::snprintf(buffer, sizeof buffer, "%.1f/s", *m.value);
    else
        std::snprintf(buffer, sizeof buffer, "%.0f", *m.value);
    return buffer;
}

// The worst few groups by p95 RTT and how many more the JSON lists.
void append_worst_groups(std::string& out, std::string_view title, std::string_view key,
                         std::string_view noun, const std::vector<HealthGroup>& groups) {
    if (groups.empty())
        return;
    const std::size_t shown = std::min(groups.size(), k_health_groups_shown);
    out += "  " + std::string(title) + "\n";
    append_health_rows(out, key, std::span(groups).first(shown));
    if (const std::size_t more = groups.size() - shown; more > 0)
        out += "  (" + std::to_string(more) + " more " + std::string(noun) +
               (more == 1 ? "" : "s") + "; --json lists them)\n";
}

// tcp_info of the established connections at the time of the audit (the summary's lines), or
// why there is none.
void render_tcp_health(const HealthSummary& tcp, std::string& out) {
    out += render_tcp_health_overall(tcp);
    if (!tcp.source.available || tcp.all.connections == 0)
        return;
    append_worst_groups(out, "worst remote peers by p95 RTT", "Peer", "peer", tcp.peers);
    append_worst_groups(out, "worst local services by p95 RTT", "Port", "service", tcp.services);
}

// The rates with their basis, then the counters that only matter when they move, on one line.
void render_health(const AuditReport& r, std::string& out) {
    if (r.health == nullptr || r.health->now == nullptr)
        return;
    const HealthInputs& h = *r.health;
    out += "\nHEALTH — " + h.basis_text() + "\n";
    if (!h.note.empty())
        append_wrapped(out, "", 0, h.note);
    std::string counts;
    std::vector<HealthMeasure> measures = health_measures(h, r.snapshot.sysctls);
    // Interfaces: the worst few (a container host has hundreds of veths); JSON has them all.
    auto is_interface = [](const HealthMeasure& m) {
        return m.name.starts_with("interface_errors:");
    };
    const auto first = std::find_if(measures.begin(), measures.end(), is_interface);
    const auto last = std::find_if_not(first, measures.end(), is_interface);
    std::stable_sort(first, last, [](const HealthMeasure& a, const HealthMeasure& b) {
        return a.value.value_or(-1) > b.value.value_or(-1);
    });
    const std::size_t interfaces = static_cast<std::size_t>(last - first);
    if (interfaces > k_interfaces_shown)
        measures.erase(first + k_interfaces_shown, last);
    for (const HealthMeasure& m : measures) {
        if (m.unit == "count") {
            counts += (counts.empty() ? "" : ", ") + m.label + " " + m.detail;
            continue;
        }
        std::string line;
        pad_to(line, safe(m.label), 22);
        pad_to(line, measure_value(m), 11);
        append_wrapped(out, line, 33, safe(m.detail));
    }
    if (interfaces > k_interfaces_shown)
        append_wrapped(out, "", 0,
                       "(" + std::to_string(interfaces - k_interfaces_shown) +
                           " more interfaces with traffic; --json lists all)");
    if (!counts.empty())
        append_wrapped(out, "", 0, counts);
    render_tcp_health(h.now->tcp_health, out);
    if (h.now->hidden_probe == HiddenProbe::unavailable)
        append_wrapped(out, "", 0, "hidden-socket not checked: " + h.now->hidden_note);
}

void render_summary(const AuditReport& r, std::string& out) {
    std::array<std::size_t, 3> counts{};
    for (const Finding& f : r.findings)
        ++counts[static_cast<std::size_t>(f.severity)];
    out += "\n" + std::to_string(counts[2]) + " critical, " + std::to_string(counts[1]) +
           " warning, " + std::to_string(counts[0]) + " info — exit " +
           std::to_string(r.exit_status) + " (--fail-on " + std::string(severity_name(r.fail_on)) +
           "; --json: same as data)\n";
}

} // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80)
            ++width;
    return width;
}

std::string group_thousands(std::uint64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string format_utc(std::int64_t unix_ns) {
    std::time_t seconds = static_cast<std::time_t>(unix_ns / 1'000'000'000);
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    char buffer[40];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buffer;
}

int audit_exit_status(const std::vector<Finding>& findings, Severity fail_on) {
    std::optional<Severity> worst;
    for (const Finding& f : findings)
        if (!worst || f.severity > *worst)
            worst = f.severity;
    if (!worst || *worst < fail_on)
        return 0;
    return *worst == Severity::critical ? 2 : 1;
}

std::string render_audit_text(const AuditReport& report, const TextReportOptions& options) {
    std::string out;
    render_header(report, out);
    render_surface(report, options, out);
    render_health(report, out);
    render_findings(report, options, out);
    render_summary(report, out);
    return out;
}

} // namespace netstat_audit
