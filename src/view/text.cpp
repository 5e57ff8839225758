// SPDX-License-Identifier: MIT
// Byte-exact padding and decimal text.
#include "netstat_audit/view/text.hpp"

#include <fmt/format.h>

namespace netstat_audit {

void append_left(std::string& out, std::string_view value, std::size_t width) {
    out += value;
    if (value.size() < width)
        out.append(width - value.size(), ' ');
}

void append_right(std::string& out, std::string_view value, std::size_t width) {
    if (value.size() < width)
        out.append(width - value.size(), ' ');
    out += value;
}

std::string to_decimal(std::int64_t value) {
    return fmt::format_int(value).str();
}
std::string to_decimal(std::uint64_t value) {
    return fmt::format_int(value).str();
}

} // namespace netstat_audit
