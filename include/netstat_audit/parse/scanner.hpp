// SPDX-License-Identifier: MIT
// The one line reader and the one field scanner every /proc parser uses: fgets-sized chunks
// and glibc sscanf() conversion rules, so that odd input gives netstat's result.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace netstat_audit {

// netstat reads /proc files with fgets() into a fixed buffer (8192 bytes for socket files): a
// longer line arrives as several "lines". Calls `visit(chunk)` for each chunk of at most
// `buffer_bytes - 1` bytes (newline included when present). Linear in the size of `text`.
template <typename Visit>
void for_each_fgets_chunk(std::string_view text, std::size_t buffer_bytes, Visit&& visit) {
    const std::size_t max_chunk = buffer_bytes > 1 ? buffer_bytes - 1 : 1;
    while (!text.empty()) {
        std::string_view window = text.substr(0, max_chunk);
        std::size_t newline = window.find('\n');
        std::size_t length = newline == window.npos ? window.size() : newline + 1;
        visit(text.substr(0, length));
        text.remove_prefix(length);
    }
}

// The same with netstat's 8192-byte buffer of the socket listings.
template <typename Visit> void for_each_fgets_chunk(std::string_view text, Visit&& visit) {
    for_each_fgets_chunk(text, 8192, std::forward<Visit>(visit));
}

// The line reader of files netstat reads without a fixed bound (snmp, netstat, snmp6, status,
// mountinfo): calls `visit(line)` for each line, newline included when present (the last line
// may lack it). Linear in the size of `text`.
template <typename Visit> void for_each_line(std::string_view text, Visit&& visit) {
    while (!text.empty()) {
        std::size_t newline = text.find('\n');
        std::size_t length = newline == text.npos ? text.size() : newline + 1;
        visit(text.substr(0, length));
        text.remove_prefix(length);
    }
}

// `line` without its trailing newline, if it has one.
constexpr std::string_view without_newline(std::string_view line) {
    return line.ends_with('\n') ? line.substr(0, line.size() - 1) : line;
}

// The delimiters netstat hands to strtok() when it splits counter and sctp lines into words.
inline constexpr std::string_view k_strtok_blanks = " \t\n";

// Reads fields the way glibc's sscanf() converts them, so that odd input gives netstat's
// result: numeric conversions skip leading blanks (isspace: space \t \n \v \f \r), accept a
// sign and (hex) a 0x prefix, and saturate like strtoul/strtol on a 64-bit long (sscanf calls
// them). Text after a NUL byte is invisible, as for sscanf and every C string function.
// A failed conversion leaves the cursor where it was. This is the one scanner of parse/: every
// parser reads its fields through it (route, ipv6_route, counters, snmp6, igmp, sctp, sockets).
class ScanCursor {
public:
    explicit ScanCursor(std::string_view line);

    // A blank in the format: skips any white space (possibly none). Always succeeds.
    void skip_space();
    // A literal character in the format: must be the next character.
    bool literal(char c);
    // %X / %lX / %lu / %x / %llu (base 10 or 16) and strtoul(..., 0) (base 0: "0x" hex, a
    // leading "0" octal, else decimal). `max_width` (0 = none) is the scanf field width; it
    // counts the sign and the 0x prefix. "-N" wraps; past 2^64-1 saturates.
    std::optional<std::uint64_t> unsigned_number(int base, std::size_t max_width = 0);
    // %X / %NX stored into an unsigned int: the 64-bit conversion, then its low 32 bits.
    std::optional<std::uint32_t> uint32_number(int base, std::size_t max_width = 0);
    // %ld / strtol: a signed decimal conversion (saturating at the 64-bit range).
    std::optional<std::int64_t> signed_number();
    // %d stored into an int (and atoi): strtol's saturated value, then its low 32 bits.
    std::optional<std::int32_t> int32_number();
    // %N[0-9A-Fa-f]: at most `max` hex digits, no blank skipping, at least one required.
    std::optional<std::string_view> hex_digits(std::size_t max);
    // %s / %Ns: skips blanks, then a run of at most `max_bytes` (0 = unlimited) non-blank
    // characters, at least one.
    std::optional<std::string_view> word(std::size_t max_bytes = 0);
    // %Nc: no blank skipping, the next `count` characters (fewer at the end), at least one.
    std::optional<std::string_view> characters(std::size_t count);
    // %n: what is left unread.
    std::string_view rest() const { return m_rest; }
    // True when only white space (or nothing) is left.
    bool at_end() const;

private:
    std::string_view m_rest;
};

} // namespace netstat_audit
