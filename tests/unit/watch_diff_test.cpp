// SPDX-License-Identifier: MIT
// Tests for the --watch difference engine.
#include "netstat_audit/report/watch_diff.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

WatchItem watch_listener(std::uint16_t port, std::string executable, std::int32_t pid) {
    WatchItem item;
    item.key = {"tcp", "0.0.0.0", port, "0.0.0.0", 0, std::move(executable)};
    item.listening = true;
    item.state = "LISTEN";
    item.pid = pid;
    return item;
}

} // namespace

TEST(WatchDiff, FirstPollIsTheBaseline) {
    WatchDiff diff;
    EXPECT_TRUE(diff.update({watch_listener(22, "/usr/sbin/sshd", 100)}).empty());
    EXPECT_EQ(diff.size(), 1u);
}

TEST(WatchDiff, ReportsAnOpenedAndAClosedListenerOnceEach) {
    WatchDiff diff;
    diff.update({watch_listener(22, "/usr/sbin/sshd", 100)});
    auto opened = diff.update(
        {watch_listener(22, "/usr/sbin/sshd", 100), watch_listener(8080, "/bin/py", 7)});
    ASSERT_EQ(opened.size(), 1u);
    EXPECT_EQ(opened[0].change, WatchChange::added);
    EXPECT_EQ(opened[0].item.key.local_port, 8080);
    EXPECT_EQ(opened[0].item.pid, 7);
    EXPECT_TRUE(
        diff.update({watch_listener(22, "/usr/sbin/sshd", 100), watch_listener(8080, "/bin/py", 7)})
            .empty());
    auto closed = diff.update({watch_listener(22, "/usr/sbin/sshd", 100)});
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].change, WatchChange::removed);
    EXPECT_EQ(closed[0].item.key.local_port, 8080);
}

TEST(WatchDiff, RestartWithNewPidIsNoChange) {
    WatchDiff diff;
    diff.update({watch_listener(22, "/usr/sbin/sshd", 100)});
    EXPECT_TRUE(diff.update({watch_listener(22, "/usr/sbin/sshd", 4242)}).empty());
}

TEST(WatchDiff, AnotherExecutableOnTheSamePortIsAChange) {
    WatchDiff diff;
    diff.update({watch_listener(80, "/usr/sbin/nginx", 1)});
    auto events = diff.update({watch_listener(80, "/usr/bin/nc", 2)});
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].change, WatchChange::removed);
    EXPECT_EQ(events[0].item.key.executable, "/usr/sbin/nginx");
    EXPECT_EQ(events[1].change, WatchChange::added);
    EXPECT_EQ(events[1].item.key.executable, "/usr/bin/nc");
}

TEST(WatchDiff, EqualKeysCountOnce) {
    WatchDiff diff;
    diff.update({watch_listener(80, "/usr/sbin/nginx", 1)});
    // A second worker on the same port (SO_REUSEPORT) is the same listener.
    EXPECT_TRUE(diff.update({watch_listener(80, "/usr/sbin/nginx", 1),
                             watch_listener(80, "/usr/sbin/nginx", 2)})
                    .empty());
    EXPECT_EQ(diff.size(), 1u);
}

TEST(WatchDiff, MemoryIsBoundedAndDropsAreCounted) {
    WatchDiff diff(2);
    diff.update({watch_listener(1, "", 0), watch_listener(2, "", 0), watch_listener(3, "", 0)});
    EXPECT_EQ(diff.size(), 2u);
    EXPECT_EQ(diff.dropped(), 1u);
    EXPECT_TRUE(diff.update({watch_listener(1, "", 0), watch_listener(2, "", 0)}).empty());
    EXPECT_EQ(diff.dropped(), 0u);
}
