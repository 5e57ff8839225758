// SPDX-License-Identifier: MIT
// Tests for --proc-root: a capture directory stands for its proc/, and messages about files
// that cannot be read name the path actually read (the default /proc texts stay netstat's).
#include "netstat_audit/cli/app.hpp"
#include "netstat_audit/cli/cli.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace netstat_audit;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed with the fixture.
class ProcRoot : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "proc_root_test.XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
    }
    void TearDown() override { fs::remove_all(m_dir); }
    const std::string& dir() const { return m_dir; }

private:
    std::string m_dir;
};

struct Ran {
    std::string out, err;
    int status = 0;
};

Ran run_args(std::vector<std::string> args) {
    args.insert(args.begin(), "netstat-audit");
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    char* out_buffer = nullptr;
    char* err_buffer = nullptr;
    std::size_t out_size = 0, err_size = 0;
    Output output{open_memstream(&out_buffer, &out_size), open_memstream(&err_buffer, &err_size)};
    Options options = parse_command_line(static_cast<int>(args.size()), argv.data(), output.err);
    Ran result;
    result.status = run(options, output);
    std::fclose(output.out);
    std::fclose(output.err);
    result.out.assign(out_buffer, out_size);
    result.err.assign(err_buffer, err_size);
    std::free(out_buffer);
    std::free(err_buffer);
    return result;
}

} // namespace

TEST_F(ProcRoot, CaptureDirectoryStandsForItsProc) {
    fs::create_directories(dir() + "/proc/net");
    EXPECT_EQ(resolve_proc_root(dir()), dir() + "/proc");
    EXPECT_EQ(resolve_proc_root(dir() + "/"), dir() + "/proc");
    EXPECT_EQ(resolve_proc_root(dir() + "/proc"), dir() + "/proc");
}

TEST_F(ProcRoot, TreeWithoutProcNetIsKept) {
    EXPECT_EQ(resolve_proc_root(dir() + "//"), dir());
    fs::create_directories(dir() + "/net");
    fs::create_directories(dir() + "/proc/net");
    EXPECT_EQ(resolve_proc_root(dir()), dir()); // its own net/ wins
}

TEST(JoinProcPath, SpellsTheDefaultRootAsNetstatDoes) {
    EXPECT_EQ(join_proc_path("/proc", "net/tcp"), "/proc/net/tcp");
    EXPECT_EQ(join_proc_path("/", "net/tcp"), "/net/tcp");
    EXPECT_EQ(join_proc_path("/captures/web1/proc", "net/snmp"), "/captures/web1/proc/net/snmp");
}

TEST_F(ProcRoot, RouteMessageNamesTheCapturePath) {
    fs::create_directories(dir() + "/proc/net");
    Ran ran = run_args({"-rn", "--proc-root", dir()});
    EXPECT_EQ(ran.status, 1);
    EXPECT_EQ(ran.err, dir() + "/proc/net/route: No such file or directory\n");
    EXPECT_EQ(ran.out, "INET (IPv4) not configured in this system.\n");
}

TEST_F(ProcRoot, StatisticsMessageNamesTheCapturePath) {
    fs::create_directories(dir() + "/net");
    Ran ran = run_args({"-s", "--proc-root=" + dir()});
    EXPECT_EQ(ran.status, 0);
    EXPECT_EQ(ran.err, "cannot open " + dir() + "/net/snmp: No such file or directory\n");
}

TEST_F(ProcRoot, InterfaceMessageNamesTheCapturePath) {
    fs::create_directories(dir() + "/proc/net");
    Ran ran = run_args({"-i", "--proc-root", dir()});
    EXPECT_TRUE(ran.err.starts_with("Warning: cannot open " + dir() +
                                    "/proc/net/dev (No such file or directory). Limited output.\n"))
        << ran.err;
}

TEST_F(ProcRoot, SocketFileErrorNamesTheCapturePath) {
    fs::create_directories(dir() + "/net");
    fs::create_symlink("tcp", dir() + "/net/tcp"); // a link to itself: ELOOP, not ENOENT
    Ran ran = run_args({"-tn", "--proc-root", dir()});
    EXPECT_EQ(ran.status, 255);
    EXPECT_EQ(ran.err, dir() + "/net/tcp: Too many levels of symbolic links\n");
}

// A capture is attacker-controlled: its symlinks to absolute paths or out of it with ".." are
// not followed (EXDEV), relative ones inside it are, and link text stays readable.
TEST_F(ProcRoot, CaptureSymlinksNeverLeadOutOfIt) {
    const std::string capture = dir() + "/capture";
    fs::create_directories(capture + "/proc/net");
    const std::string table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                              "retrnsmt   uid  timeout inode\n"
                              "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 "
                              "00000000     0        0 4242 1 0000000000000000 100 0 0 10 0\n";
    std::FILE* secret = std::fopen((dir() + "/secret").c_str(), "w");
    ASSERT_NE(secret, nullptr);
    std::fputs(table.c_str(), secret);
    std::fclose(secret);
    fs::create_symlink(dir() + "/secret", capture + "/proc/net/tcp");
    fs::create_symlink("../../../secret", capture + "/proc/net/tcp6");
    fs::copy_file(dir() + "/secret", capture + "/proc/net/udp.real");
    fs::create_symlink("udp.real", capture + "/proc/net/udp");
    confine_reads_to(capture_directory_of(capture + "/proc"));
    const ProcFs proc(capture + "/proc");
    auto absolute = proc.read_file("net/tcp");
    ASSERT_FALSE(absolute.has_value());
    EXPECT_EQ(absolute.error().value(), EXDEV);
    auto climbing = proc.read_file("net/tcp6");
    ASSERT_FALSE(climbing.has_value());
    EXPECT_EQ(climbing.error().value(), EXDEV);
    EXPECT_EQ(proc.read_file("net/udp").value_or(""), table);
    EXPECT_EQ(proc.read_link("net/tcp").value_or(""), dir() + "/secret");
    // end to end: the row behind the absolute link never shows
    Ran ran = run_args({"-tn", "--proc-root", capture});
    EXPECT_EQ(ran.out.find(":8080"), std::string::npos) << ran.out;
    confine_reads_to("");
    EXPECT_EQ(proc.read_file("net/tcp").value_or(""), table); // lifted: followed again
}

TEST(CaptureDirectoryOf, ParentOfProcElseTheRootItself) {
    EXPECT_EQ(capture_directory_of("/srv/cap/proc"), "/srv/cap");
    EXPECT_EQ(capture_directory_of("/srv/cap/proc/"), "/srv/cap");
    EXPECT_EQ(capture_directory_of("/srv/tree"), "/srv/tree");
    EXPECT_EQ(capture_directory_of("/proc"), "/");
    EXPECT_EQ(capture_directory_of("proc"), ".");
}
