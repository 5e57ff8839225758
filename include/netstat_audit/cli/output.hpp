// SPDX-License-Identifier: MIT
// Where a run writes: stdout-like and stderr-like streams (tests pass memory streams).
#pragma once

#include "netstat_audit/view/rendered_text.hpp"

#include <cstdio>
#include <string_view>

namespace netstat_audit {

// Remembers errno of the first failed write to `stream` (call right after the failing write);
// finish_output() reports it. Writes to stderr are not tracked.
void note_write_failure(std::FILE* stream) noexcept;

// Whether text bound for a stream may carry the system's raw bytes (a pipe or file: netstat's
// bytes), has its control bytes escaped (a terminal: escape_terminal_text()), or is JSON whose
// strings' controls become \u escapes (JSON on a terminal: escape_json_for_terminal()).
enum class ControlBytes { raw, escaped, json };

// C stdio streams, so that buffering matches netstat's (stdout fully buffered on a pipe,
// stderr unbuffered). A failed write to `out` is remembered for finish_output(); the views go
// on writing (stdio keeps the error flag), as netstat does.
struct Output {
    std::FILE* out = stdout;
    std::FILE* err = stderr;
    ControlBytes out_bytes = ControlBytes::raw;
    ControlBytes err_bytes = ControlBytes::raw;

    void write_out(std::string_view text) const;
    void write_err(std::string_view text) const;
};

// ControlBytes::escaped for a stream that is a terminal, else raw.
ControlBytes control_bytes_for(std::FILE* stream);

// For JSON output: ControlBytes::json for a stream that is a terminal, else raw (lossless either
// way; a pipe gets the serialiser's bytes).
ControlBytes json_control_bytes_for(std::FILE* stream);

// Flushes `stream`; true when a write to it failed (now or earlier, EPIPE included): a loop
// that repeats its output stops there.
bool flush_failed(std::FILE* stream);

// Flushes `stream` and returns 0 when everything written to it arrived or the reader went away
// (EPIPE: `| head`, which ends quietly), else the errno of the first failed write (ENOSPC for
// /dev/full; EIO when the stream's error flag is set but the cause is unknown).
int finish_output(std::FILE* stream);

// The end of a run: finish_output(output.out), and on a write error other than EPIPE a line
// "PROGRAM: write error: REASON" on output.err and exit status 1 (unless `status` already says
// failure). Returns the exit status to use.
int finish_run(const Output& output, std::string_view program_name, int status);

// A TextSink onto an Output: each piece is written at once through stdio, whose buffering
// (4 KiB on a pipe) then puts stderr lines among stdout's blocks where netstat's would be; a
// terminal gets Output's escaping, and a failed write is remembered for finish_output().
class OutputSink final : public TextSink {
public:
    explicit OutputSink(const Output& output) : m_output(output) {}
    void out(std::string_view text) override {
        if (m_output.out_bytes == ControlBytes::escaped)
            return m_output.write_out(text);
        if (::fwrite_unlocked(text.data(), 1, text.size(), m_output.out) != text.size())
            note_write_failure(m_output.out);
    }
    void err(std::string_view text) override { m_output.write_err(text); }

private:
    const Output& m_output;
};

// Writes every chunk to its stream, in order.
inline void write_rendered(const Output& output, const RenderedText& text) {
    for (const RenderedText::Chunk& chunk : text.chunks)
        (chunk.stream == RenderedText::Stream::out ? output.write_out(chunk.text)
                                                   : output.write_err(chunk.text));
}

} // namespace netstat_audit
