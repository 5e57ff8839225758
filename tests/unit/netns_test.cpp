// SPDX-License-Identifier: MIT
// Container cgroups, namespace links, discovery over tests/fixtures/netns and --netns selection.
#include "netstat_audit/parse/cgroup.hpp"
#include "netstat_audit/source/netns_discovery.hpp"

#include <gtest/gtest.h>

#include <string>

namespace netstat_audit {
namespace {

const std::string k_root = std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/netns";
constexpr std::string_view k_id =
    "4c01db0b339c6c5b8d5b2e2c3a4f1f3f5e2d9b0a1c2d3e4f5a6b7c8d9e0f1a2b";

std::optional<ContainerRef> parse_cgroup(std::string text) {
    return parse_container_cgroup(text);
}

void expect_container(std::string text, std::string_view runtime, std::string_view id) {
    auto container = parse_cgroup(std::move(text));
    ASSERT_TRUE(container.has_value());
    EXPECT_EQ(container->runtime, runtime);
    EXPECT_EQ(container->id, id);
}

TEST(ParseContainerCgroup, DockerCgroupV2Scope) {
    expect_container("0::/system.slice/docker-" + std::string(k_id) + ".scope\n", "docker", k_id);
}

TEST(ParseContainerCgroup, DockerCgroupV1Path) {
    expect_container("12:pids:/docker/" + std::string(k_id) + "\n11:memory:/docker/" +
                         std::string(k_id) + "\n",
                     "docker", k_id);
}

TEST(ParseContainerCgroup, KubepodsCgroupfsDriver) {
    expect_container("12:pids:/kubepods/besteffort/pod2b7e6c1a-1111/" + std::string(k_id) + "\n",
                     "kubernetes", k_id);
}

TEST(ParseContainerCgroup, KubepodsSystemdDriverWithContainerd) {
    expect_container("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod2b7e.slice/"
                     "cri-containerd-" +
                         std::string(k_id) + ".scope\n",
                     "containerd", k_id);
}

TEST(ParseContainerCgroup, CriO) {
    expect_container("0::/kubepods.slice/kubepods-pod1.slice/crio-" + std::string(k_id) +
                         ".scope\n",
                     "cri-o", k_id);
}

TEST(ParseContainerCgroup, ConmonIsNoContainer) {
    EXPECT_FALSE(parse_cgroup("0::/machine.slice/libpod-conmon-" + std::string(k_id) + ".scope\n"));
    EXPECT_FALSE(parse_cgroup("0::/kubepods.slice/crio-conmon-" + std::string(k_id) + ".scope\n"));
}

TEST(ParseContainerCgroup, Podman) {
    expect_container("0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" +
                         std::string(k_id) + ".scope/container\n",
                     "podman", k_id);
}

TEST(ParseContainerCgroup, Lxc) {
    expect_container("0::/lxc.payload.web1/init.scope\n", "lxc", "web1");
    expect_container("4:memory:/lxc/db2\n", "lxc", "db2");
    EXPECT_FALSE(parse_cgroup("0::/lxc.monitor.web1\n"));
}

TEST(ParseContainerCgroup, SystemdNspawn) {
    expect_container("0::/machine.slice/systemd-nspawn@build.service/payload\n", "systemd-nspawn",
                     "build");
    expect_container("0::/machine.slice/machine-deb\\x2dtest.scope/payload\n", "systemd-nspawn",
                     "deb-test");
}

TEST(ParseContainerCgroup, HostProcessesAndJunk) {
    EXPECT_FALSE(parse_cgroup("0::/init.scope\n"));
    EXPECT_FALSE(parse_cgroup("0::/user.slice/user-0.slice/session-1.scope\n"));
    EXPECT_FALSE(parse_cgroup("no colons here\n\n::\n"));
    EXPECT_FALSE(parse_cgroup(""));
    // A 64-hex component outside any runtime's layout names nothing.
    EXPECT_FALSE(parse_cgroup("0::/system.slice/" + std::string(k_id) + "\n"));
}

TEST(ParseContainerCgroup, SkipsMalformedLineBeforeGoodOne) {
    expect_container("garbage\n0::/system.slice/docker-" + std::string(k_id) + ".scope", "docker",
                     k_id);
}

TEST(ParseNetnsLink, InodeAndRejects) {
    EXPECT_EQ(parse_netns_link("net:[4026531840]"), 4026531840u);
    EXPECT_EQ(parse_netns_link("net:[18446744073709551615]"), UINT64_MAX);
    EXPECT_FALSE(parse_netns_link("mnt:[4026531840]"));
    EXPECT_FALSE(parse_netns_link("net:[]"));
    EXPECT_FALSE(parse_netns_link("net:[12x]"));
    EXPECT_FALSE(parse_netns_link("socket:[5]"));
}

TEST(ContainerLabel, ShortensHexIds) {
    EXPECT_EQ(container_label({"docker", std::string(k_id)}), "docker:4c01db0b339c");
    EXPECT_EQ(container_label({"lxc", "web1"}), "lxc:web1");
}

TEST(DiscoverNamespaces, FixtureTree) {
    const ProcFs proc(k_root + "/proc");
    EXPECT_EQ(run_netns_dir_for(proc), k_root + "/run/netns");
    const auto found = discover_namespaces(proc, run_netns_dir_for(proc));
    ASSERT_EQ(found.size(), 5u);

    EXPECT_TRUE(found[0].own);
    EXPECT_EQ(found[0].inode, 4026531840u);
    EXPECT_EQ(found[0].label, "host");
    EXPECT_EQ(found[0].pids, std::vector<std::int32_t>{1});
    EXPECT_EQ(found[0].net_root, k_root + "/proc");

    EXPECT_EQ(found[1].inode, 4026532300u);
    EXPECT_EQ(found[1].label, "docker:4c01db0b339c");
    ASSERT_TRUE(found[1].container);
    EXPECT_EQ(found[1].container->id, k_id);
    EXPECT_EQ(found[1].container->runtime, "docker");
    EXPECT_EQ(found[1].pids, (std::vector<std::int32_t>{100, 101}));
    EXPECT_EQ(found[1].net_root, k_root + "/proc/100");
    EXPECT_FALSE(is_unaccounted(found[1]));

    EXPECT_EQ(found[2].label, "kubernetes:9f8e7d6c5b4a");
    EXPECT_EQ(found[2].net_root, k_root + "/proc/200");

    EXPECT_EQ(found[3].inode, 4026532500u);
    EXPECT_EQ(found[3].label, "sleep"); // no runtime, no name: the first process's comm
    EXPECT_TRUE(is_unaccounted(found[3]));

    EXPECT_EQ(found[4].inode, 4026532600u);
    EXPECT_EQ(found[4].label, "blue");
    EXPECT_TRUE(found[4].pids.empty());
    EXPECT_EQ(found[4].net_root, k_root + "/run/netns-net/blue"); // the capture's tables
    EXPECT_FALSE(is_unaccounted(found[4]));
}

TEST(DiscoverNamespaces, NamedNamespaceWithoutProcessOrTables) {
    const ProcFs proc(k_root + "/proc");
    const auto found = discover_namespaces(proc, k_root + "/run/netns-missing");
    ASSERT_EQ(found.size(), 4u); // no /run/netns: "blue" is unknown
    EXPECT_EQ(found.back().label, "sleep");
}

TEST(DiscoverNamespaces, RootWithoutNamespaceLinksIsOneHostNamespace) {
    const ProcFs proc(std::string(NETSTAT_AUDIT_TEST_FIXTURES) + "/sock/proc");
    const auto found = discover_namespaces(proc, "/nonexistent/run/netns");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(found[0].own);
    EXPECT_EQ(found[0].label, "host");
    EXPECT_FALSE(found[0].pids.empty());
}

TEST(SelectNamespaces, ByAllPidInodeNameAndIdPrefix) {
    const ProcFs proc(k_root + "/proc");
    const auto found = discover_namespaces(proc, run_netns_dir_for(proc));
    EXPECT_EQ(select_namespaces(found, "all")->size(), 5u);
    EXPECT_EQ(select_namespaces(found, "101")->front().inode, 4026532300u);
    EXPECT_EQ(select_namespaces(found, "4026532500")->front().label, "sleep");
    EXPECT_EQ(select_namespaces(found, "blue")->front().inode, 4026532600u);
    EXPECT_EQ(select_namespaces(found, "4c01db")->front().inode, 4026532300u);
    EXPECT_EQ(select_namespaces(found, "docker:4c01db0b339c")->front().inode, 4026532300u);
    EXPECT_FALSE(select_namespaces(found, "4c0")); // too short a prefix
    EXPECT_FALSE(select_namespaces(found, "green"));
    EXPECT_FALSE(select_namespaces(found, "99999"));
}

TEST(RenderNetnsHeader, InodeLabelCount) {
    NetNamespace ns;
    ns.inode = 4026532300;
    ns.label = "docker:4c01db0b339c";
    ns.pids = {100, 101};
    EXPECT_EQ(render_netns_header(ns), "Network namespace 4026532300 docker:4c01db0b339c (2 "
                                       "processes)\n");
    ns.pids = {100};
    ns.label = "a\x1b[2Jb";
    EXPECT_EQ(render_netns_header(ns), "Network namespace 4026532300 a\\x1b[2Jb (1 process)\n");
}

} // namespace
} // namespace netstat_audit
