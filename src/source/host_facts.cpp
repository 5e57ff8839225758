// SPDX-License-Identifier: MIT
// The host identity and the collecting user under a proc root, live or captured.
#include "netstat_audit/source/host_facts.hpp"

#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/parse/proc_status.hpp"
#include "netstat_audit/parse/scanner.hpp"

#include <cstdint>
#include <unistd.h>

namespace netstat_audit {

namespace {

constexpr std::size_t k_small_file_bytes = 64 * 1024;

std::string without_trailing_slashes(std::string root) {
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    return root;
}

} // namespace

bool is_live_proc_root(const ProcFs& proc) {
    return without_trailing_slashes(proc.root()) == "/proc";
}

std::string capture_directory(const ProcFs& proc) {
    const std::string root = without_trailing_slashes(proc.root());
    const std::size_t slash = root.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : root.substr(0, slash);
}

std::string without_trailing_blanks(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r'))
        text.pop_back();
    return text;
}

std::optional<std::int64_t> parse_seconds_us(std::string_view text) {
    const std::size_t end = text.find_first_of(" \t\n");
    if (end != std::string_view::npos)
        text = text.substr(0, end);
    const std::size_t dot = text.find('.');
    const auto whole = parse_decimal(text.substr(0, dot));
    if (!whole || *whole >= (std::uint64_t{1} << 33))
        return std::nullopt;
    std::int64_t micros = 0;
    if (dot != std::string_view::npos) {
        const std::string_view fraction = text.substr(dot + 1);
        if (fraction.empty() || fraction.size() > 6 || !parse_decimal(fraction))
            return std::nullopt;
        for (std::size_t i = 0; i < 6; ++i)
            micros = micros * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    }
    return static_cast<std::int64_t>(*whole) * 1'000'000 + micros;
}

CaptureManifest parse_capture_manifest(std::string_view text) {
    CaptureManifest manifest;
    for_each_line(text, [&](std::string_view line) {
        line = without_newline(line);
        if (line.starts_with("uid: ")) {
            auto uid = parse_decimal(line.substr(5));
            if (uid && *uid <= UINT32_MAX)
                manifest.uid = static_cast<std::uint32_t>(*uid);
        } else if (line.starts_with("time-unix: ")) {
            auto time = parse_decimal(line.substr(11));
            if (time && *time < (std::uint64_t{1} << 33))
                manifest.time_unix = static_cast<std::int64_t>(*time);
        } else if (line.starts_with("boot-time-unix: ")) {
            manifest.boot_time_unix_us = parse_seconds_us(line.substr(16));
        }
    });
    return manifest;
}

HostInfo collect_host_info(const ProcFs& proc, std::vector<Diagnostic>* diagnostics) {
    HostInfo host;
    auto read = [&](std::string_view relative) {
        auto text = read_whole_file(proc.path(relative), k_small_file_bytes);
        if (!text) {
            if (diagnostics != nullptr)
                diagnostics->push_back({std::string(relative), 0, text.error().message()});
            return std::string();
        }
        return without_trailing_blanks(std::move(*text));
    };
    host.hostname = read("sys/kernel/hostname");
    host.kernel_release = read("sys/kernel/osrelease");
    host.boot_id = read("sys/kernel/random/boot_id");
    host.offline = !is_live_proc_root(proc);
    host.proc_root = proc.root();
    if (!host.offline) {
        host.effective_uid = static_cast<std::uint32_t>(::geteuid());
        return host;
    }
    // The capturing shell's own status tells who took the capture; MANIFEST says it too.
    if (auto self = read_whole_file(proc.path("self/status"), k_small_file_bytes))
        host.effective_uid = parse_proc_status(*self).effective_uid;
    auto manifest = read_whole_file(capture_directory(proc) + "/MANIFEST", k_small_file_bytes);
    const CaptureManifest facts = manifest ? parse_capture_manifest(*manifest) : CaptureManifest{};
    if (facts.uid && !host.effective_uid)
        host.effective_uid = facts.uid;
    if (facts.time_unix)
        host.collected_at_unix_ns = *facts.time_unix * 1'000'000'000;
    return host;
}

} // namespace netstat_audit
