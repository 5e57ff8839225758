// SPDX-License-Identifier: MIT
// --output FILE: replace a file atomically (temporary file in the same directory, fsync, rename),
// gzip-compressed through zlib when the name ends in ".gz".
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace netstat_audit {

// How the bytes are stored: as given, or as one gzip member (RFC 1952).
enum class FileCompression : std::uint8_t { none, gzip };

// gzip for a path ending in ".gz", none otherwise.
FileCompression compression_for(std::string_view path);

// Replaces `path` with `content` so that a reader sees the old file or the whole new one, never
// a part: writes "DIR/.NAME.XXXXXX", fsyncs it, renames it over `path`, fsyncs DIR. Refuses a
// `path` that is a symbolic link, not a regular file, or owned by another user than the
// effective uid. A new file gets 0666 & ~umask, a replaced one keeps its mode. On any failure
// (ENOSPC, EDQUOT, EIO...) the temporary file is removed, `path` is untouched and the error is
// a message "cannot write PATH: REASON".
std::expected<void, std::string> write_file_atomically(const std::string& path,
                                                       std::string_view content,
                                                       FileCompression compression);

// gzip (RFC 1952) bytes of `content`, deflated at zlib's default level.
std::string gzip_bytes(std::string_view content);

} // namespace netstat_audit
