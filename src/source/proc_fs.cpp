// SPDX-License-Identifier: MIT
// ProcFs: plain POSIX reads below an injectable root, errors as std::error_code.
#include "netstat_audit/source/proc_fs.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <memory>
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

std::error_code ProcFs::stream_fgets_chunks(std::string_view relative,
                                            const std::function<void(std::string_view)>& chunk,
                                            std::size_t buffer_bytes) const {
    int fd = ::open(path(relative).c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return last_error();
    const std::size_t max_chunk = buffer_bytes > 1 ? buffer_bytes - 1 : 1;
    // 128 KiB reads (as cat's): /proc's seq files fill each read, so fewer calls cost less.
    // The buffer holds the unfinished chunk of the previous read, then the new block.
    constexpr std::size_t k_block = 128 * 1024;
    auto buffer = std::make_unique_for_overwrite<char[]>(k_block + max_chunk);
    std::size_t kept = 0;
    std::size_t total = 0;
    while (total < k_max_file_bytes) {
        const std::size_t want = std::min(k_block, k_max_file_bytes - total);
        ssize_t got = ::read(fd, buffer.get() + kept, want);
        if (got < 0 && errno == EINTR)
            continue;
        // EOF, EISDIR and other errors end the file, as in read_whole_file().
        if (got <= 0)
            break;
        total += static_cast<std::size_t>(got);
        // Emit every chunk that is complete: a newline within reach, or a full buffer.
        std::string_view rest(buffer.get(), kept + static_cast<std::size_t>(got));
        for (;;) {
            std::string_view window = rest.substr(0, max_chunk);
            std::size_t newline = window.find('\n');
            if (newline == window.npos && window.size() < max_chunk)
                break;
            std::size_t length = newline == window.npos ? window.size() : newline + 1;
            chunk(rest.substr(0, length));
            rest.remove_prefix(length);
        }
        std::memmove(buffer.get(), rest.data(), rest.size());
        kept = rest.size();
    }
    ::close(fd);
    for_each_fgets_chunk(std::string_view(buffer.get(), kept), buffer_bytes, chunk);
    return {};
}

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
