// SPDX-License-Identifier: MIT
// Private to the route parsers: sscanf-style conversions with widths (%15s, %4s, %02x, %d),
// reporting where they stopped so that a line is read exactly as glibc's sscanf reads it.
#pragma once

#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace netstat_audit::detail {

// A cursor over one line; each conversion skips leading white space first, as scanf does for
// %s and numeric conversions. A failed conversion leaves the cursor where it was.
class ScanfFields {
public:
    explicit ScanfFields(std::string_view line) : m_rest(line.substr(0, line.find('\0'))) {}

    // %Ns (N = max_bytes; 0 = unlimited): a run of non-blank bytes, at least one.
    std::optional<std::string_view> word(std::size_t max_bytes = 0) {
        skip_space();
        std::size_t n = 0;
        while (n < m_rest.size() && !is_space(m_rest[n]) && (max_bytes == 0 || n < max_bytes))
            ++n;
        if (n == 0)
            return std::nullopt;
        std::string_view out = m_rest.substr(0, n);
        m_rest.remove_prefix(n);
        return out;
    }

    // %x / %X / %Nx into an unsigned int: wraps to 32 bits like the C conversion.
    std::optional<std::uint32_t> hex(std::size_t max_digits = 0) {
        skip_space();
        std::size_t n = 0;
        std::uint64_t value = 0;
        while (n < m_rest.size() && (max_digits == 0 || n < max_digits) &&
               std::isxdigit(static_cast<unsigned char>(m_rest[n])) != 0) {
            char c = m_rest[n];
            unsigned digit = c <= '9' ? unsigned(c - '0') : unsigned((c | 0x20) - 'a' + 10);
            value = value > (std::numeric_limits<std::uint64_t>::max() >> 4)
                        ? std::numeric_limits<std::uint64_t>::max()
                        : (value << 4) | digit;
            ++n;
        }
        if (n == 0)
            return std::nullopt;
        m_rest.remove_prefix(n);
        return static_cast<std::uint32_t>(value);
    }

    // %d into an int: strtol saturates at the long range, the store keeps the low 32 bits.
    std::optional<std::int32_t> decimal() {
        skip_space();
        std::size_t n = 0;
        bool negative = false;
        if (n < m_rest.size() && (m_rest[n] == '-' || m_rest[n] == '+'))
            negative = m_rest[n++] == '-';
        std::size_t first_digit = n;
        std::uint64_t magnitude = 0;
        constexpr std::uint64_t k_limit = std::uint64_t{1} << 63;
        while (n < m_rest.size() && m_rest[n] >= '0' && m_rest[n] <= '9') {
            auto digit = static_cast<std::uint64_t>(m_rest[n] - '0');
            magnitude = magnitude > (k_limit - digit) / 10 ? k_limit : magnitude * 10 + digit;
            ++n;
        }
        if (n == first_digit)
            return std::nullopt;
        m_rest.remove_prefix(n);
        if (!negative && magnitude >= k_limit)
            magnitude = k_limit - 1;
        std::uint64_t as_long = negative ? 0 - magnitude : magnitude;
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(as_long));
    }

private:
    static bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
    void skip_space() {
        while (!m_rest.empty() && is_space(m_rest.front()))
            m_rest.remove_prefix(1);
    }

    std::string_view m_rest;
};

} // namespace netstat_audit::detail
