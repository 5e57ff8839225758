// SPDX-License-Identifier: MIT
// glibc sscanf() conversion rules for the /proc parsers.
#include "netstat_audit/parse/scanner.hpp"

#include <array>
#include <cstdint>
#include <limits>

namespace netstat_audit {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Digit values for every byte: 0-15 for hex digits, 99 for anything else.
constexpr auto k_digit_values = [] {
    std::array<std::uint8_t, 256> table{};
    for (auto& value : table)
        value = 99;
    for (int c = '0'; c <= '9'; ++c)
        table[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c) {
        table[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - 'a' + 10);
        table[static_cast<std::size_t>(c - 'a' + 'A')] = static_cast<std::uint8_t>(c - 'a' + 10);
    }
    return table;
}();

int digit_value(char c) {
    return k_digit_values[static_cast<unsigned char>(c)];
}

// Digits of an unsigned magnitude; sets `overflow` past 2^64-1 like strtoul.
std::size_t read_magnitude(std::string_view text, int base, std::uint64_t& value, bool& overflow) {
    std::size_t i = 0;
    value = 0;
    overflow = false;
    const auto ubase = static_cast<std::uint64_t>(base);
    for (; i < text.size(); ++i) {
        int d = digit_value(text[i]);
        if (d >= base)
            break;
        const auto digit = static_cast<std::uint64_t>(d);
        // Checked without a division per digit (this loop is most of a /proc parse).
        std::uint64_t shifted = 0;
        overflow |= __builtin_mul_overflow(value, ubase, &shifted);
        overflow |= __builtin_add_overflow(shifted, digit, &value);
    }
    return i;
}

// An optional '+' or '-' as strtol accepts it; true for '-'.
bool take_sign(std::string_view& text) {
    if (text.empty() || (text.front() != '+' && text.front() != '-'))
        return false;
    bool negative = text.front() == '-';
    text.remove_prefix(1);
    return negative;
}

} // namespace

ScanCursor::ScanCursor(std::string_view line) : m_rest(line.substr(0, line.find('\0'))) {}

void ScanCursor::skip_space() {
    while (!m_rest.empty() && is_space(m_rest.front()))
        m_rest.remove_prefix(1);
}

bool ScanCursor::literal(char c) {
    if (m_rest.empty() || m_rest.front() != c)
        return false;
    m_rest.remove_prefix(1);
    return true;
}

std::optional<std::uint64_t> ScanCursor::unsigned_number(int base, std::size_t max_width) {
    skip_space();
    std::string_view text = m_rest;
    if (max_width != 0)
        text = text.substr(0, max_width);
    const std::size_t available = text.size();
    bool negative = take_sign(text);
    const bool has_prefix =
        text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    if (base == 0)
        base = has_prefix ? 16 : !text.empty() && text[0] == '0' ? 8 : 10;
    if (base == 16 && has_prefix) {
        // "0x" with no hex digit after it converts as 0 and consumes the prefix (glibc).
        text.remove_prefix(2);
        if (text.empty() || digit_value(text.front()) >= 16) {
            m_rest.remove_prefix(available - text.size());
            return 0;
        }
    }
    std::uint64_t value = 0;
    bool overflow = false;
    std::size_t used = read_magnitude(text, base, value, overflow);
    if (used == 0)
        return std::nullopt;
    m_rest.remove_prefix(available - text.size() + used);
    if (overflow)
        return std::numeric_limits<std::uint64_t>::max();
    return negative ? 0 - value : value;
}

std::optional<std::uint32_t> ScanCursor::uint32_number(int base, std::size_t max_width) {
    auto value = unsigned_number(base, max_width);
    if (!value)
        return std::nullopt;
    return static_cast<std::uint32_t>(*value);
}

std::optional<std::int32_t> ScanCursor::int32_number() {
    auto value = signed_number();
    if (!value)
        return std::nullopt;
    return static_cast<std::int32_t>(
        static_cast<std::uint32_t>(static_cast<std::uint64_t>(*value)));
}

std::optional<std::int64_t> ScanCursor::signed_number() {
    skip_space();
    std::string_view text = m_rest;
    bool negative = take_sign(text);
    std::uint64_t value = 0;
    bool overflow = false;
    std::size_t used = read_magnitude(text, 10, value, overflow);
    if (used == 0)
        return std::nullopt;
    m_rest = text.substr(used);
    constexpr auto k_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (negative) {
        if (overflow || value > k_max + 1)
            return std::numeric_limits<std::int64_t>::min();
        return value == k_max + 1 ? std::numeric_limits<std::int64_t>::min()
                                  : -static_cast<std::int64_t>(value);
    }
    if (overflow || value > k_max)
        return std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(value);
}

std::optional<std::string_view> ScanCursor::hex_digits(std::size_t max) {
    std::size_t n = 0;
    while (n < m_rest.size() && n < max && digit_value(m_rest[n]) < 16)
        ++n;
    if (n == 0)
        return std::nullopt;
    std::string_view digits = m_rest.substr(0, n);
    m_rest.remove_prefix(n);
    return digits;
}

std::optional<std::string_view> ScanCursor::word(std::size_t max_bytes) {
    skip_space();
    std::size_t n = 0;
    while (n < m_rest.size() && !is_space(m_rest[n]) && (max_bytes == 0 || n < max_bytes))
        ++n;
    if (n == 0)
        return std::nullopt;
    std::string_view result = m_rest.substr(0, n);
    m_rest.remove_prefix(n);
    return result;
}

std::optional<std::string_view> ScanCursor::characters(std::size_t count) {
    if (m_rest.empty() || count == 0)
        return std::nullopt;
    std::string_view result = m_rest.substr(0, count);
    m_rest.remove_prefix(result.size());
    return result;
}

bool ScanCursor::at_end() const {
    for (char c : m_rest)
        if (!is_space(c))
            return false;
    return true;
}

} // namespace netstat_audit
