// SPDX-License-Identifier: MIT
// Socket inode → owning process: what the -p walk found, as plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// One process that holds at least one socket.
struct ProcessOwner {
    std::string pid;    // the /proc entry name as listed (netstat prints the name, not a number)
    std::string argv0;  // first NUL-terminated string of /proc/PID/cmdline (raw bytes)
    std::string column; // render_program_text(pid, argv0): what the -p column prints
};

// Socket inode → index into ProcessMap::owners. Open addressing over a flat table; the first
// insert of an inode wins (netstat's prg_cache_add ignores later holders).
class InodeOwnerIndex {
public:
    // Makes room for `count` inodes without rehashing.
    void reserve(std::size_t count);
    // Records `owner` for `inode` unless the inode already has one; true when recorded.
    bool insert(std::uint64_t inode, std::uint32_t owner);
    // The owner index recorded for `inode`, if any.
    std::optional<std::uint32_t> find(std::uint64_t inode) const;
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

private:
    static constexpr std::uint32_t k_empty = UINT32_MAX;
    struct Slot {
        std::uint64_t inode = 0;
        std::uint32_t owner = k_empty;
    };
    void rehash(std::size_t slot_count);
    std::size_t slot_of(std::uint64_t inode) const;

    std::vector<Slot> m_slots; // size is 0 or a power of two, at most 50% full
    std::size_t m_size = 0;
};

// What the walk found. `access_denied` is set when some /proc/PID/fd could not be opened with
// EACCES (netstat's notice depends on it); vanished processes are not errors.
struct ProcessMap {
    std::vector<ProcessOwner> owners; // in /proc enumeration order
    InodeOwnerIndex by_inode;
    bool access_denied = false;
    bool proc_unreadable = false; // the proc root itself could not be opened
};

} // namespace netstat_audit
