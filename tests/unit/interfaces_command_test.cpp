// SPDX-License-Identifier: MIT
// Tests for the -i view on a captured tree (offline interface facts from sys/class/net and
// ipv4-addresses; expected texts recorded from netstat 2.10 in the captured namespace).
#include "netstat_audit/cli/interfaces_command.hpp"
#include "netstat_audit/source/interface_info.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

using namespace netstat_audit;

namespace {

const std::string k_capture = NETSTAT_AUDIT_TEST_FIXTURES "/iface_capture";

std::string read_expected(const std::string& name) {
    std::ifstream in(k_capture + "/expected-" + name + ".out", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Captured {
    std::string out, err;
    int status = 0;
};

Captured run_capture(int extend, bool all, const std::string& proc_root = k_capture + "/proc") {
    Options options;
    options.program_name = "netstat";
    options.proc_root = proc_root; // as run() passes it: the root actually read
    options.extend = extend;
    options.all = all;
    char* out_buffer = nullptr;
    char* err_buffer = nullptr;
    std::size_t out_size = 0, err_size = 0;
    Output output{open_memstream(&out_buffer, &out_size), open_memstream(&err_buffer, &err_size)};
    Captured result;
    result.status = run_interfaces(options, ProcFs(proc_root), output, InterfaceTitle::print);
    std::fclose(output.out);
    std::fclose(output.err);
    result.out.assign(out_buffer, out_size);
    result.err.assign(err_buffer, err_size);
    std::free(out_buffer);
    std::free(err_buffer);
    return result;
}

} // namespace

TEST(InterfaceInfoSource, LiveOnlyForTheDefaultRoot) {
    EXPECT_TRUE(InterfaceInfoSource::for_proc_root("/proc").is_live());
    EXPECT_TRUE(InterfaceInfoSource::for_proc_root("/proc/").is_live());
    EXPECT_FALSE(InterfaceInfoSource::for_proc_root("/tmp/capture/proc").is_live());
}

TEST(InterfaceInfoSource, CaptureFactsIncludeRunningFromOperstate) {
    auto source = InterfaceInfoSource::for_proc_root(k_capture + "/proc");
    auto lo = source.facts("lo");
    ASSERT_TRUE(lo.has_value());
    EXPECT_EQ(lo->flags, 0x49); // UP LOOPBACK RUNNING (operstate "unknown")
    EXPECT_EQ(lo->mtu, 65536);
    auto tun = source.facts("tun0");
    ASSERT_TRUE(tun.has_value());
    EXPECT_EQ(tun->flags & interface_flag::k_running, 0); // operstate "down"
    ASSERT_TRUE(tun->ipv4.has_value());
    EXPECT_EQ(format_numeric(tun->ipv4->destination), "203.0.113.51");
    auto label = source.facts("veth0:1");
    ASSERT_TRUE(label.has_value());
    EXPECT_EQ(format_numeric(label->ipv4->address), "198.51.100.11");
    auto missing = source.facts("nosuch0");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error(), std::make_error_code(std::errc::no_such_device));
}

TEST(RunInterfaces, CapturedTreeMatchesNetstat) {
    EXPECT_EQ(run_capture(0, false).out, read_expected("i"));
    EXPECT_EQ(run_capture(0, true).out, read_expected("ia"));
    Captured long_format = run_capture(1, true);
    EXPECT_EQ(long_format.out, read_expected("iae"));
    EXPECT_EQ(long_format.err, "");
    EXPECT_EQ(long_format.status, 0);
}

TEST(RunInterfaces, MissingNetDevWarnsAndListsLabelsWithoutStatistics) {
    Captured result = run_capture(0, false, k_capture + "/no-such-proc");
    // The message names the file actually read (netstat's text says /proc/net/dev).
    EXPECT_EQ(result.err, "Warning: cannot open " + k_capture +
                              "/no-such-proc/net/dev (No such file or directory). "
                              "Limited output.\n");
    EXPECT_NE(result.out.find("lo              65536      - no statistics available -"),
              std::string::npos);
}
