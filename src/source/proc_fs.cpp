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
#include <linux/openat2.h>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

std::error_code last_error() {
    return {errno, std::generic_category()};
}

// Far above any real /proc file (a million sockets make /proc/net/tcp about 150 MiB).
constexpr std::size_t k_max_file_bytes = std::size_t{1} << 30;

// The confine_reads_to() directory (no trailing slash, "/" stays) and an fd of it; -1: none.
struct Confinement {
    std::string directory;
    int fd = -1;
};

Confinement& confinement() {
    static Confinement state;
    return state;
}

// openat2(dir_fd, relative, RESOLVE_BENEATH); plain openat() where the kernel lacks openat2.
int openat_beneath(int dir_fd, const char* relative, int flags) {
    open_how how{};
    how.flags = static_cast<__u64>(static_cast<unsigned>(flags | O_CLOEXEC));
    how.resolve = RESOLVE_BENEATH;
    long fd = ::syscall(SYS_openat2, dir_fd, relative, &how, sizeof how);
    if (fd < 0 && errno == ENOSYS)
        return ::openat(dir_fd, relative, flags | O_CLOEXEC);
    return static_cast<int>(fd);
}

// `path` relative to the confinement directory ("." for the directory itself), or nullopt when
// it lies elsewhere (or nothing is confined).
std::optional<std::string> confined_relative(std::string_view path) {
    const Confinement& state = confinement();
    if (state.fd < 0)
        return std::nullopt;
    std::string_view base = state.directory;
    if (base == "/") {
        if (!path.starts_with('/'))
            return std::nullopt;
    } else if (path == base) {
        return ".";
    } else if (!path.starts_with(base) || path.size() <= base.size() || path[base.size()] != '/') {
        return std::nullopt;
    }
    path.remove_prefix(base == "/" ? 0 : base.size());
    while (path.starts_with('/'))
        path.remove_prefix(1);
    return path.empty() ? std::string(".") : std::string(path);
}

} // namespace

void confine_reads_to(std::string directory) {
    while (directory.size() > 1 && directory.back() == '/')
        directory.pop_back();
    Confinement& state = confinement();
    if (state.fd >= 0)
        ::close(state.fd);
    state.fd =
        directory.empty() ? -1 : ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    state.directory = std::move(directory);
}

std::string capture_directory_of(std::string_view proc_root) {
    std::string root(proc_root);
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    const std::size_t slash = root.rfind('/');
    const std::string_view name =
        slash == root.npos ? std::string_view(root) : std::string_view(root).substr(slash + 1);
    if (name != "proc")
        return root;
    if (slash == root.npos)
        return ".";
    return slash == 0 ? "/" : root.substr(0, slash);
}

void confine_reads_to_capture(std::string_view proc_root) {
    std::string capture = capture_directory_of(proc_root);
    if (capture != "/")
        confine_reads_to(std::move(capture));
}

int open_for_reading(const std::string& path, int flags) {
    if (auto relative = confined_relative(path))
        return openat_beneath(confinement().fd, relative->c_str(), flags);
    return ::open(path.c_str(), flags | O_CLOEXEC);
}

int open_below(int dir_fd, const char* relative, int flags) {
    if (confinement().fd >= 0)
        return openat_beneath(dir_fd, relative, flags);
    return ::openat(dir_fd, relative, flags | O_CLOEXEC);
}

std::expected<std::string, std::error_code> read_link_text(const std::string& path,
                                                           std::size_t max_bytes) {
    const std::size_t slash = path.rfind('/');
    const std::string parent = slash == path.npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    const std::string name = slash == path.npos ? path : path.substr(slash + 1);
    const int dir_fd = open_for_reading(parent, O_PATH | O_DIRECTORY);
    if (dir_fd < 0)
        return std::unexpected(last_error());
    std::string target(max_bytes, '\0');
    const ssize_t got = ::readlinkat(dir_fd, name.c_str(), target.data(), target.size());
    const int error = errno;
    ::close(dir_fd);
    if (got < 0)
        return std::unexpected(std::error_code(error, std::generic_category()));
    target.resize(static_cast<std::size_t>(got));
    return target;
}

std::error_code ProcFs::stream_fgets_chunks(std::string_view relative,
                                            const std::function<void(std::string_view)>& chunk,
                                            std::size_t buffer_bytes) const {
    int fd = open_for_reading(path(relative), O_RDONLY | O_NONBLOCK);
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
    int fd = open_for_reading(path, O_RDONLY | O_NONBLOCK);
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
    return read_link_text(path(relative), max_bytes);
}

} // namespace netstat_audit
