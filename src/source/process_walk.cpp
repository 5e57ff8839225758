// SPDX-License-Identifier: MIT
// The reading stage of -p: walks <proc root>/[pid]/fd with openat/readlinkat relative to
// directory descriptors (fd numbers tried in order on procfs, getdents64 elsewhere), pids shared
// out to worker threads, results merged in /proc order.
#include "netstat_audit/parse/socket_link.hpp"
#include "netstat_audit/source/process_map.hpp"
#include "netstat_audit/view/programs.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <malloc.h>
#include <memory>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace netstat_audit {

namespace {

constexpr std::size_t k_cmdline_max_bytes = 511;     // netstat: read(fd, cmdlbuf, 512 - 1)
constexpr std::size_t k_dirent_buffer_bytes = 65536; // one getdents64 call per ~2,700 fds
constexpr std::size_t k_pids_per_extra_thread = 32;  // below this, threads cost more than they save
constexpr unsigned k_max_threads = 4;

// Owns one file descriptor.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }

private:
    int m_fd;
};

// A getdents64 buffer, allocated at its first use and never zeroed: a worker that only probes
// procfs fd numbers needs none, and the pages getdents64 does not fill stay out of the peak RSS.
class DirentBuffer {
public:
    char* data() {
        if (!m_bytes)
            m_bytes = std::make_unique_for_overwrite<char[]>(k_dirent_buffer_bytes);
        return m_bytes.get();
    }
    static constexpr std::size_t size() { return k_dirent_buffer_bytes; }

private:
    std::unique_ptr<char[]> m_bytes;
};

// Calls visit(name) for each entry of an open directory in readdir order, without allocating.
// A read error ends the listing like readdir's NULL (a process may exit meanwhile).
template <typename Visit> void for_each_dir_entry(int dir_fd, DirentBuffer& buffer, Visit&& visit) {
    for (;;) {
        ssize_t got = ::getdents64(dir_fd, buffer.data(), buffer.size());
        if (got <= 0)
            return;
        for (std::size_t offset = 0; offset < static_cast<std::size_t>(got);) {
            const auto* entry = reinterpret_cast<const dirent64*>(buffer.data() + offset);
            visit(static_cast<const char*>(entry->d_name));
            offset += entry->d_reclen;
        }
    }
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_digits(const char* name) {
    if (*name == '\0')
        return false;
    for (; *name != '\0'; ++name)
        if (!is_digit(*name))
            return false;
    return true;
}

std::vector<std::string> list_pids(int proc_fd) {
    std::vector<std::string> pids;
    pids.reserve(1024);
    DirentBuffer buffer;
    for_each_dir_entry(proc_fd, buffer, [&](const char* name) {
        if (all_digits(name))
            pids.emplace_back(name);
    });
    return pids;
}

// argv[0] of PID like netstat: one read() of at most 511 bytes, cut at the first NUL. False
// when the open, the read or the close fails (netstat then skips the fd and retries later).
bool read_argv0(int proc_fd, const std::string& pid, std::string& argv0) {
    std::string path = pid + "/cmdline";
    int fd = open_below(proc_fd, path.c_str(), O_RDONLY);
    if (fd < 0)
        return false;
    char buffer[k_cmdline_max_bytes];
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (::close(fd) != 0 || got < 0)
        return false;
    argv0.assign(buffer, ::strnlen(buffer, static_cast<std::size_t>(got)));
    return true;
}

// A process whose fd links gave at least one socket inode.
struct OwnerRecord {
    std::uint32_t pid_index = 0;
    std::string argv0;
    std::size_t first_inode = 0; // [first_inode, end_inode) in WorkerResult::inodes, fd order
    std::size_t end_inode = 0;
};

struct WorkerResult {
    std::vector<OwnerRecord> records; // ascending pid_index
    std::vector<std::uint64_t> inodes;
    bool access_denied = false;
};

struct WalkShared {
    int proc_fd = -1;
    FdEnumeration enumeration = FdEnumeration::automatic;
    const std::vector<std::string>* pids = nullptr;
    std::atomic<std::size_t> next{0};
};

bool is_procfs(int dir_fd) {
    struct statfs info {};
    return ::fstatfs(dir_fd, &info) == 0 && info.f_type == PROC_SUPER_MAGIC;
}

// The fd entries of a procfs fd directory without listing it: the kernel lists /proc/PID/fd
// in ascending fd order at the price of a dcache lookup per fd, and reports the number of open
// fds as the directory's st_size (Linux 6.2+), so trying 0, 1, 2, … until that many answered
// visits the same entries in the same order. `visit(name)` returns false for a missing fd.
// Returns false when the count is unknown or the table is too sparse; `next` is then the first
// number not tried, and the caller lists the rest.
template <typename Visit> bool probe_fd_numbers(int dir_fd, Visit&& visit, std::uint64_t& next) {
    next = 0;
    struct stat info {};
    if (::fstat(dir_fd, &info) != 0 || info.st_size <= 0)
        return false;
    const auto count = static_cast<std::uint64_t>(info.st_size);
    const std::uint64_t miss_budget = count / 4 + 16;
    std::uint64_t found = 0;
    std::uint64_t misses = 0;
    char name[24];
    for (; found < count; ++next) {
        if (misses > miss_budget)
            return false;
        char* end = std::to_chars(name, name + sizeof name - 1, next).ptr;
        *end = '\0';
        if (visit(static_cast<const char*>(name)))
            ++found;
        else
            ++misses;
    }
    return true;
}

// Calls visit(name) for each entry of an fd directory in readdir order (probing numbers on
// procfs unless options say otherwise).
template <typename Visit>
void for_each_fd_entry(int dir_fd, FdEnumeration enumeration, DirentBuffer& buffer, Visit&& visit) {
    std::uint64_t next = 0;
    if (enumeration == FdEnumeration::automatic && is_procfs(dir_fd) &&
        probe_fd_numbers(dir_fd, visit, next))
        return;
    for_each_dir_entry(dir_fd, buffer, [&](const char* name) {
        std::uint64_t number = 0;
        auto [end, error] = std::from_chars(name, name + std::strlen(name), number);
        if (next > 0 && error == std::errc() && *end == '\0' && number < next)
            return; // tried by probe_fd_numbers()
        visit(name);
    });
}

// netstat's walk for one process: cmdline, then every fd link (differential suite "processes").
void scan_process(int proc_fd, const std::string& pid, std::uint32_t pid_index,
                  FdEnumeration enumeration, DirentBuffer& buffer, WorkerResult& result) {
    std::string fd_path = pid + "/fd";
    FileDescriptor fd_dir(open_below(proc_fd, fd_path.c_str(), O_RDONLY | O_DIRECTORY));
    if (!fd_dir.valid()) {
        // ENOENT/ESRCH (exited), ENOTDIR: skipped silently; only EACCES is remembered.
        if (errno == EACCES)
            result.access_denied = true;
        return;
    }
    const std::size_t first = result.inodes.size();
    std::string argv0;
    bool named = false;
    char link[k_socket_link_max_bytes];
    // returns false only when the entry does not exist (for probe_fd_numbers())
    for_each_fd_entry(fd_dir.get(), enumeration, buffer, [&](const char* name) {
        if (!is_digit(name[0]))
            return true;
        ssize_t got = ::readlinkat(fd_dir.get(), name, link, sizeof link);
        if (got < 0)
            return errno != ENOENT;
        auto inode = parse_socket_link(std::string_view(link, static_cast<std::size_t>(got)));
        if (!inode)
            return true;
        if (!named && !(named = read_argv0(proc_fd, pid, argv0)))
            return true;
        result.inodes.push_back(*inode);
        return true;
    });
    if (result.inodes.size() > first)
        result.records.push_back(
            OwnerRecord{pid_index, std::move(argv0), first, result.inodes.size()});
}

void run_worker(WalkShared& shared, WorkerResult& result) {
    DirentBuffer buffer;
    const std::vector<std::string>& pids = *shared.pids;
    for (;;) {
        std::size_t index = shared.next.fetch_add(1, std::memory_order_relaxed);
        if (index >= pids.size())
            return;
        scan_process(shared.proc_fd, pids[index], static_cast<std::uint32_t>(index),
                     shared.enumeration, buffer, result);
    }
}

unsigned choose_threads(const ProcessWalkOptions& options, std::size_t pid_count) {
    if (options.threads != 0)
        return options.threads;
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    auto useful = static_cast<unsigned>(
        std::min<std::size_t>(pid_count / k_pids_per_extra_thread + 1, k_max_threads));
    return std::min(cores, useful);
}

// Runs `count` workers (this thread is one of them). If a thread cannot be started, the
// workers that run take over its share: they all pull pids from the same counter.
void run_workers(WalkShared& shared, std::vector<WorkerResult>& results) {
    std::vector<std::jthread> threads;
    threads.reserve(results.size() - 1);
    for (std::size_t i = 1; i < results.size(); ++i) {
        try {
            threads.emplace_back(run_worker, std::ref(shared), std::ref(results[i]));
        } catch (const std::system_error&) {
            break;
        }
    }
    run_worker(shared, results[0]);
}

// Replays the records in /proc order, so the first process in enumeration order wins an inode
// no matter which worker read it.
void merge_results(const std::vector<std::string>& pids, std::vector<WorkerResult>& results,
                   ProcessMap& map) {
    std::vector<std::pair<OwnerRecord*, const WorkerResult*>> order;
    std::size_t inode_count = 0;
    for (WorkerResult& result : results) {
        map.access_denied = map.access_denied || result.access_denied;
        inode_count += result.inodes.size();
        for (OwnerRecord& record : result.records)
            order.emplace_back(&record, &result);
    }
    std::ranges::sort(order, {}, [](const auto& entry) { return entry.first->pid_index; });
    map.owners.reserve(order.size());
    map.by_inode.reserve(inode_count);
    for (auto [record, result] : order) {
        const std::string& pid = pids[record->pid_index];
        auto owner = static_cast<std::uint32_t>(map.owners.size());
        std::string column = render_program_text(pid, record->argv0);
        map.owners.push_back(ProcessOwner{pid, std::move(record->argv0), std::move(column)});
        for (std::size_t i = record->first_inode; i < record->end_inode; ++i)
            map.by_inode.insert(result->inodes[i], owner);
    }
}

} // namespace

ProcessMap build_process_map(const ProcFs& proc, const ProcessWalkOptions& options) {
    // One malloc arena for the process: a worker's first allocation would otherwise create an
    // arena of its own, pages that netstat (one thread) does not have, for a few small strings
    // and vectors (about 0.2 MB of peak RSS with two workers).
    ::mallopt(M_ARENA_MAX, 1);
    ProcessMap map;
    FileDescriptor root(open_for_reading(proc.root(), O_RDONLY | O_DIRECTORY));
    if (!root.valid()) {
        map.proc_unreadable = true;
        return map;
    }
    const std::vector<std::string> pids = list_pids(root.get());
    WalkShared shared;
    shared.proc_fd = root.get();
    shared.enumeration = options.fd_enumeration;
    shared.pids = &pids;
    std::vector<WorkerResult> results(choose_threads(options, pids.size()));
    run_workers(shared, results);
    merge_results(pids, results, map);
    return map;
}

std::future<ProcessMap> start_process_map(ProcFs proc, ProcessWalkOptions options) {
    auto walk = [proc = std::move(proc), options] { return build_process_map(proc, options); };
    try {
        return std::async(std::launch::async, walk);
    } catch (const std::system_error&) {
        return std::async(std::launch::deferred, walk);
    }
}

} // namespace netstat_audit
