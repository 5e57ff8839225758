// SPDX-License-Identifier: MIT
// Where a run writes: stdout-like and stderr-like streams (tests pass memory streams).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// C stdio streams, so that buffering matches netstat's (stdout fully buffered on a pipe,
// stderr unbuffered). Write errors are ignored, as netstat ignores them.
struct Output {
    std::FILE* out = stdout;
    std::FILE* err = stderr;

    void write_out(std::string_view text) const { std::fwrite(text.data(), 1, text.size(), out); }
    void write_err(std::string_view text) const { std::fwrite(text.data(), 1, text.size(), err); }
};

// Text a presenter produced for both streams, in the order netstat writes it, and the exit
// status it decided. Presenters fill it; only the command writes it (write_rendered()).
struct RenderedText {
    enum class Stream : std::uint8_t { out, err };
    struct Chunk {
        Stream stream;
        std::string text;
    };
    std::vector<Chunk> chunks;
    int status = 0;

    void out(std::string text) { append(Stream::out, std::move(text)); }
    void err(std::string text) { append(Stream::err, std::move(text)); }

private:
    void append(Stream stream, std::string text) {
        if (text.empty())
            return;
        if (!chunks.empty() && chunks.back().stream == stream)
            chunks.back().text += text;
        else
            chunks.push_back({stream, std::move(text)});
    }
};

// Writes every chunk to its stream, in order.
inline void write_rendered(const Output& output, const RenderedText& text) {
    for (const RenderedText::Chunk& chunk : text.chunks)
        (chunk.stream == RenderedText::Stream::out ? output.write_out(chunk.text)
                                                   : output.write_err(chunk.text));
}

} // namespace netstat_audit
