// SPDX-License-Identifier: MIT
// The kernel-log checks: message patterns of the OOM killer, the TCP SYN-flood warning,
// nf_conntrack's table-full drops and NIC drivers' link messages.
#include "netstat_audit/audit/kernel_log_rules.hpp"

#include "netstat_audit/audit/facts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <map>

namespace netstat_audit {

namespace {

const std::vector<KmsgRecord>& records_of(const AuditContext& c) {
    static const std::vector<KmsgRecord> none;
    return c.kernel_log != nullptr ? c.kernel_log->records : none;
}

std::optional<std::int64_t> boot_of(const AuditContext& c) {
    return c.kernel_log != nullptr ? c.kernel_log->boot_unix_us : std::nullopt;
}

// "[t1], [t2] and 3 more" of the first few record times.
std::string times_text(const AuditContext& c, const std::vector<std::uint64_t>& times,
                       std::size_t limit = 3) {
    std::string text;
    for (std::size_t i = 0; i < times.size() && i < limit; ++i)
        text += (i == 0 ? "" : ", ") + kmsg_time(times[i], boot_of(c));
    if (times.size() > limit)
        text += fmt::format(" and {} more", times.size() - limit);
    return text;
}

// The finding's `logged` list: every record time, with its wall-clock time when known.
std::vector<LoggedAt> logged_at(const AuditContext& c, const std::vector<std::uint64_t>& times) {
    std::vector<LoggedAt> logged;
    logged.reserve(times.size());
    const std::optional<std::int64_t> boot = boot_of(c);
    for (std::uint64_t time_us : times) {
        LoggedAt at{time_us, std::nullopt};
        if (boot && *boot >= 0 && time_us <= static_cast<std::uint64_t>(INT64_MAX - *boot))
            at.unix_us = *boot + static_cast<std::int64_t>(time_us);
        logged.push_back(at);
    }
    return logged;
}

// The baseline's listeners whose executable the killed task's comm names.
std::string baseline_listeners_of(const Baseline& baseline, std::string_view process) {
    std::string held;
    for (const ListenEntry& entry : baseline.listeners) {
        if (entry.exe == "*" || entry.exe == "-" ||
            !process_name_matches(process, base_name(entry.exe)))
            continue;
        const std::string port = entry.first_port == entry.last_port
                                     ? std::to_string(entry.first_port)
                                     : fmt::format("{}-{}", entry.first_port, entry.last_port);
        held += fmt::format("{}{} port {} ({})", held.empty() ? "" : ", ", entry.protocol, port,
                            entry.exe);
    }
    return held;
}

// The message's word before `at` (skipping "NIC"), without a trailing ':'.
std::string word_before(std::string_view message, std::size_t at) {
    std::string_view head = message.substr(0, at);
    for (;;) {
        while (!head.empty() && head.back() == ' ')
            head.remove_suffix(1);
        const std::size_t space = head.find_last_of(' ');
        std::string_view word = space == std::string_view::npos ? head : head.substr(space + 1);
        head = space == std::string_view::npos ? std::string_view{} : head.substr(0, space);
        if (word == "NIC")
            continue;
        if (!word.empty() && word.back() == ':')
            word.remove_suffix(1);
        return std::string(word);
    }
}

} // namespace

std::string kmsg_time(std::uint64_t time_us, std::optional<std::int64_t> boot_unix_us) {
    std::string text = fmt::format("[{}.{:06}]", time_us / 1'000'000, time_us % 1'000'000);
    if (!boot_unix_us || *boot_unix_us < 0 ||
        time_us > static_cast<std::uint64_t>(INT64_MAX - *boot_unix_us))
        return text;
    const std::int64_t at_us = *boot_unix_us + static_cast<std::int64_t>(time_us);
    const std::time_t seconds = static_cast<std::time_t>(at_us / 1'000'000);
    std::tm utc{};
    char stamp[40];
    if (::gmtime_r(&seconds, &utc) == nullptr ||
        std::strftime(stamp, sizeof stamp, " ~%Y-%m-%d %H:%M:%S UTC", &utc) == 0)
        return text;
    return text + stamp;
}

std::optional<OomKill> parse_oom_kill(std::string_view message) {
    constexpr std::string_view k_killed = "Killed process ";
    const std::size_t at = message.find(k_killed);
    const bool oom = message.find("out of memory") != std::string_view::npos ||
                     message.find("Out of memory") != std::string_view::npos;
    if (at == std::string_view::npos || !oom)
        return std::nullopt;
    std::string_view rest = message.substr(at + k_killed.size());
    OomKill kill;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), kill.pid);
    if (error != std::errc{})
        return std::nullopt;
    rest = rest.substr(static_cast<std::size_t>(end - rest.data()));
    if (!rest.starts_with(" ("))
        return std::nullopt;
    const std::size_t close = rest.find(") ");
    const std::size_t last = close == std::string_view::npos ? rest.rfind(')') : close;
    if (last == std::string_view::npos)
        return std::nullopt;
    kill.process = std::string(rest.substr(2, last - 2));
    return kill;
}

std::optional<std::string> parse_syn_flood_port(std::string_view message) {
    constexpr std::string_view k_flood = "Possible SYN flooding on port ";
    const std::size_t at = message.find(k_flood);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = message.substr(at + k_flood.size());
    const std::size_t end = rest.find(". ");
    std::string_view port = rest.substr(0, end);
    if (end == std::string_view::npos && port.ends_with('.'))
        port.remove_suffix(1);
    return std::string(port);
}

bool is_conntrack_table_full(std::string_view message) {
    return message.find("nf_conntrack: table full, dropping packet") != std::string_view::npos;
}

std::optional<LinkEvent> parse_link_event(std::string_view message) {
    struct Pattern {
        std::string_view text;
        LinkChange change;
    };
    static constexpr Pattern k_patterns[] = {
        {"Link is Down", LinkChange::down}, {"Link is Up", LinkChange::up},
        {"Link down", LinkChange::down},    {"Link up", LinkChange::up},
        {"link is down", LinkChange::down}, {"link is up", LinkChange::up},
    };
    for (const Pattern& pattern : k_patterns) {
        const std::size_t at = message.find(pattern.text);
        if (at == std::string_view::npos)
            continue;
        // "Link up" must end there or go on with a space or punctuation ("Link update" is not).
        const std::size_t after = at + pattern.text.size();
        if (after < message.size() && message[after] != ' ' && message[after] != ',' &&
            message[after] != '.')
            continue;
        LinkEvent event{word_before(message, at), pattern.change};
        if (event.interface.empty())
            return std::nullopt;
        return event;
    }
    return std::nullopt;
}

void check_recent_oom_kill(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    for (const KmsgRecord& record : records_of(c)) {
        const auto kill = parse_oom_kill(record.message);
        if (!kill)
            continue;
        Subject subject;
        subject.pid = kill->pid;
        subject.program = kill->process;
        std::string evidence =
            fmt::format("{} the OOM killer killed {} (pid {})",
                        kmsg_time(record.time_us, boot_of(c)), kill->process, kill->pid);
        if (c.baseline == nullptr)
            evidence += "; no baseline given, so whether it held listeners is unknown";
        else if (const std::string held = baseline_listeners_of(*c.baseline, kill->process);
                 held.empty())
            evidence += "; it held no listener in the baseline";
        else
            evidence += "; in the baseline it held the listeners " + held;
        Finding finding = make_finding(rule, std::move(subject), std::move(evidence));
        finding.logged = logged_at(c, {record.time_us});
        out.push_back(std::move(finding));
    }
}

void check_kernel_syn_flood_message(const AuditContext& c, const Rule& rule,
                                    std::vector<Finding>& out) {
    std::map<std::string, std::vector<std::uint64_t>> by_port;
    std::vector<std::string> order;
    for (const KmsgRecord& record : records_of(c))
        if (auto port = parse_syn_flood_port(record.message)) {
            if (!by_port.contains(*port))
                order.push_back(*port);
            by_port[*port].push_back(record.time_us);
        }
    for (const std::string& port : order) {
        Subject subject;
        std::uint16_t number = 0;
        const std::size_t colon = port.rfind(':');
        const std::string_view digits = colon == std::string::npos
                                            ? std::string_view(port)
                                            : std::string_view(port).substr(colon + 1);
        if (std::from_chars(digits.data(), digits.data() + digits.size(), number).ec == std::errc{})
            subject.port = number;
        const auto& times = by_port[port];
        Finding finding = make_finding(
            rule, std::move(subject),
            fmt::format("the kernel logged a possible SYN flood on port {} {} time{}: {}", port,
                        times.size(), times.size() == 1 ? "" : "s", times_text(c, times)));
        finding.logged = logged_at(c, times);
        out.push_back(std::move(finding));
    }
}

void check_conntrack_drops_logged(const AuditContext& c, const Rule& rule,
                                  std::vector<Finding>& out) {
    std::vector<std::uint64_t> times;
    for (const KmsgRecord& record : records_of(c))
        if (is_conntrack_table_full(record.message))
            times.push_back(record.time_us);
    if (times.empty())
        return;
    Finding finding = make_finding(
        rule, {},
        fmt::format("nf_conntrack logged \"table full, dropping packet\" {} time{}: {} (the kernel "
                    "rate-limits this message: more packets were dropped)",
                    times.size(), times.size() == 1 ? "" : "s", times_text(c, times)));
    finding.logged = logged_at(c, times);
    out.push_back(std::move(finding));
}

void check_link_flaps(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    struct Flaps {
        std::vector<std::uint64_t> downs;
        std::size_t ups = 0;
    };
    std::map<std::string, Flaps> by_interface;
    std::vector<std::string> order;
    for (const KmsgRecord& record : records_of(c)) {
        const auto event = parse_link_event(record.message);
        if (!event)
            continue;
        if (!by_interface.contains(event->interface))
            order.push_back(event->interface);
        Flaps& flaps = by_interface[event->interface];
        if (event->change == LinkChange::down)
            flaps.downs.push_back(record.time_us);
        else
            ++flaps.ups;
    }
    for (const std::string& name : order) {
        const Flaps& flaps = by_interface[name];
        if (flaps.downs.empty())
            continue; // coming up at boot is no flap
        Subject subject;
        subject.interface = name;
        Finding finding = make_finding(
            rule, std::move(subject),
            fmt::format("{} lost its link {} time{} ({}) and came up {} time{}", name,
                        flaps.downs.size(), flaps.downs.size() == 1 ? "" : "s",
                        times_text(c, flaps.downs), flaps.ups, flaps.ups == 1 ? "" : "s"));
        finding.logged = logged_at(c, flaps.downs);
        if (flaps.downs.size() == 1) {
            finding.severity = Severity::info;
            finding.evidence += "; a single loss (a cable, switch or driver restart) is info only";
        }
        out.push_back(std::move(finding));
    }
}

} // namespace netstat_audit
