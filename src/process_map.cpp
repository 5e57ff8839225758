// SPDX-License-Identifier: MIT
// The /proc/[pid]/fd walk behind -p.
#include "netstat_audit/process_map.hpp"

#include "netstat_audit/net_address.hpp"
#include "netstat_audit/text.hpp"

#include <cerrno>

namespace netstat_audit {

namespace {

// "socket:[N]" or the old "[0000]:N"; N with strtoul(…, 0) base detection.
std::optional<std::uint64_t> socket_inode_from_link(std::string_view link) {
    std::string_view digits;
    if (link.starts_with("socket:[") && link.ends_with("]"))
        digits = link.substr(8, link.size() - 9);
    else if (link.starts_with("[0000]:"))
        digits = link.substr(7);
    else
        return std::nullopt;
    ScanCursor in(digits);
    if (digits.starts_with("0x") || digits.starts_with("0X"))
        return in.unsigned_number(16);
    if (digits.size() > 1 && digits.front() == '0') {
        std::uint64_t value = 0;
        for (char c : digits.substr(1)) {
            if (c < '0' || c > '7')
                break;
            value = value * 8 + static_cast<std::uint64_t>(c - '0');
        }
        return value;
    }
    return in.unsigned_number(10);
}

} // namespace

ProcessMap build_process_map(const ProcFs& proc) {
    ProcessMap map;
    auto pids = proc.list_pid_dirs();
    if (!pids) {
        map.proc_unreadable = true;
        return map;
    }
    for (const std::string& pid : *pids) {
        std::string fd_dir = pid + "/fd";
        auto fds = ProcFs(proc.path(fd_dir)).list_pid_dirs();
        if (!fds) {
            if (fds.error().value() == EACCES)
                map.access_denied = true;
            continue;
        }
        std::optional<std::string> argv0;
        for (const std::string& fd : *fds) {
            auto link = proc.read_link(fd_dir + "/" + fd, 29);
            if (!link)
                continue;
            auto inode = socket_inode_from_link(*link);
            if (!inode)
                continue;
            if (!argv0) {
                auto cmdline = proc.read_file_prefix(pid + "/cmdline", 511);
                if (!cmdline)
                    continue;
                argv0 = cmdline->substr(0, cmdline->find('\0'));
            }
            auto pid_value = parse_decimal(pid).value_or(0);
            map.by_inode.try_emplace(*inode,
                                     ProcessOwner{static_cast<std::int32_t>(pid_value), *argv0});
        }
    }
    return map;
}

std::string render_program_column(const ProcessMap& map, std::uint64_t inode) {
    auto found = map.by_inode.find(inode);
    if (found == map.by_inode.end())
        return "-";
    const ProcessOwner& owner = found->second;
    std::string_view name = owner.argv0;
    if (name.starts_with('/'))
        name = name.substr(name.rfind('/') + 1);
    std::string text = to_decimal(std::int64_t{owner.pid}) + "/" + std::string(name);
    if (text.size() > 19)
        text.resize(19);
    return text;
}

std::string render_process_map_notice(const ProcessMap& map, unsigned effective_uid) {
    if (!map.access_denied && !map.proc_unreadable)
        return {};
    if (!map.by_inode.empty())
        return "(Not all processes could be identified, non-owned process info\n"
               " will not be shown, you would have to be root to see it all.)\n";
    return "(No info could be read for \"-p\": geteuid()=" + std::to_string(effective_uid) +
           " but you should be root.)\n";
}

} // namespace netstat_audit
