// SPDX-License-Identifier: MIT
// ProcFs: plain POSIX reads below an injectable root, errors as std::error_code.
#include "netstat_audit/source/proc_fs.hpp"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

std::error_code last_error() {
    return {errno, std::generic_category()};
}

// Far above any real /proc file (a million sockets make /proc/net/tcp about 150 MiB).
constexpr std::size_t k_max_file_bytes = std::size_t{1} << 30;

} // namespace

bool ProcFs::is_kernel_procfs() const {
    struct statfs info {};
    return ::statfs(path("net/").c_str(), &info) == 0 && info.f_type == PROC_SUPER_MAGIC;
}

std::expected<std::string, std::error_code> read_whole_file(const std::string& path,
                                                            std::size_t max_bytes) {
    // O_NONBLOCK: a FIFO planted in a captured tree reads as empty instead of blocking.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return std::unexpected(last_error());
    // A character device such as /dev/zero would never end: cap every read.
    max_bytes = std::min(max_bytes, k_max_file_bytes);
    std::string data;
    char buffer[65536];
    while (data.size() < max_bytes) {
        std::size_t want = std::min(sizeof buffer, max_bytes - data.size());
        ssize_t got = ::read(fd, buffer, want);
        if (got < 0 && errno == EINTR)
            continue;
        // EISDIR and other read errors: what was read so far is the content (netstat would
        // loop forever on a directory; we treat it as empty).
        if (got <= 0)
            break;
        data.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return data;
}

ProcFs::ProcFs(std::string root) : m_root(std::move(root)) {
    while (m_root.size() > 1 && m_root.back() == '/')
        m_root.pop_back();
}

std::string join_proc_path(std::string_view root, std::string_view relative) {
    std::string result(root);
    if (result != "/")
        result += '/';
    result += relative;
    return result;
}

std::string resolve_proc_root(std::string root) {
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    struct stat info {};
    if (::stat(join_proc_path(root, "net").c_str(), &info) == 0 && S_ISDIR(info.st_mode))
        return root;
    std::string inner = join_proc_path(root, "proc");
    if (::stat(join_proc_path(inner, "net").c_str(), &info) == 0 && S_ISDIR(info.st_mode))
        return inner;
    return root;
}

std::string ProcFs::path(std::string_view relative) const {
    return join_proc_path(m_root, relative);
}

std::expected<std::string, std::error_code> ProcFs::read_file(std::string_view relative) const {
    return read_whole_file(path(relative));
}

std::expected<std::string, std::error_code> ProcFs::read_link(std::string_view relative,
                                                              std::size_t max_bytes) const {
    std::string target(max_bytes, '\0');
    ssize_t got = ::readlink(path(relative).c_str(), target.data(), target.size());
    if (got < 0)
        return std::unexpected(last_error());
    target.resize(static_cast<std::size_t>(got));
    return target;
}

} // namespace netstat_audit
