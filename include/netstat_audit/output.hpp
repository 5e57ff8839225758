// SPDX-License-Identifier: MIT
// Where a run writes: stdout-like and stderr-like streams (tests pass memory streams).
#pragma once

#include <cstdio>
#include <string_view>

namespace netstat_audit {

// C stdio streams, so that buffering matches netstat's (stdout fully buffered on a pipe,
// stderr unbuffered). Write errors are ignored, as netstat ignores them.
struct Output {
    std::FILE* out = stdout;
    std::FILE* err = stderr;

    void write_out(std::string_view text) const { std::fwrite(text.data(), 1, text.size(), out); }
    void write_err(std::string_view text) const { std::fwrite(text.data(), 1, text.size(), err); }
};

} // namespace netstat_audit
