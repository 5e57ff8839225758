// SPDX-License-Identifier: MIT
// A CLI11 check the floating-point options share.
#pragma once

#include "netstat_audit/cli/cli11.hpp"

#include <cmath>
#include <string>

namespace netstat_audit {

// CLI::Range lets NaN through: "nan" converts, and every comparison with NaN is false. A
// floating-point option checks this before its range; its help text is unchanged.
inline CLI::Validator not_nan() {
    return CLI::Validator(
        [](std::string& text) {
            long double value = 0;
            if (CLI::detail::lexical_cast(text, value) && std::isnan(value))
                return "Value " + text + " is not a number";
            return std::string();
        },
        std::string());
}

} // namespace netstat_audit
