// SPDX-License-Identifier: MIT
// /dev/kmsg read record by record without blocking; a capture's kmsg text read as a file.
#include "netstat_audit/source/kmsg_reader.hpp"

#include "netstat_audit/parse/kmsg.hpp"
#include "netstat_audit/source/host_facts.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <array>
#include <cerrno>
#include <ctime>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace netstat_audit {

std::expected<std::string, std::error_code> read_kmsg_device(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(std::error_code(errno, std::generic_category()));
    std::string text;
    // A record is at most about 8 KiB (header, 1 KiB text, dictionary); a smaller buffer gets
    // EINVAL.
    std::array<char, 16384> buffer;
    for (;;) {
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got > 0) {
            text.append(buffer.data(), static_cast<std::size_t>(got));
            continue;
        }
        if (got < 0 && (errno == EINTR || errno == EPIPE))
            continue; // EPIPE: the next read returns the oldest record still held
        const int error = got < 0 ? errno : 0;
        ::close(fd);
        if (got == 0 || error == EAGAIN)
            return text;
        return std::unexpected(std::error_code(error, std::generic_category()));
    }
}

namespace {

std::int64_t clock_us(clockid_t clock) {
    timespec now{};
    ::clock_gettime(clock, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
}

// A capture's boot start: its MANIFEST's boot-time-unix, else (older captures) its time-unix
// less its proc/uptime, which were read seconds apart.
std::optional<std::int64_t> capture_boot_unix_us(const std::string& directory) {
    constexpr std::size_t k_small = 64 * 1024;
    const auto manifest_text = read_whole_file(directory + "MANIFEST", k_small);
    if (!manifest_text)
        return std::nullopt;
    const CaptureManifest manifest = parse_capture_manifest(*manifest_text);
    if (manifest.boot_time_unix_us)
        return manifest.boot_time_unix_us;
    const auto uptime_text = read_whole_file(directory + "proc/uptime", k_small);
    const auto uptime_us = uptime_text ? parse_seconds_us(*uptime_text) : std::nullopt;
    if (!manifest.time_unix || !uptime_us || *uptime_us > *manifest.time_unix * 1'000'000)
        return std::nullopt;
    return *manifest.time_unix * 1'000'000 - *uptime_us;
}

} // namespace

std::optional<KernelLog> collect_kernel_log(const std::string& proc_root,
                                            const std::string& explicit_file) {
    KernelLog log;
    std::expected<std::string, std::error_code> text;
    if (!explicit_file.empty()) {
        log.source = explicit_file;
        text = read_whole_file(explicit_file, 64 * 1024 * 1024);
    } else if (proc_root != "/proc") {
        // resolve_proc_root() turned a capture DIR into DIR/proc: its kmsg is DIR/kmsg.
        const std::size_t slash = proc_root.find_last_of('/');
        if (slash == std::string::npos || proc_root.substr(slash + 1) != "proc")
            return std::nullopt;
        log.source = proc_root.substr(0, slash + 1) + "kmsg";
        text = read_whole_file(log.source, 64 * 1024 * 1024);
        log.boot_unix_us = capture_boot_unix_us(proc_root.substr(0, slash + 1));
    } else {
        log.source = "/dev/kmsg";
        text = read_kmsg_device(log.source);
        // the log's clock is the monotonic one: its zero is the wall clock less that clock
        log.boot_unix_us = clock_us(CLOCK_REALTIME) - clock_us(CLOCK_MONOTONIC);
    }
    if (!text)
        return std::nullopt;
    log.records = parse_kmsg(*text, log.source).rows;
    return log;
}

} // namespace netstat_audit
