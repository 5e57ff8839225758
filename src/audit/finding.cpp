// SPDX-License-Identifier: MIT
// Severity names.
#include "netstat_audit/audit/finding.hpp"

namespace netstat_audit {

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::info:
        return "info";
    case Severity::warning:
        return "warning";
    case Severity::critical:
        break;
    }
    return "critical";
}

std::optional<Severity> parse_severity(std::string_view text) {
    for (Severity s : {Severity::info, Severity::warning, Severity::critical})
        if (text == severity_name(s))
            return s;
    return std::nullopt;
}

} // namespace netstat_audit
