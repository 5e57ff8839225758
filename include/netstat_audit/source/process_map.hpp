// SPDX-License-Identifier: MIT
// Socket inode → owning process, from a walk of /proc/[pid]/fd (spec §5), and the -p column text.
#pragma once

#include "netstat_audit/source/proc_fs.hpp"

#include <cstdint>
#include <future>
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

// How the entries of a /proc/PID/fd directory are found. `automatic` tries fd numbers in
// ascending order on a real procfs (same entries, same order as its readdir, less kernel work)
// and lists the directory elsewhere; `listing` always lists (getdents64), like netstat.
enum class FdEnumeration : std::uint8_t { automatic, listing };

// How the walk runs; the result never depends on it.
struct ProcessWalkOptions {
    unsigned threads = 0; // 0: automatic (1 for small trees, else up to 4 or the core count)
    FdEnumeration fd_enumeration = FdEnumeration::automatic;
};

// Walks every all-digit entry of the proc root in readdir order with netstat's rules (§5.1);
// the first process that holds an inode owns it. Never fails: unreadable or vanished parts are
// skipped; EACCES on a fd directory and an unopenable root are reported in the flags.
ProcessMap build_process_map(const ProcFs& proc, const ProcessWalkOptions& options = {});

// build_process_map() started on its own thread (falling back to a deferred call when no thread
// can be started), so that a caller can read the socket tables meanwhile. `proc` is copied.
std::future<ProcessMap> start_process_map(ProcFs proc, ProcessWalkOptions options = {});

// Records that process `pid` (cmdline argv[0] `argv0`) holds `inode`, exactly as the walk does:
// an inode that already has an owner keeps it. For maps built in code (tests, other sources).
void add_socket_owner(ProcessMap& map, std::string_view pid, std::string_view argv0,
                      std::uint64_t inode);

// netstat reads fd links into a 30-byte buffer: at most 29 bytes of a link count.
inline constexpr std::size_t k_socket_link_max_bytes = 29;

// The inode of an fd link `socket:[N]` or `[0000]:N` (N in strtoul base-0 syntax), with
// netstat's checks: only the first 29 bytes count, the socket form needs ≥ 11 bytes and a final
// `]`, N must be consumed completely and must not be ULONG_MAX. nullopt for anything else.
std::optional<std::uint64_t> parse_socket_link(std::string_view link);

// The program name netstat derives from a cmdline prefix: argv[0] (up to the first NUL), or the
// part after its last '/' when it starts with '/'. Empty for an empty cmdline.
std::string_view program_name_from_cmdline(std::string_view cmdline);

// Makes attacker-controlled program text safe for a terminal. Printable text (ASCII and UTF-8,
// including sequences cut short at the end) is returned unchanged; each of these bytes becomes
// `\xHH` (lower-case hex): C0 controls 0x00-0x1f, DEL 0x7f, both bytes of a UTF-8 encoded C1
// control (U+0080-U+009F, `c2 80`-`c2 9f`), and a byte 0x80-0x9f that is not part of a UTF-8
// sequence (an 8-bit C1 control such as CSI 0x9b). A backslash stays as it is.
std::string escape_program_text(std::string_view text);

// The -p text for a process: "PID/name" cut to 19 bytes like netstat (a cut may split a UTF-8
// character), then escape_program_text() applied; only non-printable names can exceed 19 bytes.
std::string render_program_text(std::string_view pid, std::string_view argv0);

// The `-p` column text for `inode`: the owner's column, or "-" when no process holds it.
// The view stays valid as long as `map` is unchanged.
std::string_view render_program_column(const ProcessMap& map, std::uint64_t inode);

// netstat's stderr notice for a walk that hit EACCES (empty when there is nothing to say).
std::string render_process_map_notice(const ProcessMap& map, unsigned effective_uid);

} // namespace netstat_audit
