// SPDX-License-Identifier: MIT
// --watch: what changed between two polls of the socket tables, keyed so that a process
// restarted with a new pid on the same port is no change. Pure: no I/O, no clock.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netstat_audit {

// What identifies a listener or a connection across polls. No pid and no inode: both change
// when a service restarts.
struct WatchKey {
    std::string protocol; // "tcp", "tcp6", "udp", "sctp", "unix", ...
    std::string local;    // numeric address, or a UNIX path
    std::uint16_t local_port = 0;
    std::string remote;
    std::uint16_t remote_port = 0;
    std::string executable; // /proc/PID/exe, else argv[0], else empty (no -p)
    friend auto operator<=>(const WatchKey&, const WatchKey&) = default;
};

// One watched socket: its key and what is shown about it (never compared).
struct WatchItem {
    WatchKey key;
    bool listening = false;
    std::string state;               // kernel state name, may be empty
    std::optional<std::int32_t> pid; // of one holder, informative
    std::string process_name;
    std::uint64_t inode = 0; // informative: lets the next poll keep this executable
};

enum class WatchChange : std::uint8_t { added, removed };

struct WatchEvent {
    WatchChange change;
    WatchItem item;
};

// The state of a watch: the items of the previous poll, sorted by key, at most `max_items`.
class WatchDiff {
public:
    static constexpr std::size_t k_default_max_items = std::size_t{1} << 20;

    explicit WatchDiff(std::size_t max_items = k_default_max_items) : m_max_items(max_items) {}

    // Takes the items of a new poll. The first call sets the baseline and returns nothing;
    // later calls return what was removed, then what was added, each in key order. Items with
    // equal keys count once (the first one is kept). Past `max_items` (in key order) items are
    // dropped and counted in dropped(), so memory stays bounded whatever the kernel lists.
    std::vector<WatchEvent> update(std::vector<WatchItem> current);

    // Items the last update() dropped for the bound.
    std::size_t dropped() const { return m_dropped; }
    std::size_t size() const { return m_items.size(); }

private:
    std::vector<WatchItem> m_items;
    std::size_t m_max_items;
    std::size_t m_dropped = 0;
    bool m_primed = false;
};

} // namespace netstat_audit
