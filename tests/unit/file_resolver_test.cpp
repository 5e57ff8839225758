// SPDX-License-Identifier: MIT
// Tests for the capture's resolver: names from DIR/etc under --proc-root DIR, NSS otherwise.
#include "netstat_audit/cli/app.hpp"
#include "netstat_audit/cli/cli.hpp"
#include "netstat_audit/source/file_resolver.hpp"
#include "netstat_audit/source/system_resolver.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace netstat_audit;
namespace fs = std::filesystem;

namespace {

void write(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// A capture directory with one TCP listener (127.0.0.1:22, uid 1000), one connection to
// 10.1.2.3:80 and the name databases that name them.
class Capture : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "file_resolver_test.XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
        write(m_dir + "/proc/net/tcp",
              "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid "
              " timeout inode\n"
              "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 "
              "       0 8000 1 0000000000000000 100 0 0 10 0\n"
              "   1: 0100007F:9C40 0302010A:0050 01 00000000:00000000 00:00000000 00000000     0 "
              "       0 8001 1 0000000000000000 100 0 0 10 0\n");
        write(m_dir + "/etc/passwd", "root:x:0:0::/root:/bin/sh\ncarol:x:1000:1000::/:/bin/sh\n");
        write(m_dir + "/etc/services", "ssh 22/tcp\nwww 80/tcp\ncaptured-svc 40000/tcp\n");
        write(m_dir + "/etc/hosts", "127.0.0.1 captured-host\n10.1.2.3 web.captured\n");
        write(m_dir + "/etc/networks", "captured-net 10.1.0.0\n");
        write(m_dir + "/etc/protocols", "icmp 1 ICMP\n");
    }
    void TearDown() override { fs::remove_all(m_dir); }
    const std::string& dir() const { return m_dir; }

private:
    std::string m_dir;
};

std::string run_out(std::vector<std::string> args) {
    args.insert(args.begin(), "netstat-audit");
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    char* out_buffer = nullptr;
    std::size_t out_size = 0;
    Output output{open_memstream(&out_buffer, &out_size), stderr};
    Options options = parse_command_line(static_cast<int>(args.size()), argv.data(), output.err);
    run(options, output);
    std::fclose(output.out);
    std::string out(out_buffer, out_size);
    std::free(out_buffer);
    return out;
}

} // namespace

TEST_F(Capture, EtcBesideProcIsTheNameDirectory) {
    EXPECT_EQ(capture_etc_dir(dir() + "/proc"), dir() + "/etc");
    EXPECT_EQ(capture_etc_dir(dir() + "/proc/"), dir() + "/etc");
    EXPECT_EQ(capture_etc_dir("/proc"), "");
    EXPECT_EQ(capture_etc_dir(dir() + "/etc/proc"), ""); // no DIR/etc/etc
}

TEST_F(Capture, LiveRootAsksTheSystem) {
    EXPECT_NE(dynamic_cast<SystemResolver*>(make_resolver("/proc").get()), nullptr);
    fs::remove_all(dir() + "/etc");
    EXPECT_NE(dynamic_cast<SystemResolver*>(make_resolver(dir() + "/proc").get()), nullptr);
}

TEST_F(Capture, FileResolverAnswersFromTheCapturedFiles) {
    auto resolver = make_resolver(dir() + "/proc");
    ASSERT_NE(dynamic_cast<FileResolver*>(resolver.get()), nullptr);
    EXPECT_EQ(resolver->host_name(make_ipv4(10, 1, 2, 3)), "web.captured");
    EXPECT_EQ(resolver->host_name(make_ipv4(10, 9, 9, 9)), std::nullopt);
    EXPECT_EQ(resolver->network_name(make_ipv4(10, 1, 0, 0)), "captured-net");
    EXPECT_EQ(resolver->service_name(22, ServiceTable::tcp), "ssh");
    EXPECT_EQ(resolver->service_name(22, ServiceTable::udp), std::nullopt);
    EXPECT_EQ(resolver->service_name(1, ServiceTable::raw), "icmp");
    EXPECT_EQ(resolver->user_name(1000), "carol");
    EXPECT_EQ(resolver->user_name(4242), std::nullopt);
}

TEST_F(Capture, SocketListingNamesAsTheCapturedMachine) {
    std::string out = run_out({"-tae", "--proc-root", dir()});
    EXPECT_NE(out.find("captured-host:ssh       0.0.0.0:*               LISTEN      carol"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("captured-h:captured-svc web.captured:www        ESTABLISHED root"),
              std::string::npos)
        << out;
}

TEST_F(Capture, RouteNamesComeFromTheCapture) {
    write(dir() + "/proc/net/route",
          "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
          "eth0\t0000010A\t0302010A\t0003\t0\t0\t0\t0000FFFF\t0\t0\t0\n");
    std::string out = run_out({"-r", "--proc-root", dir()});
    EXPECT_NE(out.find("captured-net    web.captured"), std::string::npos) << out;
}
