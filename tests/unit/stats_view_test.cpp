// SPDX-License-Identifier: MIT
// Tests for the -s presenter and its sentence table.
#include "netstat_audit/view/stats_view.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <set>
#include <sstream>

using namespace netstat_audit;

namespace {

std::string render_stats(std::vector<CounterGroup> groups, StatsSwitches switches = {},
                         StatsFamily family = StatsFamily::ipv4) {
    const StatsInput inputs[] = {{groups, family}};
    return render_statistics(inputs, switches);
}

// The StatKind a row of stat-tables.tsv describes: its type column is the reference's
// ("opt_number", "i_inp_icmp I_TITLE", "number I_STATIC", ...) and a number without a
// sentence is never printed.
std::optional<StatKind> kind_from_tsv(const std::string& type, const std::string& sentence) {
    if (type.ends_with(" I_STATIC"))
        return StatKind::fixed;
    if (type == "i_inp_icmp I_TITLE")
        return StatKind::in_histogram;
    if (type == "i_outp_icmp I_TITLE")
        return StatKind::out_histogram;
    if (type == "opt_number")
        return StatKind::opt;
    if (type == "number")
        return sentence.empty() ? StatKind::silent : StatKind::number;
    return std::nullopt;
}

} // namespace

TEST(StatSentences, TableEqualsTheProbeKitData) {
    std::ifstream in(NETSTAT_AUDIT_TEST_FIXTURES "/stats/stat-tables.tsv");
    ASSERT_TRUE(in);
    std::string line;
    std::size_t index = 0;
    auto table = stat_sentences();
    while (std::getline(in, line)) {
        if (line.starts_with("#"))
            continue;
        ASSERT_LT(index, table.size());
        std::istringstream fields(line);
        std::string name, key, kind, sentence;
        std::getline(fields, name, '\t');
        std::getline(fields, key, '\t');
        std::getline(fields, kind, '\t');
        std::getline(fields, sentence);
        EXPECT_EQ(table[index].table, name);
        EXPECT_EQ(table[index].key, key);
        std::optional<StatKind> expected_kind = kind_from_tsv(kind, sentence);
        ASSERT_TRUE(expected_kind.has_value()) << "unknown type column: " << kind;
        EXPECT_EQ(table[index].kind, *expected_kind) << name << " " << key;
        EXPECT_EQ(table[index].sentence, sentence);
        ++index;
    }
    EXPECT_EQ(index, table.size());
}

TEST(StatSentences, UnreachableKeysAreExactlyTheReferencesOnes) {
    std::set<std::string> unreachable;
    for (const StatSentence& row : stat_sentences())
        if (find_stat_sentence(row.table, row.key) != &row)
            unreachable.insert(std::string(row.key));
    std::set<std::string> expected = {"Forwarding",
                                      "TCPDirectCopyFromPrequeue",
                                      "TCPDSACKOfoRecv",
                                      "TCPDSACKOfoSent",
                                      "TCPDSACKOldSent",
                                      "TCPDSACKRecv",
                                      "TCPDSackUndo",
                                      "TCPDSACKUndo",
                                      "TCPLoss",
                                      "TCPPrequeueDropped",
                                      "TCPRenoRecoveryFailed",
                                      "TCPRenoRecoveryFail",
                                      "TCPSackFailures",
                                      "TCPSackRecoveryFail",
                                      "TCPSackRecovery",
                                      "TCPSACKReneging",
                                      "TCPTimeouts",
                                      "TWKilled"};
    EXPECT_EQ(unreachable, expected);
    // Found by the search, but spelt with a trailing blank: the kernel's key never matches.
    EXPECT_EQ(find_stat_sentence("Icmp6tab", "Icmp6OutRouterAdvertisements"), nullptr);
}

TEST(RenderStatistics, SentencesUnknownKeysAndSilentOnes) {
    std::string out = render_stats({{"Ip",
                                     {{"Forwarding", 1},
                                      {"DefaultTTL", 64},
                                      {"InReceives", 0},
                                      {"InHdrErrors", 0},
                                      {"OutTransmits", 7}}},
                                    {"Tcp", {{"MaxConn", -1}, {"ActiveOpens", -1}}}});
    EXPECT_EQ(out, "Ip:\n"
                   "    Forwarding: 1\n"
                   "    0 total packets received\n"
                   "    OutTransmits: 7\n"
                   "Tcp:\n"
                   "    18446744073709551615 active connection openings\n");
}

TEST(RenderStatistics, HistogramTitlesAndIndentCarryIntoUnknownSections) {
    std::string out = render_stats({{"Icmp", {{"InMsgs", 1}, {"InEchos", 0}, {"OutEchos", 2}}},
                                    {"IcmpMsg", {{"OutType8", 2}}}});
    EXPECT_EQ(out, "Icmp:\n"
                   "    1 ICMP messages received\n"
                   "    ICMP input histogram:\n"
                   "        ICMP output histogram:\n"
                   "        echo requests: 2\n"
                   "IcmpMsg:\n"
                   "        OutType8: 2\n");
}

TEST(RenderStatistics, SwitchedOffKnownSectionsVanishUnknownOnesStay) {
    StatsSwitches tcp_only{false, true, false, false};
    std::string out =
        render_stats({{"Udp", {{"InDatagrams", 3}}}, {"UdpLite", {{"InDatagrams", 4}}}}, tcp_only);
    EXPECT_EQ(out, "UdpLite:\n    InDatagrams: 4\n");
}

TEST(RenderStatistics, Ipv6TablesAreFoundByFamily) {
    std::string out = render_stats({{"Udp6", {{"Udp6InDatagrams", 5}}}}, {}, StatsFamily::ipv6);
    EXPECT_EQ(out, "Udp6:\n    5 packets received\n");
}
