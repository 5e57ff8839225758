// SPDX-License-Identifier: MIT
// netstat's -s report: counters turned into its sentences, histograms and "Key: value" lines.
#pragma once

#include "netstat_audit/model/counters.hpp"

#include <span>
#include <string>
#include <string_view>

namespace netstat_audit {

// How netstat prints a known counter (golden cases in stats.cases).
enum class StatKind {
    fixed,         // I_STATIC: never printed
    silent,        // a number without sentence (RtoMin, RtoMax, MaxConn): never printed
    number,        // the sentence, also for 0
    opt,           // the sentence when non-zero
    in_histogram,  // under "ICMP input histogram:" when non-zero
    out_histogram, // under "ICMP output histogram:" when non-zero
};

// One row of netstat's sentence tables; `sentence` has "%llu" where the value goes.
struct StatSentence {
    std::string_view table; // "Iptab", "Tcpexttab", ...
    std::string_view key;   // kernel field name as the reference spells it
    StatKind kind;
    std::string_view sentence;
};

// Every row of every table, grouped by table, each table in the reference's order.
std::span<const StatSentence> stat_sentences();

// The sentence row netstat finds for `key` in `table`, or nullptr. Like the reference this is
// a binary search over a table that is not sorted, so some listed keys are never found.
const StatSentence* find_stat_sentence(std::string_view table, std::string_view key);

// Which known sections print (-w raw, -t tcp, -u udp, -S sctp).
struct StatsSwitches {
    bool raw = true;
    bool tcp = true;
    bool udp = true;
    bool sctp = true;
};

// Which table set names the sections of a file: snmp/netstat/sctp or snmp6.
enum class StatsFamily { ipv4, ipv6 };

// The groups of one file in order, with the family of its tables.
struct StatsInput {
    std::span<const CounterGroup> groups;
    StatsFamily family = StatsFamily::ipv4;
};

// The report for `inputs` in order (golden cases in stats.cases): known sections only when their
// switch is on, unknown sections always; indentation state carries across groups and files.
std::string render_statistics(std::span<const StatsInput> inputs, StatsSwitches switches);

} // namespace netstat_audit
