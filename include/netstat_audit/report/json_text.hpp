// SPDX-License-Identifier: MIT
// The one JSON encoding of system strings (paths, program names, interface names): lossless for
// any bytes, always a plain JSON string that jq, Elasticsearch and rsyslog accept.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace netstat_audit {

// Every JSON value netstat-audit writes. Keys keep insertion order, so documents read top-down
// (schema_version first) and output is deterministic.
using Json = nlohmann::ordered_json;

// The JSON string for raw system bytes ("NETSTAT-AUDIT TEXT", documented in the man page):
//  - valid UTF-8 is carried as is; control bytes (0x00-0x1f) become JSON's own \u00XX escapes
//    and quotes and backslashes \" and \\ (by the serialiser), which every parser reverses;
//  - each byte of an invalid UTF-8 sequence (a byte 0x80-0xff that does not start or continue a
//    well-formed sequence) becomes the private-use code point U+EF00+byte (U+EF80-U+EFFF);
//  - so that this stays reversible, the bytes of a literal U+EF80-U+EFFF in the input (the
//    sequences ee be 80 .. ee bf bf) are carried the same way, byte by byte.
// Decoding maps every U+EF80-U+EFFF back to its byte and keeps everything else: the bytes come
// back exactly (decode_json_text). Never throws.
std::string encode_json_text(std::string_view bytes);

// The JSON value of encode_json_text(bytes).
Json json_text(std::string_view bytes);

// The inverse of encode_json_text(): the original bytes of an encoded (valid UTF-8) string.
std::string decode_json_text(std::string_view text);

// Serialises `value` as one line (no newline added); the text is always valid UTF-8.
std::string dump_json_line(const Json& value);

// Serialises `value` indented by two spaces, followed by a newline.
std::string dump_json_document(const Json& value);

// Serialised JSON (or NDJSON) bound for a terminal: DEL (U+007F, which serialisers write raw)
// becomes \u007f, as do the C1 controls U+0080-U+009F and U+2028/U+2029 where a serialiser
// other than dump_json_*() wrote them raw. Such characters occur only inside strings, so the
// result is valid JSON that decodes to the same strings; text without them is unchanged.
std::string escape_json_for_terminal(std::string_view json);

} // namespace netstat_audit
