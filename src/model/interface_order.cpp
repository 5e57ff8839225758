// SPDX-License-Identifier: MIT
// netstat's natural order of interface names.
#include "netstat_audit/model/interface_order.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace netstat_audit {

namespace {

// "eth0:12" → {"eth0", "12"}; no alias → {name, ""} (an alias is ':' plus digits to the end).
std::pair<std::string_view, std::string_view> split_alias(std::string_view name) {
    std::size_t colon = name.rfind(':');
    if (colon == name.npos || colon + 1 == name.size())
        return {name, {}};
    for (char c : name.substr(colon + 1))
        if (c < '0' || c > '9')
            return {name, {}};
    return {name.substr(0, colon), name.substr(colon + 1)};
}

std::size_t prefix_length(std::string_view name) {
    std::size_t n = name.size();
    while (n > 0 && name[n - 1] >= '0' && name[n - 1] <= '9')
        --n;
    return n;
}

std::uint64_t digits_value(std::string_view digits) {
    std::uint64_t value = 0;
    for (char c : digits)
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    return value;
}

int sign(int value) {
    return (value > 0) - (value < 0);
}

template <typename T> int three_way(T a, T b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

} // namespace

int compare_interface_names(std::string_view a, std::string_view b) {
    auto [name_a, alias_a] = split_alias(a);
    auto [name_b, alias_b] = split_alias(b);
    std::size_t prefix_a = prefix_length(name_a);
    std::size_t prefix_b = prefix_length(name_b);
    std::size_t common = std::min(prefix_a, prefix_b);
    if (int order = name_a.substr(0, common).compare(name_b.substr(0, common)))
        return sign(order);
    if (prefix_a != prefix_b)
        return three_way(prefix_a, prefix_b);
    if (int order =
            three_way(digits_value(name_a.substr(prefix_a)), digits_value(name_b.substr(prefix_b))))
        return order;
    if (int order = name_a.compare(name_b))
        return sign(order);
    if (alias_a.empty() || alias_b.empty())
        return alias_a.empty() && alias_b.empty() ? 0 : alias_a.empty() ? -1 : 1;
    return sign(alias_a.compare(alias_b));
}

} // namespace netstat_audit
