// SPDX-License-Identifier: MIT
// The pure half of -p: fd link and cmdline rules, the inode index, the escaped column text and
// the notices. The /proc walk itself lives in process_walk.cpp.
#include "netstat_audit/source/process_map.hpp"

#include <cassert>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace netstat_audit {

namespace {

constexpr std::size_t k_program_width = 19; // netstat: char finbuf[PROGNAME_WIDTH = 20]

// strtoul(text, &end, 0) that must consume everything and must not return ULONG_MAX, which is
// netstat's test in extract_type_{1,2}_socket_inode. glibc itself decides the base-0 syntax
// (blanks, sign, 0x, octal), so odd links give netstat's answer.
std::optional<std::uint64_t> whole_strtoul(std::string_view digits) {
    char buffer[32];
    assert(digits.size() < sizeof buffer);
    std::memcpy(buffer, digits.data(), digits.size());
    buffer[digits.size()] = '\0';
    char* end = nullptr;
    unsigned long value = std::strtoul(buffer, &end, 0);
    if (end == nullptr || *end != '\0' || value == ULONG_MAX)
        return std::nullopt;
    return std::uint64_t{value};
}

void append_hex_escape(std::string& out, unsigned char byte) {
    constexpr char k_hex[] = "0123456789abcdef";
    out += "\\x";
    out += k_hex[byte >> 4];
    out += k_hex[byte & 0x0f];
}

bool is_continuation(unsigned char byte) {
    return byte >= 0x80 && byte <= 0xbf;
}

// Length of the UTF-8 sequence that `lead` starts (2-4), or 0 when it is no lead byte.
std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead >= 0xc2 && lead <= 0xdf)
        return 2;
    if (lead >= 0xe0 && lead <= 0xef)
        return 3;
    if (lead >= 0xf0 && lead <= 0xf4)
        return 4;
    return 0;
}

// How many bytes from `at` form one UTF-8 sequence, counting a sequence cut short by the end
// of the text (netstat's 19-byte cut) as complete; 0 when `at` starts no sequence.
std::size_t utf8_run(std::string_view text, std::size_t at) {
    std::size_t length = utf8_sequence_length(static_cast<unsigned char>(text[at]));
    if (length == 0)
        return 0;
    std::size_t end = std::min(text.size(), at + length);
    for (std::size_t i = at + 1; i < end; ++i)
        if (!is_continuation(static_cast<unsigned char>(text[i])))
            return 0;
    return end - at;
}

} // namespace

void InodeOwnerIndex::reserve(std::size_t count) {
    std::size_t wanted = 16;
    while (wanted < 2 * count)
        wanted *= 2;
    if (wanted > m_slots.size())
        rehash(wanted);
}

std::size_t InodeOwnerIndex::slot_of(std::uint64_t inode) const {
    // Fibonacci hashing: inodes are often consecutive, the multiplier spreads them.
    std::uint64_t mixed = inode * 0x9e3779b97f4a7c15ULL;
    return static_cast<std::size_t>(mixed >> 32) & (m_slots.size() - 1);
}

void InodeOwnerIndex::rehash(std::size_t slot_count) {
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(slot_count, Slot{});
    for (const Slot& slot : old) {
        if (slot.owner == k_empty)
            continue;
        std::size_t i = slot_of(slot.inode);
        while (m_slots[i].owner != k_empty)
            i = (i + 1) & (slot_count - 1);
        m_slots[i] = slot;
    }
}

bool InodeOwnerIndex::insert(std::uint64_t inode, std::uint32_t owner) {
    assert(owner != k_empty);
    if (2 * (m_size + 1) > m_slots.size())
        rehash(m_slots.empty() ? 16 : 2 * m_slots.size());
    std::size_t i = slot_of(inode);
    while (m_slots[i].owner != k_empty) {
        if (m_slots[i].inode == inode)
            return false;
        i = (i + 1) & (m_slots.size() - 1);
    }
    m_slots[i] = Slot{inode, owner};
    ++m_size;
    return true;
}

std::optional<std::uint32_t> InodeOwnerIndex::find(std::uint64_t inode) const {
    if (m_slots.empty())
        return std::nullopt;
    std::size_t i = slot_of(inode);
    while (m_slots[i].owner != k_empty) {
        if (m_slots[i].inode == inode)
            return m_slots[i].owner;
        i = (i + 1) & (m_slots.size() - 1);
    }
    return std::nullopt;
}

void add_socket_owner(ProcessMap& map, std::string_view pid, std::string_view argv0,
                      std::uint64_t inode) {
    if (map.owners.empty() || map.owners.back().pid != pid || map.owners.back().argv0 != argv0)
        map.owners.push_back(
            ProcessOwner{std::string(pid), std::string(argv0), render_program_text(pid, argv0)});
    map.by_inode.insert(inode, static_cast<std::uint32_t>(map.owners.size() - 1));
}

std::optional<std::uint64_t> parse_socket_link(std::string_view link) {
    // readlink() gives no NUL; a fixture could, and netstat's strlen() would stop there.
    link = link.substr(0, std::min(link.find('\0'), k_socket_link_max_bytes));
    constexpr std::string_view k_socket = "socket:[";
    constexpr std::string_view k_old = "[0000]:";
    if (link.size() >= k_socket.size() + 3 && link.starts_with(k_socket) && link.ends_with(']'))
        return whole_strtoul(link.substr(k_socket.size(), link.size() - k_socket.size() - 1));
    if (link.size() >= k_old.size() + 1 && link.starts_with(k_old))
        return whole_strtoul(link.substr(k_old.size()));
    return std::nullopt;
}

std::string_view program_name_from_cmdline(std::string_view cmdline) {
    std::string_view argv0 = cmdline.substr(0, cmdline.find('\0'));
    if (argv0.starts_with('/'))
        argv0.remove_prefix(argv0.rfind('/') + 1);
    return argv0;
}

std::string escape_program_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7f) {
            append_hex_escape(out, byte);
            ++i;
            continue;
        }
        if (byte < 0x80) {
            out += text[i++];
            continue;
        }
        std::size_t run = utf8_run(text, i);
        if (run == 0) {
            // Not part of a UTF-8 sequence: 0x80-0x9f are 8-bit C1 controls (0x9b = CSI).
            if (byte <= 0x9f)
                append_hex_escape(out, byte);
            else
                out += text[i];
            ++i;
            continue;
        }
        unsigned char second = run > 1 ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (byte == 0xc2 && second >= 0x80 && second <= 0x9f) {
            append_hex_escape(out, byte); // U+0080-U+009F: C1 controls encoded in UTF-8
            append_hex_escape(out, second);
        } else {
            out.append(text.substr(i, run));
        }
        i += run;
    }
    return out;
}

std::string render_program_text(std::string_view pid, std::string_view argv0) {
    std::string text;
    text.reserve(pid.size() + 1 + argv0.size());
    text += pid;
    text += '/';
    text += program_name_from_cmdline(argv0);
    if (text.size() > k_program_width)
        text.resize(k_program_width);
    return escape_program_text(text);
}

std::string_view render_program_column(const ProcessMap& map, std::uint64_t inode) {
    auto owner = map.by_inode.find(inode);
    if (!owner)
        return "-";
    return map.owners[*owner].column;
}

std::string render_process_map_notice(const ProcessMap& map, unsigned effective_uid) {
    // netstat: "(No info …)" when /proc cannot be opened, or when EACCES happened and no socket
    // was recorded at all; "(Not all …)" when EACCES happened but something was recorded.
    if (map.proc_unreadable || (map.access_denied && map.by_inode.empty()))
        return "(No info could be read for \"-p\": geteuid()=" + std::to_string(effective_uid) +
               " but you should be root.)\n";
    if (map.access_denied)
        return "(Not all processes could be identified, non-owned process info\n"
               " will not be shown, you would have to be root to see it all.)\n";
    return {};
}

} // namespace netstat_audit
