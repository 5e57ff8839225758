// SPDX-License-Identifier: MIT
// Tests for the host facts the audit's Snapshot and the --json metadata share (host_facts.hpp)
// and for how the --json views state who collected (machine_command.hpp).
#include "netstat_audit/source/host_facts.hpp"

#include "netstat_audit/cli/machine_command.hpp"
#include "netstat_audit/source/audit_collect.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using namespace netstat_audit;

namespace {

std::string facts_fixture(std::string_view scenario) {
    return std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/" + std::string(scenario) + "/proc";
}

} // namespace

TEST(CollectHostInfo, CaptureNamesItsHostAndTheCapturingUser) {
    std::vector<Diagnostic> diagnostics;
    const ProcFs proc(facts_fixture("audit/partial"));
    const HostInfo host = collect_host_info(proc, &diagnostics);
    EXPECT_EQ(host.hostname, "deb12");
    EXPECT_EQ(host.kernel_release, "6.1.0-18-amd64");
    EXPECT_EQ(host.boot_id, "4b1c2f8e-9d7a-4c3e-8f1b-2a6d5e7c9b01");
    EXPECT_TRUE(host.offline);
    EXPECT_EQ(host.proc_root, proc.root());
    EXPECT_EQ(host.effective_uid, 1000u);    // self/status, not whoever runs the test
    EXPECT_EQ(host.collected_at_unix_ns, 0); // no MANIFEST: the caller's clock
    EXPECT_TRUE(diagnostics.empty());
    const HostInfo manifest = collect_host_info(ProcFs(facts_fixture("audit/partial_manifest")));
    EXPECT_EQ(manifest.effective_uid, 1000u);
    EXPECT_EQ(manifest.collected_at_unix_ns, 1764590000LL * 1'000'000'000);
}

TEST(CollectHostInfo, MissingFilesGiveEmptyTextAndDiagnosticsWhenAsked) {
    std::vector<Diagnostic> diagnostics;
    const HostInfo host = collect_host_info(ProcFs(facts_fixture("sock")), &diagnostics);
    EXPECT_EQ(host.hostname, "");
    EXPECT_FALSE(host.effective_uid); // the capture does not say who took it
    EXPECT_TRUE(collected_as_root(host));
    ASSERT_EQ(diagnostics.size(), 3u);
    EXPECT_EQ(diagnostics[0].file, "sys/kernel/hostname");
    EXPECT_EQ(collect_host_info(ProcFs(facts_fixture("sock"))).boot_id, "");
}

TEST(CollectHostInfo, TheAuditSnapshotHoldsTheSameFacts) {
    const ProcFs proc(facts_fixture("audit/partial"));
    const HostInfo host = collect_host_info(proc);
    const Snapshot snapshot = collect_audit_snapshot(proc);
    EXPECT_EQ(snapshot.host.hostname, host.hostname);
    EXPECT_EQ(snapshot.host.boot_id, host.boot_id);
    EXPECT_EQ(snapshot.host.effective_uid, host.effective_uid);
    EXPECT_EQ(snapshot.host.offline, host.offline);
    EXPECT_EQ(snapshot.visibility.root, collected_as_root(host));
    EXPECT_EQ(snapshot.visibility.notes.back(), not_root_note(host));
}

TEST(NoteCollector, NotRootPutsTheAuditsNoteFirst) {
    HostInfo host;
    host.effective_uid = 1000;
    ProcessMap walk;
    walk.access_denied = true;
    Visibility visibility = visibility_of(&walk);
    note_collector(host, visibility);
    EXPECT_FALSE(visibility.root);
    ASSERT_EQ(visibility.notes.size(), 2u);
    EXPECT_EQ(visibility.notes[0],
              "not run as root (uid 1000): other users' sockets cannot be matched to processes");
    EXPECT_EQ(visibility.notes[1], "some /proc/PID/fd directories could not be read (EACCES)");
    host.effective_uid = 0;
    Visibility root = visibility_of(nullptr);
    note_collector(host, root);
    EXPECT_TRUE(root.root);
    EXPECT_TRUE(root.notes.empty());
}
