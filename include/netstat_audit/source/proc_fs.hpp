// SPDX-License-Identifier: MIT
// Reading files, links and pid lists below an injectable /proc root; the only module that
// touches the file system for /proc data.
#pragma once

#include "netstat_audit/model/proc_path.hpp"

#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace netstat_audit {

// The root that stands for /proc: "/proc" on a live system, a captured tree offline.
class ProcFs {
public:
    // `root` is the directory that plays the role of /proc (no trailing slash needed).
    explicit ProcFs(std::string root = "/proc");

    const std::string& root() const { return m_root; }

    // The absolute path of `relative` (e.g. "net/tcp") below the root.
    std::string path(std::string_view relative) const;

    // The whole content of a file. A path that opens but cannot be read as a file (a directory)
    // reads as empty, never loops. Errors carry the errno of the failing open().
    std::expected<std::string, std::error_code> read_file(std::string_view relative) const;

    // The target of a symbolic link, cut to at most `max_bytes` like readlink(2).
    std::expected<std::string, std::error_code> read_link(std::string_view relative,
                                                          std::size_t max_bytes = 4096) const;

    // Reads a file in large blocks and calls `chunk` for each fgets() chunk of it (at most
    // `buffer_bytes - 1` bytes, newline included), exactly the chunks for_each_fgets_chunk()
    // makes of the whole file, while holding one block in memory. The same open rules and
    // errors as read_file(); nothing is visited on error.
    std::error_code stream_fgets_chunks(std::string_view relative,
                                        const std::function<void(std::string_view)>& chunk,
                                        std::size_t buffer_bytes = 8192) const;

    // True when `root`/net is the kernel's procfs (not a captured tree or a tmpfs mounted over
    // /proc): then its socket tables are the ones a netlink dump returns.
    bool is_kernel_procfs() const;

private:
    std::string m_root;
};

// --proc-root: from now on every read through this module (read_whole_file, ProcFs, the -p
// walk, the audit's collector) of a path below `directory` resolves beneath it, as the kernel's
// openat2(RESOLVE_BENEATH) does: a symbolic link in a capture that points to an absolute path
// or climbs out with ".." fails with EXDEV instead of being followed (its link text can still be
// read). Kernels without openat2 (before 5.6) fall back to plain open(). Process-wide; call
// before any thread starts. An empty `directory` lifts the confinement (tests).
void confine_reads_to(std::string directory);

// The capture directory to confine --proc-root reads to: the parent of a root named "proc"
// (the capture's sys/, etc/ and MANIFEST sit beside it), else the root itself.
std::string capture_directory_of(std::string_view proc_root);

// confine_reads_to(capture_directory_of(proc_root)) unless that is "/" (--proc-root /proc reads
// the live system, whose /etc may hold absolute symlinks).
void confine_reads_to_capture(std::string_view proc_root);

// open(2) of `path` for reading with `flags` (O_RDONLY, O_DIRECTORY, O_NONBLOCK, O_PATH...;
// O_CLOEXEC is added), confined by confine_reads_to(); -1 and errno on failure.
int open_for_reading(const std::string& path, int flags);

// openat(2) of `relative` below `dir_fd` (opened by open_for_reading), confined the same way.
int open_below(int dir_fd, const char* relative, int flags);

// readlink(2) of `path` without following any symlink on the way to it when confined: the
// parent directory is opened by open_for_reading(). The link text, cut to `max_bytes`.
std::expected<std::string, std::error_code> read_link_text(const std::string& path,
                                                           std::size_t max_bytes = 4096);

// The directory that plays /proc for a --proc-root value: `root` itself, or `root`/proc when
// `root` is a capture directory (it has proc/net but no net/ of its own). Trailing slashes go.
std::string resolve_proc_root(std::string root);

// Reads a whole file given an absolute path; shared by ProcFs and the system views. Never
// blocks on a FIFO (reads as empty) and stops after 1 GiB (an endless device reads as a cut file).
std::expected<std::string, std::error_code> read_whole_file(const std::string& path,
                                                            std::size_t max_bytes = SIZE_MAX);

} // namespace netstat_audit
