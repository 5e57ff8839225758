// SPDX-License-Identifier: MIT
// Network namespace discovery over a proc root, live or captured.
#include "netstat_audit/source/netns_discovery.hpp"

#include "netstat_audit/parse/cgroup.hpp"
#include "netstat_audit/view/programs.hpp"

#include <algorithm>
#include <charconv>
#include <dirent.h>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

// At most this many members' cgroup files are read to name a namespace's container.
constexpr std::size_t k_cgroup_probes = 16;

std::string trimmed_root(const ProcFs& proc) {
    std::string root = proc.root();
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    return root;
}

std::optional<std::uint64_t> namespace_of(const ProcFs& proc, std::string_view relative,
                                          std::uint32_t* denied = nullptr) {
    auto text = proc.read_link(relative, 64);
    if (!text && denied != nullptr &&
        (text.error() == std::errc::permission_denied ||
         text.error() == std::errc::operation_not_permitted))
        ++*denied;
    return text ? parse_netns_link(*text) : std::nullopt;
}

// The all-digit entries of the root as pids, ascending.
std::vector<std::int32_t> list_pids(const ProcFs& proc) {
    std::vector<std::int32_t> pids;
    DIR* dir = ::opendir(proc.root().c_str());
    if (dir == nullptr)
        return pids;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = static_cast<const char*>(entry->d_name);
        std::int32_t pid = 0;
        auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), pid);
        if (error == std::errc{} && end == name.data() + name.size() && pid > 0)
            pids.push_back(pid);
    }
    ::closedir(dir);
    std::sort(pids.begin(), pids.end());
    return pids;
}

// name → inode of every entry of the /run/netns directory, by name.
std::map<std::string, std::uint64_t> list_named(const std::string& run_netns_dir) {
    std::map<std::string, std::uint64_t> named;
    DIR* dir = ::opendir(run_netns_dir.c_str());
    if (dir == nullptr)
        return named;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string name = static_cast<const char*>(entry->d_name);
        if (name == "." || name == "..")
            continue;
        const std::string path = run_netns_dir + "/" + name;
        struct stat info {};
        if (::lstat(path.c_str(), &info) != 0)
            continue;
        if (S_ISLNK(info.st_mode)) {
            char target[64] = {};
            const ssize_t got = ::readlink(path.c_str(), target, sizeof target - 1);
            if (got > 0)
                if (auto inode = parse_netns_link(std::string_view(target, std::size_t(got))))
                    named.emplace(name, *inode);
        } else if (::stat(path.c_str(), &info) == 0 && info.st_ino != 0 && S_ISREG(info.st_mode)) {
            named.emplace(name, std::uint64_t{info.st_ino}); // a bind mount of the nsfs inode
        }
    }
    ::closedir(dir);
    return named;
}

std::string first_line(std::string text) {
    if (std::size_t newline = text.find('\n'); newline != std::string::npos)
        text.resize(newline);
    return text;
}

// Container, label and table root of a namespace other than the own one.
void describe_other(const ProcFs& proc, const std::string& run_netns_dir, NetNamespace& ns) {
    for (std::size_t i = 0; i < ns.pids.size() && i < k_cgroup_probes && !ns.container; ++i)
        if (auto text = proc.read_file(std::to_string(ns.pids[i]) + "/cgroup"))
            ns.container = parse_container_cgroup(*text);
    for (std::int32_t pid : ns.pids)
        if (::access(proc.path(std::to_string(pid) + "/net").c_str(), X_OK) == 0) {
            ns.net_root = trimmed_root(proc) + "/" + std::to_string(pid);
            break;
        }
    // A capture's tables of a named namespace, read by entering it (no process to read through).
    if (const std::string saved = run_netns_dir + "-net/" + ns.netns_name;
        ns.net_root.empty() && !ns.netns_name.empty() &&
        ::access((saved + "/net").c_str(), X_OK) == 0)
        ns.net_root = saved;
    if (!ns.netns_name.empty())
        ns.label = ns.netns_name;
    else if (ns.container)
        ns.label = container_label(*ns.container);
    else if (auto comm =
                 ns.pids.empty()
                     ? std::nullopt
                     : std::optional(proc.read_file(std::to_string(ns.pids.front()) + "/comm"));
             comm && *comm && !first_line(**comm).empty())
        ns.label = first_line(**comm);
    else
        ns.label = "netns:" + std::to_string(ns.inode);
}

} // namespace

std::string run_netns_dir_for(const ProcFs& proc) {
    const std::string root = trimmed_root(proc);
    if (root == "/proc")
        return "/run/netns";
    const std::size_t slash = root.rfind('/');
    const std::string parent = slash == std::string::npos ? "."
                               : slash == 0               ? ""
                                                          : root.substr(0, slash);
    return parent + "/run/netns";
}

std::vector<NetNamespace> discover_namespaces(const ProcFs& proc,
                                              const std::string& run_netns_dir) {
    return survey_namespaces(proc, run_netns_dir).namespaces;
}

NamespaceSurvey survey_namespaces(const ProcFs& proc, const std::string& run_netns_dir) {
    NamespaceSurvey survey;
    const std::optional<std::uint64_t> own_inode = namespace_of(proc, "self/ns/net");
    NetNamespace own;
    own.inode = own_inode.value_or(0);
    own.label = "host";
    own.own = true;
    own.net_root = trimmed_root(proc);
    std::map<std::uint64_t, NetNamespace> others;
    for (std::int32_t pid : list_pids(proc)) {
        if (!own_inode) {
            own.pids.push_back(pid);
            continue;
        }
        const auto inode =
            namespace_of(proc, std::to_string(pid) + "/ns/net", &survey.links_denied);
        if (!inode)
            continue;
        NetNamespace& ns = *inode == *own_inode ? own : others[*inode];
        ns.inode = *inode;
        ns.pids.push_back(pid);
    }
    for (const auto& [name, inode] : list_named(run_netns_dir)) {
        if (own_inode && inode == *own_inode)
            continue; // a name for the host's own namespace adds nothing to see
        NetNamespace& ns = others[inode];
        ns.inode = inode;
        if (ns.netns_name.empty())
            ns.netns_name = name;
    }
    std::vector<NetNamespace>& result = survey.namespaces;
    result.push_back(std::move(own));
    for (auto& [inode, ns] : others) {
        describe_other(proc, run_netns_dir, ns);
        result.push_back(std::move(ns));
    }
    std::stable_sort(result.begin() + 1, result.end(),
                     [](const NetNamespace& a, const NetNamespace& b) {
                         if (a.pids.empty() != b.pids.empty())
                             return b.pids.empty();
                         if (!a.pids.empty())
                             return a.pids.front() < b.pids.front();
                         return a.netns_name < b.netns_name;
                     });
    return survey;
}

std::expected<std::vector<NetNamespace>, std::string>
select_namespaces(const std::vector<NetNamespace>& namespaces, std::string_view spec) {
    if (spec == "all")
        return namespaces;
    std::uint64_t number = 0;
    auto [end, error] = std::from_chars(spec.data(), spec.data() + spec.size(), number);
    const bool numeric = !spec.empty() && error == std::errc{} && end == spec.data() + spec.size();
    for (const NetNamespace& ns : namespaces) {
        const bool by_number =
            numeric && (ns.inode == number || std::find(ns.pids.begin(), ns.pids.end(),
                                                        std::int64_t(number)) != ns.pids.end());
        const bool by_name = spec == ns.label || (!ns.netns_name.empty() && spec == ns.netns_name);
        const bool by_id = ns.container && spec.size() >= 4 && ns.container->id.starts_with(spec);
        if (by_number || by_name || by_id)
            return std::vector<NetNamespace>{ns};
    }
    return std::unexpected(numeric ? "no process or network namespace " + std::string(spec)
                                   : "no network namespace, container or process named \"" +
                                         std::string(spec) + "\" (--netns=all lists them)");
}

std::string render_netns_header(const NetNamespace& ns) {
    const std::size_t count = ns.pids.size();
    return "Network namespace " + std::to_string(ns.inode) + " " + escape_program_text(ns.label) +
           " (" + std::to_string(count) + (count == 1 ? " process" : " processes") + ")\n";
}

} // namespace netstat_audit
