// SPDX-License-Identifier: MIT
#include "netstat_audit/model/counter_delta.hpp"

namespace netstat_audit {

std::optional<std::uint64_t> find_counter(std::span<const CounterGroup> groups,
                                          std::string_view group, std::string_view name) {
    for (const CounterGroup& g : groups) {
        if (g.name != group)
            continue;
        for (const Counter& c : g.counters)
            if (c.name == name)
                return static_cast<std::uint64_t>(c.value);
    }
    return std::nullopt;
}

CounterDelta counter_delta(std::uint64_t before, std::uint64_t after, bool same_boot) {
    if (!same_boot || after < before)
        return {DeltaStatus::reset, 0};
    return {DeltaStatus::ok, after - before};
}

CounterDelta counter_delta(std::span<const CounterGroup> before,
                           std::span<const CounterGroup> after, std::string_view group,
                           std::string_view name, bool same_boot) {
    const std::optional<std::uint64_t> b = find_counter(before, group, name);
    const std::optional<std::uint64_t> a = find_counter(after, group, name);
    if (!b || !a)
        return {DeltaStatus::missing, 0};
    return counter_delta(*b, *a, same_boot);
}

std::optional<double> delta_ratio(const CounterDelta& numerator, const CounterDelta& denominator) {
    if (numerator.status != DeltaStatus::ok || denominator.status != DeltaStatus::ok ||
        denominator.value == 0)
        return std::nullopt;
    return static_cast<double>(numerator.value) / static_cast<double>(denominator.value);
}

bool same_boot(std::string_view before_boot_id, std::string_view after_boot_id) {
    return before_boot_id == after_boot_id;
}

std::optional<double> delta_per_second(const CounterDelta& delta, double seconds) {
    if (delta.status != DeltaStatus::ok || !(seconds > 0))
        return std::nullopt;
    return static_cast<double>(delta.value) / seconds;
}

} // namespace netstat_audit
