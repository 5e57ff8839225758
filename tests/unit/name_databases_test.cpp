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
    parse_passwd("a:x:abc:0::/:/bin/sh\n+nis::::::\n+nis:x:7:7::/:\n-gone:x:8:8::/:\n"
                 "big:x:4294967296:0::/:\nmax:x:4294967295:0::/:\n",
                 db);
    ASSERT_EQ(db.users.size(), 1u);
    EXPECT_EQ(db.users.at(4294967295u), "max");
}

// Each case below was checked against glibc 2.36 (getent -s files passwd UID with the line as
// /etc/passwd, in a private mount namespace): the name getpwuid() gives, or none.
TEST(ParsePasswdLine, GlibcFilesBackendRules) {
    struct Case {
        std::string_view line;
        std::optional<std::string_view> name; // nullopt: glibc skips the line
        std::uint32_t uid = 0;
    };
    const Case cases[] = {
        {"root:x:0:0:root:/root:/bin/bash", "root", 0},
        {"#comment:x:1001:0::/:/bin/sh", std::nullopt},
        {"  #indented:x:1023:0::/:", std::nullopt},
        {"  spaced:x:1002:0::/:/bin/sh", "spaced", 1002},
        {"\ttab:x:1010:0::/:/bin/sh", "tab", 1010},
        {"+plus:x:1003:0::/:/bin/sh", std::nullopt},
        {"-minus:x:1004:0::/:/bin/sh", std::nullopt},
        {":x:1005:0::/:/bin/sh", "", 1005},
        {"hash#in:x:1012:0::/:/bin/sh", "hash#in", 1012},
        {"signed:x:+1006:0::/:/bin/sh", "signed", 1006},
        {"sp:x: 1013:0::/:/bin/sh", "sp", 1013},
        {"abc:x:12x:0::/:/bin/sh", std::nullopt},
        {"neg:x:-1014:0::/:/bin/sh", std::nullopt},
        {"hex:x:0x10:0::/:/bin/sh", std::nullopt},
        {"trail:x:1019 :0::/:/bin/sh", std::nullopt},
        {"emptyuid:x::0::/:/bin/sh", std::nullopt},
        {"short:x:1007", std::nullopt},
        {"nogid:x:1008::/:/bin/sh", std::nullopt},
        {"badgid:x:1018:0x::/:/bin/sh", std::nullopt},
        {"gidneg:x:1021:-5::/:/bin/sh", std::nullopt},
        {"gidsp:x:1020: 5::/:/bin/sh", "gidsp", 1020},
        {"fields4:x:1015:0", "fields4", 1015},
        {"cr:x:1017:0::/:/bin/sh\r", "cr", 1017},
        {"big:x:4294967297:0::/:/bin/sh", std::nullopt},
        {"max:x:4294967295:0::/:/bin/sh", "max", 4294967295u},
        {"nocolon", std::nullopt},
        {"   ", std::nullopt},
        {"", std::nullopt},
    };
    for (const Case& c : cases) {
        const auto entry = parse_passwd_line(c.line);
        ASSERT_EQ(entry.has_value(), c.name.has_value()) << c.line;
        if (entry) {
            EXPECT_EQ(entry->name, *c.name) << c.line;
            EXPECT_EQ(entry->uid, c.uid) << c.line;
        }
    }
}

TEST(ParsePasswd, ASkippedLineDoesNotClaimItsUid) {
    NameDatabases db;
    parse_passwd("+nis:x:0:0::/:\n#old:x:0:0::/:\nroot:x:0:0::/:\ntoor:x:0:0::/:\n", db);
    EXPECT_EQ(db.users.at(0), "root");
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
