// SPDX-License-Identifier: MIT
// The -p column text (escaped, cut like netstat) and netstat's notice for an incomplete walk.
#pragma once

#include "netstat_audit/model/socket_owners.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace netstat_audit {

// Makes attacker-controlled program text safe for a terminal. Printable text (ASCII and UTF-8,
// including sequences cut short at the end) is returned unchanged; each of these bytes becomes
// `\xHH` (lower-case hex): C0 controls 0x00-0x1f, DEL 0x7f, both bytes of a UTF-8 encoded C1
// control (U+0080-U+009F, `c2 80`-`c2 9f`), and a byte 0x80-0x9f that is not part of a UTF-8
// sequence (an 8-bit C1 control such as CSI 0x9b). A backslash stays as it is.
std::string escape_program_text(std::string_view text);

// escape_program_text() for whole lines of output bound for a terminal: every line break stays,
// everything else is escaped as there (unix paths, interface names, program names, comments).
// Text without such bytes comes back unchanged.
std::string escape_terminal_text(std::string_view text);

// The -p text for a process: "PID/name" cut to 19 bytes like netstat (a cut may split a UTF-8
// character), then escape_program_text() applied; only non-printable names can exceed 19 bytes.
std::string render_program_text(std::string_view pid, std::string_view argv0);

// render_program_text() before escape_program_text(): the bytes netstat's -p column holds, for
// outputs that carry bytes losslessly (JSON's encode_json_text()).
std::string program_column_bytes(std::string_view pid, std::string_view argv0);

// Records that process `pid` (cmdline argv[0] `argv0`) holds `inode`, exactly as the walk does
// (source/process_map.hpp): an inode that already has an owner keeps it; the owner's column is
// render_program_text(). For maps built in code (tests, other sources).
void add_socket_owner(ProcessMap& map, std::string_view pid, std::string_view argv0,
                      std::uint64_t inode);

// The `-p` column text for `inode`: the owner's column, or "-" when no process holds it.
// The view stays valid as long as `map` is unchanged.
std::string_view render_program_column(const ProcessMap& map, std::uint64_t inode);

// netstat's stderr notice for a walk that hit EACCES (empty when there is nothing to say).
std::string render_process_map_notice(const ProcessMap& map, unsigned effective_uid);

} // namespace netstat_audit
