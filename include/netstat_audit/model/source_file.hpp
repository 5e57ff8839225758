// SPDX-License-Identifier: MIT
// One input a collector tried to read, and what kept it from being used.
#pragma once

#include <optional>
#include <string>
#include <system_error>

namespace netstat_audit {

struct SourceFile {
    std::string relative;                    // below the proc root, e.g. "net/route"
    std::error_code error;                   // the open() error; empty when it was read
    std::optional<std::string> format_error; // read, but its header does not fit (net/route:
                                             // the first required column missing, "" if empty)
    bool usable() const { return !error && !format_error; }
};

} // namespace netstat_audit
