// SPDX-License-Identifier: MIT
// The -s printing engine of netstat 2.10 (statistics.c): sections, sentences, histograms.
#include "netstat_audit/view/stats_view.hpp"

#include "netstat_audit/view/text.hpp"

#include <cstring>

namespace netstat_audit {

namespace {

// netstat's print state: where the last entry went, which decides indentation.
enum class PrintState { plain, in_histogram, out_histogram };

std::size_t indent_of(PrintState state) {
    return state == PrintState::plain ? 4 : 8;
}

enum class Switch { raw, tcp, udp, sctp };

struct KnownSection {
    StatsFamily family;
    std::string_view name;
    std::string_view table;
    Switch on;
};

constexpr KnownSection k_known[] = {
    {StatsFamily::ipv4, "Ip", "Iptab", Switch::raw},
    {StatsFamily::ipv4, "Icmp", "Icmptab", Switch::raw},
    {StatsFamily::ipv4, "Tcp", "Tcptab", Switch::tcp},
    {StatsFamily::ipv4, "Udp", "Udptab", Switch::udp},
    {StatsFamily::ipv4, "TcpExt", "Tcpexttab", Switch::tcp},
    {StatsFamily::ipv4, "Sctp", "Sctptab", Switch::sctp},
    {StatsFamily::ipv6, "Ip6", "Ip6tab", Switch::raw},
    {StatsFamily::ipv6, "Icmp6", "Icmp6tab", Switch::raw},
    {StatsFamily::ipv6, "Udp6", "Udp6tab", Switch::udp},
    {StatsFamily::ipv6, "Tcp6", "Tcptab", Switch::tcp},
};

bool is_on(Switch which, const StatsSwitches& switches) {
    switch (which) {
    case Switch::raw:
        return switches.raw;
    case Switch::tcp:
        return switches.tcp;
    case Switch::udp:
        return switches.udp;
    case Switch::sctp:
        return switches.sctp;
    }
    return false;
}

struct Engine {
    StatsSwitches switches;
    PrintState state = PrintState::plain;
    std::string out;

    void entry(std::string_view table, const Counter& counter);
    void histogram_entry(const StatSentence& sentence, std::uint64_t value);
    void group(const CounterGroup& group, StatsFamily family);
};

std::string fill_sentence(std::string_view sentence, std::uint64_t value) {
    std::string text(sentence);
    std::size_t at = text.find("%llu");
    if (at != text.npos)
        text.replace(at, 4, to_decimal(value));
    return text;
}

void Engine::histogram_entry(const StatSentence& sentence, std::uint64_t value) {
    PrintState kind = sentence.kind == StatKind::in_histogram ? PrintState::in_histogram
                                                              : PrintState::out_histogram;
    if (state != kind) {
        out.append(indent_of(state), ' ');
        out += kind == PrintState::in_histogram ? "ICMP input histogram:\n"
                                                : "ICMP output histogram:\n";
    }
    state = kind;
    if (value > 0) {
        out.append(8, ' ');
        out += fill_sentence(sentence.sentence, value) + '\n';
    }
}

void Engine::entry(std::string_view table, const Counter& counter) {
    const auto value = static_cast<std::uint64_t>(counter.value);
    const StatSentence* sentence =
        table.empty() ? nullptr : find_stat_sentence(table, counter.name);
    if (sentence == nullptr) {
        // netstat's "try our best": unknown keys print as "Key: value" when non-zero.
        if (value != 0) {
            out.append(indent_of(state), ' ');
            out += counter.name + ": " + to_decimal(value) + '\n';
        }
        return;
    }
    switch (sentence->kind) {
    case StatKind::fixed:
    case StatKind::silent:
        return;
    case StatKind::in_histogram:
    case StatKind::out_histogram:
        histogram_entry(*sentence, value);
        return;
    case StatKind::opt:
    case StatKind::number:
        if (sentence->kind == StatKind::number || value != 0)
            out += "    " + fill_sentence(sentence->sentence, value) + '\n';
        state = PrintState::plain;
        return;
    }
}

void Engine::group(const CounterGroup& group, StatsFamily family) {
    for (const KnownSection& known : k_known) {
        if (known.family != family || known.name != group.name)
            continue;
        state = PrintState::plain;
        if (!is_on(known.on, switches))
            return;
        out += group.name + ":\n";
        for (const Counter& counter : group.counters)
            entry(known.table, counter);
        return;
    }
    // Unknown sections print whatever the switches say and keep the indentation state.
    out += group.name + ":\n";
    for (const Counter& counter : group.counters)
        entry({}, counter);
}

} // namespace

const StatSentence* find_stat_sentence(std::string_view table, std::string_view key) {
    std::span<const StatSentence> all = stat_sentences();
    std::size_t first = 0;
    while (first < all.size() && all[first].table != table)
        ++first;
    std::size_t last = first;
    while (last < all.size() && all[last].table == table)
        ++last;
    // glibc bsearch() with strcmp over the table as stored (not sorted in the reference).
    std::size_t low = first;
    std::size_t high = last;
    // strcmp() stops at a NUL; the table's keys have none, so comparing up to it is the same.
    const std::string_view key_text = key.substr(0, key.find('\0'));
    while (low < high) {
        std::size_t middle = (low + high) / 2;
        int order = key_text.compare(all[middle].key);
        if (order < 0)
            high = middle;
        else if (order > 0)
            low = middle + 1;
        else
            return &all[middle];
    }
    return nullptr;
}

std::string render_statistics(std::span<const StatsInput> inputs, StatsSwitches switches) {
    Engine engine{switches, PrintState::plain, {}};
    for (const StatsInput& input : inputs)
        for (const CounterGroup& group : input.groups)
            engine.group(group, input.family);
    return std::move(engine.out);
}

} // namespace netstat_audit
