// SPDX-License-Identifier: MIT
// printf-style text for the views: byte-width padding, byte cuts, decimal integers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace netstat_audit {

// printf("%-*s"): `value` then blanks up to `width` bytes; never truncates.
void append_left(std::string& out, std::string_view value, std::size_t width);
// printf("%*s"): blanks then `value` so that together they take `width` bytes.
void append_right(std::string& out, std::string_view value, std::size_t width);
// Decimal text of integers (fmt's fast integer formatting).
std::string to_decimal(std::int64_t value);
std::string to_decimal(std::uint64_t value);

// The first `max_bytes` bytes of `value` (byte count, like printf precision).
inline std::string_view cut(std::string_view value, std::size_t max_bytes) {
    return value.substr(0, max_bytes);
}

} // namespace netstat_audit
