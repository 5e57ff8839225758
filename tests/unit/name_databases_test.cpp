// SPDX-License-Identifier: MIT
// Tests for the files-backend name database parsers (a capture's etc/ copies).
#include "netstat_audit/parse/name_databases.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

TEST(ParsePasswd, FirstLineOfAUidWins) {
    NameDatabases db;
    parse_passwd("root:x:0:0:root:/root:/bin/bash\n"
                 "toor:x:0:0::/root:/bin/sh\n"
                 "broken line\n"
                 "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin", // no newline
                 db);
    ASSERT_EQ(db.users.size(), 2u);
    EXPECT_EQ(db.users.at(0), "root");
    EXPECT_EQ(db.users.at(65534), "nobody");
}

TEST(ParsePasswd, SkipsBadUidsAndCompatEntries) {
    NameDatabases db;
    parse_passwd("a:x:abc:0::/:/bin/sh\n+nis::::::\n:x:5:5::/:\nbig:x:4294967296:0::/:\n"
                 "max:x:4294967295:0::/:\n",
                 db);
    ASSERT_EQ(db.users.size(), 1u);
    EXPECT_EQ(db.users.at(4294967295u), "max");
}

TEST(ParseServices, LastEntryOfAPortWinsPerProtocol) {
    NameDatabases db;
    parse_services("# comment\n"
                   "ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol\n"
                   "domain 53/tcp\ndomain 53/udp\n"
                   "http 80/tcp www\nwww-alt 80/tcp\n"
                   "bogus 70000/tcp\nnoport tcp\nsctp-only 9/sctp\n"
                   "rawsvc 7/raw\n",
                   db);
    EXPECT_EQ(db.tcp.at(22), "ssh");
    EXPECT_EQ(db.tcp.at(53), "domain");
    EXPECT_EQ(db.udp.at(53), "domain");
    EXPECT_EQ(db.tcp.at(80), "www-alt");
    EXPECT_EQ(db.tcp.size(), 3u);
    EXPECT_EQ(db.raw.at(7), "rawsvc");
}

TEST(ParseServices, CutsNamesTo63Bytes) {
    NameDatabases db;
    parse_services(std::string(70, 'n') + " 1/tcp\n", db);
    EXPECT_EQ(db.tcp.at(1), std::string(63, 'n'));
}

TEST(ParseProtocols, ReplaceRawServices) {
    NameDatabases db;
    parse_services("rawsvc 1/raw\n", db);
    parse_protocols("ip\t0\tIP\t\t# internet protocol\nicmp 1 ICMP\nipv6-icmp 58 IPv6-ICMP\n"
                    "bad x\nbig 300\n",
                    db);
    EXPECT_EQ(db.raw.at(0), "ip");
    EXPECT_EQ(db.raw.at(1), "icmp");
    EXPECT_EQ(db.raw.at(58), "ipv6-icmp");
    EXPECT_EQ(db.raw.size(), 3u);
}

TEST(ParseHosts, FirstNameOfFirstLineInItsFamily) {
    NameDatabases db;
    parse_hosts("127.0.0.1\tlocalhost\n127.0.1.1 vm.example vm\n127.0.0.1 other\n"
                "::1     localhost ip6-localhost ip6-loopback\n"
                "not-an-address name\n10.0.0.1\n",
                db);
    EXPECT_EQ(db.hosts.at(host_key(make_ipv4(127, 0, 0, 1))), "localhost");
    EXPECT_EQ(db.hosts.at(host_key(make_ipv4(127, 0, 1, 1))), "vm.example");
    IpAddress loopback6;
    loopback6.version = IpVersion::v6;
    loopback6.bytes[15] = 1;
    EXPECT_EQ(db.hosts.at(host_key(loopback6)), "localhost");
    EXPECT_EQ(db.hosts.size(), 3u);
    EXPECT_EQ(db.hosts.count(host_key(make_ipv4(10, 0, 0, 1))), 0u);
}

TEST(ParseNetworks, PadsShortNumbersAsGlibcDoes) {
    NameDatabases db;
    parse_networks("default\t\t0.0.0.0\nloopback\t127.0.0.0\nlink-local\t169.254.0.0\n"
                   "ten 10\nlocal 127\nbad x.y\n",
                   db);
    EXPECT_EQ(db.networks.at(0), "default");
    EXPECT_EQ(db.networks.at(0x7F000000u), "loopback"); // first of 127.0.0.0 and "127"
    EXPECT_EQ(db.networks.at(0xA9FE0000u), "link-local");
    EXPECT_EQ(db.networks.at(0x0A000000u), "ten");
    EXPECT_EQ(db.networks.size(), 4u);
}
