// SPDX-License-Identifier: MIT
// Tests for what --watch keys a socket by and how it prints a change.
#include "netstat_audit/cli/watch_command.hpp"

#include "netstat_audit/view/programs.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

SocketTables one_listener(std::uint64_t inode) {
    SocketTables tables;
    tables.tcp.resize(1);
    InetSocket socket;
    socket.local = {make_ipv4(127, 0, 0, 1), 8080};
    socket.state = 10;
    socket.inode = inode;
    InetSocket time_wait = socket;
    time_wait.remote = {make_ipv4(10, 0, 0, 1), 5000};
    time_wait.state = 6;
    time_wait.inode = 0; // held by no process
    tables.tcp[0].parsed.rows = {socket, time_wait};
    tables.processes.emplace();
    return tables;
}

} // namespace

TEST(CollectWatchItems, ExecutableFromExeThenPreviousPollThenArgv0) {
    SocketTables tables = one_listener(77);
    add_socket_owner(*tables.processes, "4242", "/usr/bin/python3", 77);
    std::vector<ProcessInfo> executables(1);
    executables[0].pid = 4242;
    executables[0].exe = "/usr/bin/python3.11";
    auto items = collect_watch_items(tables, ListingFilter::all, executables, {});
    ASSERT_EQ(items.size(), 1u); // the TIME_WAIT row is not watched
    EXPECT_EQ(items[0].key.executable, "/usr/bin/python3.11");
    EXPECT_EQ(items[0].pid, 4242);
    const InodeExecutables previous = executables_by_inode(items);

    // The owner is exiting: its exe link is gone but its fds are still listed.
    executables[0].exe.reset();
    items = collect_watch_items(tables, ListingFilter::all, executables, previous);
    EXPECT_EQ(items[0].key.executable, "/usr/bin/python3.11");
    // Without a previous poll, argv[0] stands in.
    items = collect_watch_items(tables, ListingFilter::all, executables, {});
    EXPECT_EQ(items[0].key.executable, "/usr/bin/python3");
    // The walk missed the owner: the previous poll's name is kept too.
    SocketTables unowned = one_listener(77);
    items = collect_watch_items(unowned, ListingFilter::all, {}, previous);
    EXPECT_EQ(items[0].key.executable, "/usr/bin/python3.11");
}

TEST(RenderWatchLine, TextAndEscapes) {
    WatchEvent event{WatchChange::added, {}};
    event.item.key = {"tcp6", "2001:db8::1", 443, "::", 0, "/usr/sbin/ng\x1b[31mx"};
    event.item.state = "LISTEN";
    event.item.pid = 12;
    event.item.process_name = "ng\x1b[31mx";
    EXPECT_EQ(render_watch_line(event, 0),
              "1970-01-01T00:00:00.000000Z added tcp6 [2001:db8::1]:443 [::]:0 LISTEN "
              "12/ng\\x1b[31mx /usr/sbin/ng\\x1b[31mx\n");
    const Json json = watch_event_json(event);
    EXPECT_EQ(json["event"]["action"], "socket-added");
    EXPECT_EQ(json["network"]["transport"], "tcp");
    EXPECT_EQ(json["network"]["type"], "ipv6");
    EXPECT_EQ(json["process"]["executable"], "/usr/sbin/ng\x1b[31mx");
}
