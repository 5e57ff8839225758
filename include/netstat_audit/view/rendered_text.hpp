// SPDX-License-Identifier: MIT
// What a presenter returns: stdout and stderr text in netstat's order, and the exit status.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

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

// Where a streaming presenter writes each piece of text as soon as it is rendered, stdout and
// stderr in netstat's order (the command's sink writes to stdio; tests collect).
class TextSink {
public:
    virtual void out(std::string_view text) = 0;
    virtual void err(std::string_view text) = 0;

protected:
    ~TextSink() = default;
};

// A sink that collects into a RenderedText.
class RenderedTextSink final : public TextSink {
public:
    explicit RenderedTextSink(RenderedText& text) : m_text(text) {}
    void out(std::string_view text) override { m_text.out(std::string(text)); }
    void err(std::string_view text) override { m_text.err(std::string(text)); }

private:
    RenderedText& m_text;
};

} // namespace netstat_audit
