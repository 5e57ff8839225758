// SPDX-License-Identifier: MIT
// Tests for the /proc/net/igmp and /proc/net/igmp6 parser.
#include "netstat_audit/parse/igmp.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace netstat_audit;

namespace {

constexpr std::string_view k_igmp_header =
    "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n";
constexpr std::string_view k_igmp_lo = "1\tlo        :     1      V3\n"
                                       "\t\t\t\t010000E0     1 0:00000000\t\t0\n";
constexpr std::string_view k_igmp6_row =
    "4    eth0            ff0200000000000000000001ff000002     3 00000004 0\n";

std::string igmp(std::string_view body) {
    return std::string(k_igmp_header) + std::string(body);
}

} // namespace

TEST(ParseIgmp, HeaderOnlyFileHasNoRows) {
    auto result = parse_igmp(k_igmp_header, IgmpFormat::igmp, "net/igmp");
    EXPECT_TRUE(result.rows.empty());
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(igmp_format_after(k_igmp_header, IgmpFormat::igmp), IgmpFormat::igmp);
}

TEST(ParseIgmp, DeviceLineThenGroupLines) {
    auto result =
        parse_igmp(igmp(std::string(k_igmp_lo) + "4\teth0      :     3      V2\n"
                                                 "\t\t\t\tFB0000E0     2 1:00000010\t\t1\n"),
                   IgmpFormat::igmp, "net/igmp");
    ASSERT_EQ(result.rows.size(), 4u);
    EXPECT_EQ(result.rows[0].entry, GroupEntry::igmp_device);
    EXPECT_EQ(result.rows[0].device_field, "lo        :    ");
    EXPECT_FALSE(is_membership(result.rows[0]));
    // The device keeps the blanks of "%-10s" up to the ':'.
    EXPECT_EQ(result.rows[1].entry, GroupEntry::igmp_membership);
    EXPECT_EQ(result.rows[1].interface_name, "lo        ");
    EXPECT_EQ(result.rows[1].refcount, 1);
    EXPECT_EQ(format_numeric(result.rows[1].group), "224.0.0.1");
    EXPECT_EQ(result.rows[3].interface_name, "eth0      ");
    EXPECT_EQ(result.rows[3].refcount, 2);
    EXPECT_EQ(format_numeric(result.rows[3].group), "224.0.0.251");
}

TEST(ParseIgmp, BogusRowBetweenTwoGoodOnes) {
    auto result =
        parse_igmp(igmp(std::string(k_igmp_lo) + "\t\t\t\tzz     1 0:00000000\t\t0\n"
                                                 "\t\t\t\t020000E0     4 0:00000000\t\t0\n"),
                   IgmpFormat::igmp, "net/igmp");
    ASSERT_EQ(result.rows.size(), 3u);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].file, "net/igmp");
    EXPECT_EQ(result.diagnostics[0].line, 4u);
    EXPECT_EQ(result.diagnostics[0].reason, "bogus igmp line");
    EXPECT_EQ(format_numeric(result.rows[2].group), "224.0.0.2");
}

TEST(ParseIgmp, NoTrailingNewlineShortHexAndOverflowingUsers) {
    auto result = parse_igmp(igmp("5\tverylongifname1:     1      V3\n"
                                  "\t\t\t\tE0 -5\n\t\t\t\t00000000 2147483648"),
                             IgmpFormat::igmp, "net/igmp");
    ASSERT_EQ(result.rows.size(), 3u);
    EXPECT_EQ(result.rows[1].interface_name, "verylongifname1");
    EXPECT_EQ(result.rows[1].refcount, -5);
    EXPECT_EQ(format_numeric(result.rows[1].group), "224.0.0.0");
    EXPECT_EQ(result.rows[2].refcount, -2147483648);
}

TEST(ParseIgmp, ShortDeviceLineStandsAlone) {
    // "%15c" takes what the line has, newline included; the tail of the earlier name that
    // netstat shows is IgmpCarryOver's (groups_view_test).
    auto result = parse_igmp(igmp("6\tabcdefghijk:     1      V3\n7\tx\n\t\t\t\t0000000A 7\n"),
                             IgmpFormat::igmp, "net/igmp");
    ASSERT_EQ(result.rows.size(), 3u);
    EXPECT_EQ(result.rows[1].device_field, "x\n");
    EXPECT_EQ(result.rows[2].interface_name, "x\n");
}

TEST(ParseIgmp, RowBeforeAnyDeviceLineHasNoName) {
    auto result = parse_igmp(igmp("\t\t\t\t010000E0     1\n"), IgmpFormat::igmp, "net/igmp");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].interface_name, "");
}

TEST(ParseIgmp, EmptyLineAndLineWithoutIndexAreBogus) {
    auto result = parse_igmp(igmp("\nbogus\n"), IgmpFormat::igmp, "net/igmp");
    EXPECT_TRUE(result.rows.empty());
    ASSERT_EQ(result.diagnostics.size(), 2u);
    EXPECT_EQ(result.diagnostics[1].line, 3u);
}

TEST(ParseIgmp, HeaderWithoutIdxReadsDeviceFromLineStart) {
    auto result = parse_igmp("Device    : Count\nlo        :     1\n\t\t\t\t010000E0     1\n",
                             IgmpFormat::igmp, "net/igmp");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[1].interface_name, "lo        ");
}

TEST(ParseIgmp6, FirstLineIsDataAndEveryField) {
    auto result = parse_igmp(k_igmp6_row, IgmpFormat::igmp, "net/igmp6");
    EXPECT_EQ(igmp_format_after(k_igmp6_row, IgmpFormat::igmp), IgmpFormat::igmp6);
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].entry, GroupEntry::membership);
    EXPECT_EQ(result.rows[0].interface_name, "eth0");
    EXPECT_EQ(result.rows[0].refcount, 3);
    EXPECT_EQ(format_numeric(result.rows[0].group), "ff02::1:ff00:2");
}

TEST(ParseIgmp6, BogusRowBetweenTwoGoodOnes) {
    auto result = parse_igmp(std::string(k_igmp6_row) + "bad line\n" + std::string(k_igmp6_row),
                             IgmpFormat::igmp, "net/igmp6");
    EXPECT_EQ(result.rows.size(), 2u);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].line, 2u);
    EXPECT_EQ(result.diagnostics[0].reason, "bogus igmp6 line");
}

TEST(ParseIgmp6, LongNameShortHexNoTrailingNewline) {
    auto result = parse_igmp("9    verylongifname12345 ff02 3 x\n"
                             "4    eth0            0000000000000000000000000000000     1 0 0",
                             IgmpFormat::igmp, "net/igmp6");
    // "%15s" stops inside the name, so the rest of it is read as the group: no users field.
    ASSERT_EQ(result.diagnostics.size(), 1u);
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(format_numeric(result.rows[0].group), "::");
}

TEST(ParseIgmp6, FormatCarriesFromIgmpToIgmp6) {
    // An igmp file without a "Device" header switches both files to the igmp6 format; the
    // "Device" first line of the second file is then a header and its data stays igmp6.
    const IgmpFormat second = igmp_format_after(k_igmp6_row, IgmpFormat::igmp);
    EXPECT_EQ(second, IgmpFormat::igmp6);
    EXPECT_EQ(igmp_format_after(igmp(k_igmp6_row), second), IgmpFormat::igmp6);
    EXPECT_EQ(igmp_format_after("", IgmpFormat::igmp), IgmpFormat::igmp);
    auto igmp6 = parse_igmp(igmp(k_igmp6_row), second, "net/igmp6");
    ASSERT_EQ(igmp6.rows.size(), 1u);
    EXPECT_EQ(igmp6.rows[0].interface_name, "eth0");
    EXPECT_TRUE(igmp6.diagnostics.empty());
    // Read with igmp's format instead, the same line is a device line.
    auto as_igmp = parse_igmp(igmp(k_igmp6_row), IgmpFormat::igmp, "net/igmp6");
    ASSERT_EQ(as_igmp.rows.size(), 1u);
    EXPECT_EQ(as_igmp.rows[0].entry, GroupEntry::igmp_device);
}
