// SPDX-License-Identifier: MIT
// Tests for the audit's reading stage on capture-like fixture trees.
#include "netstat_audit/source/audit_collect.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace netstat_audit;

namespace {

std::string fixture(std::string_view scenario) {
    return std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/audit/" + std::string(scenario) + "/proc";
}

const ProcessInfo* find_pid(const Snapshot& s, std::int32_t pid) {
    auto it = std::find_if(s.processes.begin(), s.processes.end(),
                           [&](const ProcessInfo& p) { return p.pid == pid; });
    return it == s.processes.end() ? nullptr : &*it;
}

} // namespace

TEST(CollectAuditSnapshot, HostAndSysctlsComeFromTheCapture) {
    Snapshot s = collect_audit_snapshot(ProcFs(fixture("clean")));
    EXPECT_EQ(s.host.hostname, "deb12");
    EXPECT_EQ(s.host.kernel_release, "6.1.0-18-amd64");
    EXPECT_EQ(s.host.boot_id, "4b1c2f8e-9d7a-4c3e-8f1b-2a6d5e7c9b01");
    EXPECT_TRUE(s.host.offline);
    EXPECT_EQ(s.host.effective_uid, 0u);
    EXPECT_EQ(s.sysctls.at("net/ipv4/ip_unprivileged_port_start"), "1024");
    EXPECT_EQ(s.sysctls.at("net/ipv6/bindv6only"), "0");
    EXPECT_TRUE(s.visibility.complete());
}

TEST(CollectAuditSnapshot, ProcessDetailsAndExeLinkText) {
    Snapshot s = collect_audit_snapshot(ProcFs(fixture("implant")));
    const ProcessInfo* p = find_pid(s, 23117);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->comm, "kworker/0:2");
    ASSERT_EQ(p->argv.size(), 1u);
    EXPECT_EQ(p->argv[0], "[kworker/0:2]");
    EXPECT_EQ(p->exe, "/dev/shm/.x (deleted)"); // the link text, never followed
    EXPECT_EQ(p->exe_state, ExeState::known);
    EXPECT_EQ(p->effective_uid, 33u);
    EXPECT_EQ(p->user, "www-data"); // from the capture's etc/passwd
    EXPECT_EQ(p->ppid, 1);
    EXPECT_EQ(p->cap_effective, 0u);
    ASSERT_EQ(p->socket_fds.size(), 1u); // fd 0 is /dev/null, not a socket
    EXPECT_EQ(p->socket_fds[0].fd, 3);
    EXPECT_EQ(p->socket_fds[0].inode, 30001u);
}

TEST(CollectAuditSnapshot, KernelThreadsHaveNoExeAndAreMarked) {
    Snapshot s = collect_audit_snapshot(ProcFs(fixture("clean")));
    const ProcessInfo* kworker = find_pid(s, 14);
    ASSERT_NE(kworker, nullptr);
    EXPECT_TRUE(kworker->kernel_thread);
    EXPECT_FALSE(kworker->exe);
    EXPECT_EQ(kworker->exe_state, ExeState::absent);
    EXPECT_FALSE(find_pid(s, 812)->kernel_thread);
}

TEST(CollectAuditSnapshot, StandardStreamSocketsAreKept) {
    Snapshot s = collect_audit_snapshot(ProcFs(fixture("reverse_shell")));
    const ProcessInfo* bash = find_pid(s, 4700);
    ASSERT_NE(bash, nullptr);
    ASSERT_EQ(bash->socket_fds.size(), 3u);
    EXPECT_EQ(bash->socket_fds[0].fd, 0);
    EXPECT_EQ(bash->socket_fds[2].fd, 2);
}

TEST(CollectAuditSnapshot, PacketSocketsInterfacesAndRoutes) {
    Snapshot s = collect_audit_snapshot(ProcFs(fixture("promisc")));
    ASSERT_EQ(s.packet.size(), 2u);
    EXPECT_EQ(s.packet[1].inode, 31101u);
    auto eth0 = std::find_if(s.interfaces.begin(), s.interfaces.end(),
                             [](const Interface& i) { return i.name == "eth0"; });
    ASSERT_NE(eth0, s.interfaces.end());
    EXPECT_EQ(eth0->facts.flags, 0x1103u);
    EXPECT_EQ(s.routes_v4.size(), 2u);
    Snapshot bridged = collect_audit_snapshot(ProcFs(fixture("promisc_quiet")));
    EXPECT_EQ(bridged.host.bridge_ports, std::vector<std::string>{"veth1a2b"});
}

TEST(CollectAuditSnapshot, CaptureByAnUnprivilegedUserIsPartial) {
    Snapshot s = collect_audit_snapshot(ProcFs(fixture("partial")));
    EXPECT_EQ(s.host.effective_uid, 1000u);
    EXPECT_FALSE(s.visibility.root);
    EXPECT_FALSE(s.visibility.complete());
    ASSERT_FALSE(s.visibility.notes.empty());
}

TEST(CollectAuditSnapshot, MissingRootGivesEmptySnapshotWithNotes) {
    Snapshot s = collect_audit_snapshot(ProcFs(fixture("does-not-exist")));
    EXPECT_TRUE(s.processes.empty());
    EXPECT_FALSE(s.visibility.complete());
    EXPECT_FALSE(s.diagnostics.empty());
}

TEST(ProcHidepidOption, FindsTheProcMount) {
    std::string mountinfo =
        "25 1 0:22 / / rw - ext4 /dev/vda1 rw\n"
        "22 28 0:20 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc "
        "rw,hidepid=invisible\n";
    EXPECT_EQ(proc_hidepid_option(mountinfo), "invisible");
    EXPECT_FALSE(proc_hidepid_option("22 28 0:20 / /proc rw - proc proc rw,hidepid=0\n"));
    EXPECT_FALSE(proc_hidepid_option("22 28 0:20 / /proc rw - proc proc rw\n"));
    EXPECT_FALSE(proc_hidepid_option("22 28 0:20 / /other rw - proc proc rw,hidepid=2\n"));
    EXPECT_EQ(proc_hidepid_option("22 28 0:20 / /proc rw shared:1 - proc proc rw,hidepid=2,gid=4"),
              "2");
}

TEST(ProcHidepidOption, TheLastMountOnTheMountPointCounts) {
    // mount -t proc -o hidepid=2 proc /proc over the boot-time mount: only the top one is seen
    const std::string boot = "22 28 0:20 / /proc rw shared:12 - proc proc rw\n";
    const std::string hiding = "310 22 0:61 / /proc rw - proc proc rw,hidepid=2\n";
    const std::string plain = "311 310 0:62 / /proc rw - proc proc rw\n";
    EXPECT_EQ(proc_hidepid_option(boot + hiding), "2");
    EXPECT_FALSE(proc_hidepid_option(hiding + plain));
    EXPECT_EQ(proc_hidepid_option(boot + hiding + "40 1 0:5 / /dev rw - devtmpfs udev rw\n"), "2");
    EXPECT_FALSE(proc_hidepid_option(hiding + "312 310 0:63 / /proc rw - tmpfs none rw\n"));
}

TEST(ParseCaptureManifest, UidAndTime) {
    CaptureManifest m = parse_capture_manifest("format: netstat-audit-capture 1\n"
                                               "time-unix: 1764590000\n"
                                               "uid: 1000\n"
                                               "root: no (INCOMPLETE)\n");
    EXPECT_EQ(m.uid, 1000u);
    EXPECT_EQ(m.time_unix, 1764590000);
    EXPECT_FALSE(parse_capture_manifest("uid: x\n").uid);
}

TEST(CollectAuditSnapshot, CaptureManifestNamesTheCapturingUserAndTime) {
    Snapshot s = collect_audit_snapshot(ProcFs(fixture("partial_manifest")));
    EXPECT_EQ(s.host.effective_uid, 1000u);
    EXPECT_EQ(s.host.collected_at_unix_ns, 1764590000LL * 1'000'000'000);
    EXPECT_FALSE(s.visibility.complete());
}
