// SPDX-License-Identifier: MIT
// The -p column: escaped program text and netstat's notices.
#include "netstat_audit/view/programs.hpp"

#include "netstat_audit/parse/socket_link.hpp"

#include <algorithm>

namespace netstat_audit {

namespace {

constexpr std::size_t k_program_width = 19; // netstat: char finbuf[PROGNAME_WIDTH = 20]

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

std::string escape_terminal_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        out += escape_program_text(text.substr(start, end - start));
        if (end == text.size())
            break;
        out += '\n';
        start = end + 1;
    }
    return out;
}

std::string program_column_bytes(std::string_view pid, std::string_view argv0) {
    std::string text;
    text.reserve(pid.size() + 1 + argv0.size());
    text += pid;
    text += '/';
    text += program_name_from_cmdline(argv0);
    if (text.size() > k_program_width)
        text.resize(k_program_width);
    return text;
}

std::string render_program_text(std::string_view pid, std::string_view argv0) {
    return escape_program_text(program_column_bytes(pid, argv0));
}

void add_socket_owner(ProcessMap& map, std::string_view pid, std::string_view argv0,
                      std::uint64_t inode) {
    if (map.owners.empty() || map.owners.back().pid != pid || map.owners.back().argv0 != argv0)
        map.owners.push_back(
            ProcessOwner{std::string(pid), std::string(argv0), render_program_text(pid, argv0)});
    map.by_inode.insert(inode, static_cast<std::uint32_t>(map.owners.size() - 1));
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
