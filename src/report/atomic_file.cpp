// SPDX-License-Identifier: MIT
// Atomic file replacement for --output: a cron job never leaves half a snapshot behind.
#include "netstat_audit/report/atomic_file.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

std::string failure(const std::string& path, std::string_view reason) {
    return fmt::format("cannot write {}: {}", path, reason);
}

std::string errno_failure(const std::string& path, int error) {
    return failure(path, std::strerror(error));
}

// write(2) until done; the errno of the failing call, or 0.
int write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

// The permission bits a new file gets from open(..., 0666) under the current umask.
mode_t new_file_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

// Checks the target before anything is written; the mode to give the new file.
std::expected<mode_t, std::string> check_target(const std::string& path) {
    struct stat status {};
    if (::lstat(path.c_str(), &status) != 0) {
        if (errno == ENOENT)
            return new_file_mode();
        return std::unexpected(errno_failure(path, errno));
    }
    if (S_ISLNK(status.st_mode))
        return std::unexpected(failure(path, "refusing to write through a symbolic link"));
    if (!S_ISREG(status.st_mode))
        return std::unexpected(failure(path, "not a regular file"));
    if (status.st_uid != ::geteuid())
        return std::unexpected(failure(path, "owned by another user"));
    return static_cast<mode_t>(status.st_mode & 07777);
}

struct TargetParts {
    std::string directory; // "." for a bare name
    std::string name;
};

TargetParts split(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return {".", path};
    return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

// Writes, syncs and closes the temporary file; the errno of the first failure, or 0.
int fill_temporary(int fd, std::string_view bytes, mode_t mode) {
    int error = write_all(fd, bytes);
    if (error == 0 && ::fchmod(fd, mode) != 0)
        error = errno;
    if (error == 0 && ::fsync(fd) != 0)
        error = errno;
    if (::close(fd) != 0 && error == 0)
        error = errno;
    return error;
}

} // namespace

FileCompression compression_for(std::string_view path) {
    return path.ends_with(".gz") ? FileCompression::gzip : FileCompression::none;
}

std::string gzip_bytes(std::string_view content) {
    z_stream stream{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (::deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib deflateInit2 failed");
    std::string out;
    unsigned char buffer[65536];
    std::size_t offset = 0;
    int flush = Z_NO_FLUSH;
    do {
        if (stream.avail_in == 0 && flush != Z_FINISH) {
            const std::size_t chunk = std::min<std::size_t>(content.size() - offset, UINT_MAX);
            stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data() + offset));
            stream.avail_in = static_cast<uInt>(chunk);
            offset += chunk;
            flush = offset == content.size() ? Z_FINISH : Z_NO_FLUSH;
        }
        stream.next_out = buffer;
        stream.avail_out = sizeof buffer;
        const int result = ::deflate(&stream, flush);
        if (result == Z_STREAM_ERROR) {
            ::deflateEnd(&stream);
            throw std::runtime_error("zlib deflate failed");
        }
        out.append(reinterpret_cast<const char*>(buffer), sizeof buffer - stream.avail_out);
        if (result == Z_STREAM_END)
            break;
    } while (true);
    ::deflateEnd(&stream);
    return out;
}

std::expected<void, std::string> write_file_atomically(const std::string& path,
                                                       std::string_view content,
                                                       FileCompression compression) {
    if (path.empty() || path.back() == '/')
        return std::unexpected(failure(path, "not a file name"));
    const auto mode = check_target(path);
    if (!mode)
        return std::unexpected(mode.error());
    const TargetParts parts = split(path);
    std::string temporary = fmt::format("{}/.{}.XXXXXX", parts.directory, parts.name);
    const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(errno_failure(path, errno));
    const std::string compressed =
        compression == FileCompression::gzip ? gzip_bytes(content) : std::string();
    int error =
        fill_temporary(fd, compression == FileCompression::gzip ? compressed : content, *mode);
    if (error == 0 && ::rename(temporary.c_str(), path.c_str()) != 0)
        error = errno;
    if (error != 0) {
        ::unlink(temporary.c_str());
        return std::unexpected(errno_failure(path, error));
    }
    // The rename itself survives a crash only once the directory is on disk.
    if (const int dir = ::open(parts.directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        dir >= 0) {
        const int synced = ::fsync(dir);
        const int sync_error = errno;
        ::close(dir);
        if (synced != 0 && sync_error != EINVAL)
            return std::unexpected(errno_failure(path, sync_error));
    }
    return {};
}

} // namespace netstat_audit
