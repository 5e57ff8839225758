// SPDX-License-Identifier: MIT
// The audit's reading stage: one pass over the proc root (and sysfs for interface flags) that
// fills a Snapshot; everything after it is a pure function of that Snapshot.
#include "netstat_audit/source/audit_collect.hpp"

#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/parse/ipv6_route.hpp"
#include "netstat_audit/parse/name_databases.hpp"
#include "netstat_audit/parse/net_dev.hpp"
#include "netstat_audit/parse/packet.hpp"
#include "netstat_audit/parse/proc_status.hpp"
#include "netstat_audit/parse/route.hpp"
#include "netstat_audit/parse/scanner.hpp"
#include "netstat_audit/parse/socket_link.hpp"
#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/netlink_sockets.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

constexpr std::size_t k_small_file_bytes = 64 * 1024;
constexpr std::size_t k_cmdline_bytes = 64 * 1024;

std::error_code last_error() {
    return {errno, std::generic_category()};
}

// At most `max_bytes` of a file below the root (status, comm, cmdline, sysctls are small).
std::expected<std::string, std::error_code>
read_prefix(const ProcFs& proc, std::string_view relative, std::size_t max_bytes) {
    return read_whole_file(proc.path(relative), max_bytes);
}

// The text of a symbolic link (exe, fd/N) as readlink(2) returns it; never followed.
std::expected<std::string, std::error_code>
read_link_text(const ProcFs& proc, std::string_view relative, std::size_t max_bytes) {
    return netstat_audit::read_link_text(proc.path(relative), max_bytes);
}

// opendir(3) through open_for_reading(): confined under --proc-root.
DIR* open_directory(const std::string& path) {
    const int fd = open_for_reading(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return nullptr;
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr)
        ::close(fd);
    return dir;
}

// The all-digit entries of the root, in directory order.
std::expected<std::vector<std::string>, std::error_code> list_pids(const ProcFs& proc) {
    DIR* dir = open_directory(proc.root());
    if (dir == nullptr)
        return std::unexpected(last_error());
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(dir)) {
        std::string_view name = static_cast<const char*>(entry->d_name);
        if (!name.empty() && name.find_first_not_of("0123456789") == name.npos)
            names.emplace_back(name);
    }
    ::closedir(dir);
    return names;
}

std::int64_t unix_now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void read_sysctls(const ProcFs& proc, Snapshot& snapshot) {
    for (std::string_view name : k_audit_sysctls) {
        auto text = read_prefix(proc, std::string("sys/") + std::string(name), 4096);
        if (text)
            snapshot.sysctls[std::string(name)] = without_trailing_blanks(std::move(*text));
    }
}

// The live kernel's tables come over netlink with tcp_info (the health block's RTT), in the one
// dump per table the /proc read would have cost; a capture's (and a failed dump's) from text.
void read_sockets(const ProcFs& proc, Snapshot& snapshot) {
    SocketSelection selection;
    selection.tcp = selection.udp = selection.udplite = selection.raw = true;
    selection.read_ipv4 = selection.read_ipv6 = true;
    selection.implicit = true;
    selection.filter = ListingFilter::all;
    const ProcSocketSource proc_source(proc);
    Options source_options;
    source_options.proc_root = proc.root();
    if (use_netlink_source(source_options, proc)) {
        const NetlinkSocketSource netlink(proc_source, ListingFilter::all, false, k_diag_all_states,
                                          TcpHealthRequest::request);
        snapshot.sockets = collect_socket_tables(netlink, selection);
        snapshot.tcp_info = netlink.tcp_info_source();
    } else {
        snapshot.sockets = collect_socket_tables(proc_source, selection);
        snapshot.tcp_info = {};
    }
    for (auto* tables : {&snapshot.sockets.tcp, &snapshot.sockets.udp, &snapshot.sockets.udplite,
                         &snapshot.sockets.raw})
        for (const auto& table : *tables) {
            snapshot.diagnostics.insert(snapshot.diagnostics.end(),
                                        table.parsed.diagnostics.begin(),
                                        table.parsed.diagnostics.end());
            // A missing file is a kernel without that protocol; any other error hides sockets.
            if (table.error && table.error != std::errc::no_such_file_or_directory)
                snapshot.visibility.notes.push_back(table.relative + " could not be read (" +
                                                    table.error.message() + ")");
        }
}

void read_packet(const ProcFs& proc, Snapshot& snapshot) {
    auto text = proc.read_file("net/packet");
    if (!text) {
        snapshot.diagnostics.push_back({"net/packet", 0, text.error().message()});
        return;
    }
    auto parsed = parse_packet_sockets(*text);
    snapshot.packet = std::move(parsed.rows);
    snapshot.diagnostics.insert(snapshot.diagnostics.end(), parsed.diagnostics.begin(),
                                parsed.diagnostics.end());
}

void read_routes(const ProcFs& proc, Snapshot& snapshot) {
    if (auto text = proc.read_file("net/route")) {
        if (auto parsed = parse_ipv4_routes(*text))
            snapshot.routes_v4 = std::move(parsed->rows);
        else
            snapshot.diagnostics.push_back({"net/route", 1, parsed.error()});
    }
    if (auto text = proc.read_file("net/ipv6_route")) {
        snapshot.routes_v6 = parse_ipv6_routes(*text).rows;
        std::erase_if(snapshot.routes_v6, [](const Ipv6Route& r) { return !is_ipv6_route(r); });
    }
}

// Interface names from net/dev, flags from sysfs (dev->flags: IFF_PROMISC is set there while
// any packet socket or bridge holds the device promiscuous, unlike SIOCGIFFLAGS).
void read_interfaces(const ProcFs& proc, const std::string& sys_class_net, Snapshot& snapshot) {
    auto text = proc.read_file("net/dev");
    if (!text)
        return;
    for (const auto& row : parse_net_dev(*text).rows) {
        Interface interface;
        interface.name = row.name;
        interface.stats = row.stats;
        auto flags = read_whole_file(sys_class_net + "/" + row.name + "/flags", 64);
        if (flags) {
            std::string word = without_trailing_blanks(*flags);
            if (word.starts_with("0x"))
                word.erase(0, 2);
            if (auto value = parse_hex(word))
                interface.facts.flags = static_cast<std::uint16_t>(*value & 0xffffu);
        }
        if (::access((sys_class_net + "/" + row.name + "/brport").c_str(), F_OK) == 0)
            snapshot.host.bridge_ports.push_back(row.name);
        snapshot.interfaces.push_back(std::move(interface));
    }
}

bool gone(std::error_code error) {
    return error == std::errc::no_such_file_or_directory || error == std::errc::no_such_process;
}

// The socket fds of one process: fd/N links of the form socket:[INODE].
void read_socket_fds(const ProcFs& proc, const std::string& pid, ProcessInfo& info,
                     std::error_code& error) {
    const std::string fd_dir = pid + "/fd";
    DIR* dir = open_directory(proc.path(fd_dir));
    if (dir == nullptr) {
        error = std::error_code(errno, std::generic_category());
        return;
    }
    info.fds_readable = true;
    while (const dirent* entry = ::readdir(dir)) {
        std::string_view name = static_cast<const char*>(entry->d_name);
        std::int32_t fd = 0;
        auto [end, parse_error] = std::from_chars(name.data(), name.data() + name.size(), fd);
        if (parse_error != std::errc() || end != name.data() + name.size())
            continue;
        auto link = read_link_text(proc, fd_dir + "/" + std::string(name), 64);
        if (!link)
            continue;
        if (auto inode = parse_socket_link(*link))
            info.socket_fds.push_back({fd, *inode});
    }
    ::closedir(dir);
    std::sort(info.socket_fds.begin(), info.socket_fds.end(),
              [](const SocketFd& a, const SocketFd& b) { return a.fd < b.fd; });
}

enum class PidOutcome : std::uint8_t { read, vanished };

PidOutcome read_process(const ProcFs& proc, const std::string& pid, ProcessInfo& info,
                        bool& unreadable) {
    std::from_chars(pid.data(), pid.data() + pid.size(), info.pid);
    auto status = read_prefix(proc, pid + "/status", k_small_file_bytes);
    if (!status && gone(status.error()) && ::access(proc.path(pid).c_str(), F_OK) != 0)
        return PidOutcome::vanished;
    if (status) {
        ProcStatus parsed = parse_proc_status(*status);
        info.details_readable = true;
        info.ppid = parsed.ppid;
        info.uid = parsed.real_uid;
        info.effective_uid = parsed.effective_uid;
        info.cap_effective = parsed.cap_effective;
        info.comm = parsed.name;
    } else if (status.error() == std::errc::permission_denied) {
        unreadable = true;
    }
    if (auto comm = read_prefix(proc, pid + "/comm", 256))
        info.comm = parse_comm(*comm);
    if (auto cmdline = read_prefix(proc, pid + "/cmdline", k_cmdline_bytes))
        info.argv = parse_cmdline(*cmdline);
    auto exe = read_link_text(proc, pid + "/exe", 4096);
    if (exe) {
        info.exe = *exe;
        info.exe_state = ExeState::known;
    } else {
        info.exe_state =
            exe.error() == std::errc::permission_denied ? ExeState::denied : ExeState::absent;
    }
    info.kernel_thread = info.argv.empty() && (info.pid == 2 || (info.ppid && *info.ppid == 2));
    std::error_code fd_error;
    read_socket_fds(proc, pid, info, fd_error);
    if (fd_error == std::errc::permission_denied)
        unreadable = true;
    if (info.kernel_thread)
        unreadable = false; // kernel threads hold no sockets: nothing was missed
    return PidOutcome::read;
}

void read_processes(const ProcFs& proc, Snapshot& snapshot, std::vector<std::string>& listed) {
    auto pids = list_pids(proc);
    if (!pids) {
        snapshot.diagnostics.push_back({"", 0, "cannot list processes: " + pids.error().message()});
        snapshot.visibility.notes.push_back("the process list could not be read");
        return;
    }
    listed = *pids;
    for (const std::string& pid : *pids) {
        ProcessInfo info;
        bool unreadable = false;
        if (read_process(proc, pid, info, unreadable) == PidOutcome::vanished) {
            ++snapshot.visibility.processes_vanished;
            continue;
        }
        ++snapshot.visibility.processes_seen;
        if (unreadable)
            ++snapshot.visibility.processes_unreadable;
        snapshot.processes.push_back(std::move(info));
    }
    std::sort(snapshot.processes.begin(), snapshot.processes.end(),
              [](const ProcessInfo& a, const ProcessInfo& b) { return a.pid < b.pid; });
}

void name_users_live(Snapshot& snapshot) {
    std::map<std::uint32_t, std::string> cache;
    std::vector<char> buffer(16384);
    for (ProcessInfo& process : snapshot.processes) {
        if (!process.effective_uid)
            continue;
        auto [it, inserted] = cache.try_emplace(*process.effective_uid);
        if (inserted) {
            passwd entry{};
            passwd* found = nullptr;
            if (::getpwuid_r(*process.effective_uid, &entry, buffer.data(), buffer.size(),
                             &found) == 0 &&
                found != nullptr)
                it->second = found->pw_name;
        }
        process.user = it->second;
    }
}

void name_users_offline(const std::string& dir, Snapshot& snapshot) {
    auto text = read_whole_file(dir + "/etc/passwd", 16 * 1024 * 1024);
    if (!text)
        return;
    NameDatabases databases; // the users of it, as the name resolver reads them
    parse_passwd(*text, databases);
    for (ProcessInfo& process : snapshot.processes)
        if (process.effective_uid)
            if (auto it = databases.users.find(*process.effective_uid); it != databases.users.end())
                process.user = it->second;
}

// Who collected, and what /proc let them see.
void assess_visibility(const ProcFs& proc, const std::vector<std::string>& listed,
                       Snapshot& snapshot) {
    Visibility& v = snapshot.visibility;
    v.root = collected_as_root(snapshot.host);
    if (auto mountinfo = read_prefix(proc, "self/mountinfo", 1024 * 1024))
        if (auto option = proc_hidepid_option(*mountinfo)) {
            v.hidepid = true;
            v.notes.push_back("/proc is mounted with hidepid=" + *option +
                              ": other users' processes are hidden");
        }
    const bool pid1_listed = std::find(listed.begin(), listed.end(), "1") != listed.end();
    if (!v.hidepid && !v.root && !listed.empty() && !pid1_listed) {
        v.hidepid = true;
        v.notes.push_back("process 1 is not listed: /proc hides other users' processes "
                          "(hidepid)");
    }
    if (!v.root)
        v.notes.push_back(not_root_note(snapshot.host));
}

} // namespace

std::optional<std::string> proc_hidepid_option(std::string_view mountinfo,
                                               std::string_view mount_point) {
    // mountinfo lists mounts in the order they were made: of several proc mounts stacked on
    // `mount_point` (a container's, `mount -t proc -o hidepid=2` over the boot one) the last is
    // the one a path lookup reaches.
    std::optional<std::string> option;
    for_each_line(mountinfo, [&](std::string_view line) {
        // id parent major:minor root MOUNT_POINT options [optional...] - fstype source super
        line = without_newline(line);
        std::size_t separator = line.find(" - ");
        if (separator == line.npos)
            return;
        std::string_view tail = line.substr(separator + 3);
        ScanCursor head(line.substr(0, separator));
        std::optional<std::string_view> point;
        for (int field = 0; field < 5; ++field)
            point = head.word();
        if (point != mount_point)
            return;
        option.reset(); // a later mount here (proc or not) hides the earlier ones
        if (!tail.starts_with("proc "))
            return;
        std::size_t hide = tail.find("hidepid=");
        if (hide == tail.npos)
            return;
        std::string_view value = tail.substr(hide + 8);
        value = value.substr(0, value.find_first_of(", \n"));
        if (value != "0" && value != "off")
            option = std::string(value);
    });
    return option;
}

Snapshot collect_audit_snapshot(const ProcFs& proc) {
    Snapshot snapshot;
    const auto started = std::chrono::steady_clock::now();
    snapshot.host = collect_host_info(proc, &snapshot.diagnostics);
    if (snapshot.host.collected_at_unix_ns == 0) // a capture's MANIFEST gives its own time
        snapshot.host.collected_at_unix_ns = unix_now_ns();
    const bool live = !snapshot.host.offline;
    read_sysctls(proc, snapshot);
    read_sockets(proc, snapshot);
    read_packet(proc, snapshot);
    read_routes(proc, snapshot);
    const std::string dir = capture_directory(proc);
    read_interfaces(proc, live ? "/sys/class/net" : dir + "/sys/class/net", snapshot);
    std::vector<std::string> listed;
    read_processes(proc, snapshot, listed);
    if (live)
        name_users_live(snapshot);
    else
        name_users_offline(dir, snapshot);
    assess_visibility(proc, listed, snapshot);
    snapshot.host.collection_duration_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                               std::chrono::steady_clock::now() - started)
                                               .count();
    return snapshot;
}

void collect_audit_network(const ProcFs& tables, Snapshot& snapshot) {
    snapshot.sockets = {};
    snapshot.packet.clear();
    snapshot.routes_v4.clear();
    snapshot.routes_v6.clear();
    snapshot.interfaces.clear();
    snapshot.host.bridge_ports.clear();
    read_sockets(tables, snapshot);
    read_packet(tables, snapshot);
    read_routes(tables, snapshot);
}

} // namespace netstat_audit
