// SPDX-License-Identifier: MIT
// Where a run writes: stdout-like and stderr-like streams (tests pass memory streams).
#pragma once

#include "netstat_audit/view/rendered_text.hpp"

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

// Writes every chunk to its stream, in order.
inline void write_rendered(const Output& output, const RenderedText& text) {
    for (const RenderedText::Chunk& chunk : text.chunks)
        (chunk.stream == RenderedText::Stream::out ? output.write_out(chunk.text)
                                                   : output.write_err(chunk.text));
}

} // namespace netstat_audit
