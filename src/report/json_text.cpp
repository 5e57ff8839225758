// SPDX-License-Identifier: MIT
// Lossless JSON strings for arbitrary bytes: valid UTF-8 as is, other bytes as U+EF80-U+EFFF.
#include "netstat_audit/report/json_text.hpp"

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>

namespace netstat_audit {

namespace {

constexpr char32_t k_byte_base = 0xEF00; // byte 0x80-0xff ↔ U+EF80-U+EFFF

// The length of the well-formed UTF-8 sequence at `at` (RFC 3629: no overlongs, no surrogates,
// at most U+10FFFF), or 0 when the byte there does not start one. `code_point` gets its value.
std::size_t utf8_sequence(std::string_view text, std::size_t at, char32_t& code_point) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[at + i]); };
    const std::uint8_t lead = byte(0);
    std::size_t length = 0;
    char32_t value = 0;
    std::uint8_t low = 0x80, high = 0xBF; // allowed range of the second byte
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, value = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, value = lead & 0x0Fu;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, value = lead & 0x07u;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (text.size() - at < length)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        const std::uint8_t next = byte(i);
        if (i == 1 ? (next < low || next > high) : (next < 0x80 || next > 0xBF))
            return 0;
        value = (value << 6) | (next & 0x3Fu);
    }
    code_point = value;
    return length;
}

void append_utf8(std::string& out, char32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

bool is_byte_code_point(char32_t code_point) {
    return code_point >= k_byte_base + 0x80 && code_point <= k_byte_base + 0xFF;
}

} // namespace

std::string encode_json_text(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t at = 0; at < bytes.size();) {
        char32_t code_point = 0;
        std::size_t length = utf8_sequence(bytes, at, code_point);
        if (length != 0 && !is_byte_code_point(code_point)) {
            out.append(bytes.substr(at, length));
            at += length;
            continue;
        }
        // An invalid byte, or the bytes of a literal U+EF80-U+EFFF: one code point per byte.
        for (std::size_t i = 0; i < (length == 0 ? 1 : length); ++i)
            append_utf8(out, k_byte_base + static_cast<std::uint8_t>(bytes[at + i]));
        at += length == 0 ? 1 : length;
    }
    return out;
}

Json json_text(std::string_view bytes) {
    return Json(encode_json_text(bytes));
}

std::string decode_json_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        char32_t code_point = 0;
        std::size_t length = utf8_sequence(text, at, code_point);
        if (length == 0) { // not produced by encode_json_text(); kept as it is
            out += text[at++];
            continue;
        }
        if (is_byte_code_point(code_point))
            out += static_cast<char>(code_point - k_byte_base);
        else
            out.append(text.substr(at, length));
        at += length;
    }
    return out;
}

namespace {

// The serialiser writes C1 controls (U+0080-U+009F) and U+2028/U+2029 raw, which is valid JSON
// but splits lines for readers that honour Unicode line breaks (Python's splitlines, some log
// shippers) and reaches terminals as controls. They only occur inside strings, so they are
// rewritten as \u escapes in the serialised text; with `Del::escaped` DEL (U+007F) too.
enum class Del { raw, escaped };
std::string escape_line_breaking_code_points(std::string_view text, Del del = Del::raw) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size(); ++at) {
        const auto byte = static_cast<std::uint8_t>(text[at]);
        const auto next = at + 1 < text.size() ? static_cast<std::uint8_t>(text[at + 1]) : 0;
        const auto third = at + 2 < text.size() ? static_cast<std::uint8_t>(text[at + 2]) : 0;
        if (byte == 0x7F && del == Del::escaped) {
            out += "\\u007f";
        } else if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {
            out += fmt::format("\\u{:04x}", next);
            ++at;
        } else if (byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9)) {
            out += third == 0xA8 ? "\\u2028" : "\\u2029";
            at += 2;
        } else {
            out += text[at];
        }
    }
    return out;
}

} // namespace

std::string dump_json_line(const Json& value) {
    // Strings come from encode_json_text(), so strict UTF-8 checking cannot fail; `replace`
    // keeps a hand-built value with raw bytes from throwing all the same.
    return escape_line_breaking_code_points(
        value.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace));
}

std::string dump_json_document(const Json& value) {
    return escape_line_breaking_code_points(
               value.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace)) +
           "\n";
}

std::string escape_json_for_terminal(std::string_view json) {
    return escape_line_breaking_code_points(json, Del::escaped);
}

} // namespace netstat_audit
