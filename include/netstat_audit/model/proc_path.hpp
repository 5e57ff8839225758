// SPDX-License-Identifier: MIT
// The path text of a file below a proc root: pure, so presenters can name the file a message
// is about without touching the system.
#pragma once

#include <string>
#include <string_view>

namespace netstat_audit {

// `relative` below `root` as ProcFs::path() spells it ("/proc" + "net/tcp" = "/proc/net/tcp",
// "/" + "net/tcp" = "/net/tcp"). No I/O, no normalisation beyond that one separator.
std::string join_proc_path(std::string_view root, std::string_view relative);

} // namespace netstat_audit
