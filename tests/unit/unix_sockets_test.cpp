// SPDX-License-Identifier: MIT
// Tests for the /proc/net/unix parser.
#include "netstat_audit/parse/unix_sockets.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {
constexpr std::string_view k_unix_header =
    "Num       RefCount Protocol Flags    Type St Inode Path\n";
}

TEST(ParseUnixSockets, FullRow) {
    std::string text = std::string(k_unix_header) +
                       "0000000000000000: 00000002 00000000 00010000 0001 01  7001 /run/x.sock\n";
    auto result = parse_unix_sockets(text, "net/unix");
    ASSERT_EQ(result.rows.size(), 1u);
    const UnixSocket& s = result.rows[0];
    EXPECT_EQ(s.refcount, 2u);
    EXPECT_EQ(s.flags, k_unix_flag_accept);
    EXPECT_EQ(s.type, 1u);
    EXPECT_EQ(s.state, 1u);
    EXPECT_EQ(s.inode, 7001u);
    EXPECT_EQ(s.path, "/run/x.sock");
}

TEST(ParseUnixSockets, PathIsCutAtBlankAndMayBeMissing) {
    std::string text = std::string(k_unix_header) +
                       "0000000000000000: 00000002 00000000 00000000 0001 03 7013 /tmp/a b\n"
                       "0000000000000000: 00000002 00000000 00000000 0001 03 7014\n";
    auto result = parse_unix_sockets(text, "net/unix");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].path, "/tmp/a");
    EXPECT_EQ(result.rows[1].path, "");
}

TEST(ParseUnixSockets, SixFieldsKeptFiveBogus) {
    std::string text = std::string(k_unix_header) +
                       "0000000000000000: 00000002 00000000 00000000 0001 03\n"
                       "0000000000000000: 00000002 00000000 00000000 0001\n"
                       "garbage\n";
    auto result = parse_unix_sockets(text, "net/unix");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_FALSE(result.rows[0].inode.has_value()); // the view shows 0 (UnixCarryOver)
    ASSERT_EQ(result.diagnostics.size(), 2u);
    EXPECT_EQ(result.diagnostics[0].line, 3u);
}

TEST(ParseUnixSockets, HeaderWithoutInodeColumn) {
    std::string text = "Num       RefCount Protocol Flags    Type St Path\n"
                       "0000000000000000: 00000002 00000000 00010000 0001 01 /run/x.sock\n";
    auto result = parse_unix_sockets(text, "net/unix");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_FALSE(result.rows[0].inode_column);
    EXPECT_FALSE(result.rows[0].inode.has_value()); // "/run/x.sock" is no inode: the scan stops
    EXPECT_EQ(result.rows[0].path, "");
}

TEST(ParseUnixSockets, HeaderWithoutInodeColumnStillScansTheSeventhFieldAsInode) {
    std::string text = "Num       RefCount Protocol Flags    Type St Path\n"
                       "0000000000000000: 00000002 00000000 00010000 0001 01 11111 /run/a\n"
                       "0000000000000000: 00000002 00000000 00010000 0001 01 4294967296\n";
    auto result = parse_unix_sockets(text, "net/unix");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_FALSE(result.rows[0].inode_column);
    EXPECT_EQ(result.rows[0].inode, 11111u);
    EXPECT_EQ(result.rows[0].path, "/run/a");
    EXPECT_EQ(result.rows[1].inode, 4294967296u);
    EXPECT_TRUE(result.diagnostics.empty());
}

TEST(ParseUnixSockets, MissingInodeIsAbsent) {
    std::string text = std::string(k_unix_header) +
                       "0000000000000000: 00000002 00000000 00000000 0001 03 5555 /a\n"
                       "0000000000000000: 00000002 00000000 00000000 0001 03\n";
    auto result = parse_unix_sockets(text, "net/unix");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].inode, 5555u);
    EXPECT_TRUE(result.rows[1].inode_column);
    EXPECT_FALSE(result.rows[1].inode.has_value());
    EXPECT_EQ(result.rows[1].path, "");
}
