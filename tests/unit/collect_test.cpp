// SPDX-License-Identifier: MIT
// Tests for netstat's section rules and the collection of socket tables from a proc tree.
#include "netstat_audit/source/collect.hpp"

#include "options_for.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <unistd.h>
#include <vector>

using namespace netstat_audit;
using netstat_audit::test_support::options_for;

namespace {

// A proc tree in a temporary directory, removed at the end of the test.
class ProcTree {
public:
    ProcTree() {
        m_root = std::filesystem::temp_directory_path() /
                 ("collect_test." + std::to_string(::getpid()) + "." + std::to_string(s_count++));
        std::filesystem::create_directories(m_root / "net");
    }
    ~ProcTree() { std::filesystem::remove_all(m_root); }
    void write(const std::string& relative, const std::string& text) {
        std::filesystem::create_directories((m_root / relative).parent_path());
        std::ofstream(m_root / relative) << text;
    }
    void symlink(const std::string& relative, const std::string& target) {
        std::filesystem::create_directories((m_root / relative).parent_path());
        std::filesystem::create_symlink(target, m_root / relative);
    }
    ProcFs proc() const { return ProcFs(m_root.string()); }

private:
    static inline int s_count = 0;
    std::filesystem::path m_root;
};

constexpr const char* k_tcp = "  sl  local_address rem_address   st ...\n"
                              "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 "
                              "00:00000000 00000000 0 0 1001 1\n";

} // namespace

TEST(SelectSockets, NoOptionsListsEverything) {
    SocketSelection s = select_sockets(options_for({}));
    EXPECT_FALSE(s.explicit_selection);
    EXPECT_TRUE(s.tcp && s.sctp && s.udp && s.udplite && s.raw && s.unix && s.inet_header);
    EXPECT_TRUE(s.read_ipv4 && s.read_ipv6);
}

TEST(SelectSockets, FamilyOptionImpliesInternetProtocolsOnly) {
    SocketSelection s = select_sockets(options_for({"-4"}));
    EXPECT_TRUE(s.explicit_selection);
    EXPECT_TRUE(s.implicit);
    EXPECT_TRUE(s.tcp && s.raw);
    EXPECT_FALSE(s.unix);
    EXPECT_TRUE(s.read_ipv4);
    EXPECT_FALSE(s.read_ipv6);
}

TEST(SelectSockets, ProtocolOptionReadsBothFamiliesNoUnix) {
    SocketSelection s = select_sockets(options_for({"-t"}));
    EXPECT_TRUE(s.tcp);
    EXPECT_FALSE(s.udp || s.unix || s.implicit);
    EXPECT_TRUE(s.read_ipv4 && s.read_ipv6);
}

TEST(SelectSockets, ProgramsWalkOnlyBeforeInternetOrUnixTables) {
    EXPECT_FALSE(select_sockets(options_for({"-gp"})).programs);
    EXPECT_TRUE(select_sockets(options_for({"-gpx"})).programs);
}

TEST(CollectSocketTables, ReadsSelectedFilesAndRecordsMissingOnes) {
    ProcTree tree;
    tree.write("net/tcp", k_tcp);
    SocketTables tables = collect_socket_tables(tree.proc(), select_sockets(options_for({"-t"})));
    ASSERT_EQ(tables.tcp.size(), 2u);
    EXPECT_EQ(tables.tcp[0].relative, "net/tcp");
    EXPECT_FALSE(tables.tcp[0].error);
    ASSERT_EQ(tables.tcp[0].parsed.rows.size(), 1u);
    EXPECT_EQ(tables.tcp[0].parsed.rows[0].inode, 1001u);
    EXPECT_EQ(tables.tcp[1].relative, "net/tcp6");
    EXPECT_EQ(tables.tcp[1].error.value(), ENOENT);
    EXPECT_TRUE(tables.udp.empty());
    EXPECT_TRUE(tables.unix.empty());
    EXPECT_FALSE(tables.processes.has_value());
}

TEST(CollectSocketTables, SctpTablesFollowTheListingFilter) {
    ProcTree tree;
    auto sctp = [&](std::vector<std::string> args) {
        return collect_socket_tables(tree.proc(), select_sockets(options_for(std::move(args))));
    };
    SocketTables listening = sctp({"-Sl4"});
    EXPECT_EQ(listening.sctp_endpoints.size(), 1u);
    EXPECT_TRUE(listening.sctp_associations.empty());
    SocketTables connected = sctp({"-S4"});
    EXPECT_TRUE(connected.sctp_endpoints.empty());
    ASSERT_EQ(connected.sctp_associations.size(), 1u);
    EXPECT_EQ(connected.sctp_associations[0].relative, "net/sctp/assocs");
    EXPECT_EQ(sctp({"-Sa"}).sctp_endpoints.size(), 2u);
}

TEST(CollectSocketTables, ProgramsAddTheProcessMap) {
    ProcTree tree;
    tree.write("net/unix", "Num       RefCount Protocol Flags    Type St Inode Path\n"
                           "0000000000000000: 00000002 00000000 00010000 0001 01 4242 /run/a\n");
    tree.write("77/cmdline", std::string("/usr/sbin/sshd\0-D\0", 19));
    tree.symlink("77/fd/0", "/dev/null");
    tree.symlink("77/fd/3", "socket:[4242]");
    tree.write("78/cmdline", std::string("/bin/idle\0", 10));
    tree.symlink("78/fd/0", "/dev/null");
    SocketTables tables = collect_socket_tables(tree.proc(), select_sockets(options_for({"-xp"})));
    ASSERT_TRUE(tables.processes.has_value());
    ASSERT_EQ(tables.processes->owners.size(), 1u); // 78 holds no socket
    EXPECT_EQ(tables.processes->owners[0].pid, "77");
    EXPECT_EQ(tables.processes->owners[0].argv0, "/usr/sbin/sshd");
    EXPECT_EQ(tables.processes->owners[0].column, "77/sshd");
    EXPECT_EQ(tables.processes->by_inode.find(4242), std::optional<std::uint32_t>(0));
    EXPECT_FALSE(tables.processes->by_inode.find(4243).has_value());
    ASSERT_EQ(tables.unix.size(), 1u);
    EXPECT_FALSE(tables.unix[0].error);
    // without -p no walk happens
    EXPECT_FALSE(collect_socket_tables(tree.proc(), select_sockets(options_for({"-x"})))
                     .processes.has_value());
}
