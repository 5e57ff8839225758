// SPDX-License-Identifier: MIT
// Change of cumulative kernel counters between two collections: the one primitive every rate
// (audit health checks, trigger thresholds) is computed from. A counter that went backwards or
// two collections of different boots are a reset, never a negative or absurd difference.
#pragma once

#include "netstat_audit/model/counters.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace netstat_audit {

// The first counter `name` of the first group `group` ("Tcp", "RetransSegs"); nullopt when the
// collection has no such counter. The value is the counter's 64-bit pattern, unsigned.
std::optional<std::uint64_t> find_counter(std::span<const CounterGroup> groups,
                                          std::string_view group, std::string_view name);

enum class DeltaStatus : std::uint8_t {
    ok,      // `value` is after - before
    reset,   // different boot, or the counter went backwards: no difference can be told
    missing, // one of the two collections lacks the counter
};

struct CounterDelta {
    DeltaStatus status = DeltaStatus::missing;
    std::uint64_t value = 0; // meaningful only when status == ok
};

// after - before for one counter. `same_boot` is false when the two collections' boot ids
// differ (or either is unknown while the other is known).
CounterDelta counter_delta(std::uint64_t before, std::uint64_t after, bool same_boot);
CounterDelta counter_delta(std::span<const CounterGroup> before,
                           std::span<const CounterGroup> after, std::string_view group,
                           std::string_view name, bool same_boot);

// numerator / denominator of two deltas; nullopt unless both are ok and the denominator is
// non-zero.
std::optional<double> delta_ratio(const CounterDelta& numerator, const CounterDelta& denominator);

// Whether two collections are of the same boot: both boot ids known and equal, or both unknown
// (two captures without sys/kernel/random/boot_id are taken at their word).
bool same_boot(std::string_view before_boot_id, std::string_view after_boot_id);

// delta / seconds; nullopt unless the delta is ok and `seconds` is positive.
std::optional<double> delta_per_second(const CounterDelta& delta, double seconds);

} // namespace netstat_audit
