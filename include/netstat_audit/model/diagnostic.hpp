// SPDX-License-Identifier: MIT
// A note about input that was skipped or could not be read; never printed by parsers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace netstat_audit {

struct Diagnostic {
    std::string file;     // path relative to the proc root, e.g. "net/tcp"
    std::size_t line = 0; // 1-based line (fgets chunk) number; 0 for the whole file
    std::string reason;
};

// What a parser returns: the rows it understood, and one diagnostic per row it skipped.
template <typename Row> struct ParseResult {
    std::vector<Row> rows;
    std::vector<Diagnostic> diagnostics;
};

} // namespace netstat_audit
