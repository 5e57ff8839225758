// SPDX-License-Identifier: MIT
// Tests for the fgets chunker, the scanf-compatible scanner and byte padding.
#include "netstat_audit/parse/scanner.hpp"
#include "netstat_audit/view/text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace netstat_audit;

namespace {

std::vector<std::string> chunks(std::string_view text) {
    std::vector<std::string> result;
    for_each_fgets_chunk(text, [&](std::string_view chunk) { result.emplace_back(chunk); });
    return result;
}

} // namespace

TEST(ForEachFgetsChunk, SplitsAtNewlinesKeepingThem) {
    EXPECT_EQ(chunks("a\nbb\n"), (std::vector<std::string>{"a\n", "bb\n"}));
}

TEST(ForEachFgetsChunk, LastLineWithoutNewline) {
    EXPECT_EQ(chunks("a\nb"), (std::vector<std::string>{"a\n", "b"}));
}

TEST(ForEachFgetsChunk, EmptyLineIsAChunk) {
    EXPECT_EQ(chunks("a\n\nb\n"), (std::vector<std::string>{"a\n", "\n", "b\n"}));
}

TEST(ForEachFgetsChunk, LongLineIsCutAt8191Bytes) {
    std::string line(8191, 'x');
    auto result = chunks(line + "\n");
    ASSERT_EQ(result.size(), 2u);
    EXPECT_EQ(result[0].size(), 8191u);
    EXPECT_EQ(result[1], "\n");
    EXPECT_EQ(chunks(std::string(8190, 'x') + "\n").size(), 1u);
}

TEST(ScanCursor, HexWithSignAndPrefixLikeScanf) {
    ScanCursor in("  0x1F -1 +a zz");
    EXPECT_EQ(in.unsigned_number(16), 0x1Fu);
    EXPECT_EQ(in.unsigned_number(16), 0xFFFFFFFFFFFFFFFFu);
    EXPECT_EQ(in.unsigned_number(16), 0xAu);
    EXPECT_FALSE(in.unsigned_number(16).has_value());
}

TEST(ScanCursor, UnsignedOverflowSaturates) {
    ScanCursor in("123456789012345678901234567890");
    EXPECT_EQ(in.unsigned_number(10), 0xFFFFFFFFFFFFFFFFu);
}

TEST(ScanCursor, SignedNumbers) {
    ScanCursor in("-5 +7 99999999999999999999 x");
    EXPECT_EQ(in.signed_number(), -5);
    EXPECT_EQ(in.signed_number(), 7);
    EXPECT_EQ(in.signed_number(), INT64_MAX);
    EXPECT_FALSE(in.signed_number().has_value());
}

TEST(ScanCursor, HexDigitsDoNotSkipBlanksAndStopAtMax) {
    ScanCursor in("ABCDEF:12");
    EXPECT_EQ(in.hex_digits(4), "ABCD");
    EXPECT_EQ(in.hex_digits(64), "EF");
    EXPECT_TRUE(in.literal(':'));
    ScanCursor blank(" AB");
    EXPECT_FALSE(blank.hex_digits(64).has_value());
}

TEST(ScanCursor, NulByteEndsTheLine) {
    ScanCursor in(std::string_view("12\0 34", 6));
    EXPECT_EQ(in.unsigned_number(10), 12u);
    EXPECT_FALSE(in.unsigned_number(10).has_value());
    EXPECT_TRUE(in.at_end());
}

TEST(ScanCursor, WordStopsAtBlank) {
    ScanCursor in("  /tmp/path with space");
    EXPECT_EQ(in.word(), "/tmp/path");
    EXPECT_EQ(in.word(), "with");
}

TEST(Padding, CountsBytesNotCharacters) {
    std::string out;
    append_left(out, "\xc3\xa9", 4); // "é" is two bytes
    EXPECT_EQ(out, "\xc3\xa9  ");
    out.clear();
    append_right(out, "42", 6);
    EXPECT_EQ(out, "    42");
    out.clear();
    append_left(out, "toolongvalue", 4);
    EXPECT_EQ(out, "toolongvalue");
}

// The conversions the route, igmp, sctp and counter parsers use (sscanf %02x, %04X, %d into
// int, %15c, strtoul base 0, %n).
TEST(ScanCursor, WidthCountsSignAndPrefix) {
    ScanCursor in(" 0x1F -12 ff0a");
    EXPECT_EQ(in.uint32_number(16, 2), 0U); // "0x" fills the width: 0, "1F" left
    EXPECT_EQ(in.uint32_number(16, 2), 0x1FU);
    EXPECT_EQ(in.uint32_number(16, 2), 0xFFFFFFFFU); // "-1" of "-12", wrapped to 32 bits
    EXPECT_EQ(in.uint32_number(16), 2U);
    EXPECT_EQ(in.uint32_number(16, 2), 0xFFU);
    EXPECT_EQ(in.rest(), "0a");
}

TEST(ScanCursor, Int32KeepsLowBitsOfSaturatedLong) {
    EXPECT_EQ(ScanCursor("4294967297").int32_number(), 1);
    EXPECT_EQ(ScanCursor("99999999999999999999").int32_number(), -1); // LONG_MAX's low bits
    EXPECT_EQ(ScanCursor("-99999999999999999999").int32_number(), 0); // LONG_MIN's low bits
    EXPECT_EQ(ScanCursor("x").int32_number(), std::nullopt);
}

TEST(ScanCursor, BaseZeroLikeStrtoul) {
    EXPECT_EQ(ScanCursor("0x10").unsigned_number(0), 16U);
    EXPECT_EQ(ScanCursor("010").unsigned_number(0), 8U);
    EXPECT_EQ(ScanCursor("10").unsigned_number(0), 10U);
    EXPECT_EQ(ScanCursor("-1").unsigned_number(0), UINT64_MAX);
}

TEST(ScanCursor, CharactersAndWordWidth) {
    ScanCursor in("1\teth0:1\tx");
    ASSERT_EQ(in.int32_number(), 1);
    EXPECT_EQ(in.characters(4), "\teth");
    EXPECT_EQ(in.word(2), "0:");
    EXPECT_EQ(in.characters(15), "1\tx");
    EXPECT_EQ(in.characters(1), std::nullopt);
}
