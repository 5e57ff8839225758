// SPDX-License-Identifier: MIT
// --watch: a loop of collect, difference, print; the difference itself is report/watch_diff.
#include "netstat_audit/cli/watch_command.hpp"

#include "netstat_audit/cli/machine_command.hpp"
#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/parse/socket_link.hpp"
#include "netstat_audit/report/json_metadata.hpp"
#include "netstat_audit/report/json_sockets.hpp"
#include "netstat_audit/view/programs.hpp"
#include "netstat_audit/view/sockets_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <poll.h>

namespace netstat_audit {

namespace {

volatile std::sig_atomic_t g_stop = 0;

extern "C" void note_stop(int) {
    g_stop = 1;
}

// SIGINT and SIGTERM end the loop between polls; SIGPIPE becomes EPIPE on the next write.
class WatchSignals {
public:
    WatchSignals() {
        struct sigaction action {};
        action.sa_handler = note_stop;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &m_old_int);
        ::sigaction(SIGTERM, &action, &m_old_term);
        action.sa_handler = SIG_IGN;
        ::sigaction(SIGPIPE, &action, &m_old_pipe);
    }
    ~WatchSignals() {
        ::sigaction(SIGINT, &m_old_int, nullptr);
        ::sigaction(SIGTERM, &m_old_term, nullptr);
        ::sigaction(SIGPIPE, &m_old_pipe, nullptr);
    }
    WatchSignals(const WatchSignals&) = delete;
    WatchSignals& operator=(const WatchSignals&) = delete;

private:
    struct sigaction m_old_int {};
    struct sigaction m_old_term {};
    struct sigaction m_old_pipe {};
};

// Waits `seconds` unless a signal arrives or the reader of `out` goes away (POLLERR/POLLHUP on
// a pipe or socket wakes poll() even while nothing is written). False when the loop must end.
bool wait_for_next_poll(std::FILE* out, unsigned seconds) {
    pollfd watched{::fileno(out), 0, 0};
    const std::int64_t deadline = monotonic_clock_ns() + std::int64_t{seconds} * 1'000'000'000;
    while (!g_stop) {
        const std::int64_t left_ms = (deadline - monotonic_clock_ns()) / 1'000'000;
        if (left_ms <= 0)
            return true;
        const int ready =
            ::poll(&watched, 1, static_cast<int>(std::min<std::int64_t>(left_ms, 60000)));
        if (ready > 0 && (watched.revents & (POLLERR | POLLHUP | POLLNVAL)))
            return false;
    }
    return false;
}

const ProcessInfo* find_info(const std::vector<ProcessInfo>& executables, std::int32_t pid) {
    auto it = std::ranges::lower_bound(executables, pid, {}, &ProcessInfo::pid);
    return it != executables.end() && it->pid == pid ? &*it : nullptr;
}

// pid, name and executable of the owner of `inode` (see collect_watch_items()).
void add_owner(WatchItem& item, const ProcessMap* walk, std::uint64_t inode,
               const std::vector<ProcessInfo>& executables, const InodeExecutables& previous) {
    item.inode = inode;
    if (walk == nullptr)
        return;
    const auto known = previous.find(inode);
    const auto index = walk->by_inode.find(inode);
    if (!index) {
        if (known != previous.end())
            item.key.executable = known->second;
        return;
    }
    const ProcessOwner& owner = walk->owners[*index];
    std::int32_t pid = 0;
    const auto [end, error] =
        std::from_chars(owner.pid.data(), owner.pid.data() + owner.pid.size(), pid);
    if (error == std::errc{} && end == owner.pid.data() + owner.pid.size())
        item.pid = pid;
    item.process_name = std::string(program_name_from_cmdline(owner.argv0));
    const ProcessInfo* info = item.pid ? find_info(executables, *item.pid) : nullptr;
    if (info && info->exe)
        item.key.executable = *info->exe;
    else
        item.key.executable = known != previous.end() ? known->second : owner.argv0;
}

std::string endpoint_text(const std::string& address, std::uint16_t port) {
    return address.find(':') != std::string::npos ? fmt::format("[{}]:{}", address, port)
                                                  : fmt::format("{}:{}", address, port);
}

bool is_unix(const WatchKey& key) {
    return key.protocol == "unix";
}

} // namespace

std::vector<WatchItem> collect_watch_items(const SocketTables& tables, ListingFilter filter,
                                           const std::vector<ProcessInfo>& executables,
                                           const InodeExecutables& previous) {
    const ProcessMap* walk = tables.processes ? &*tables.processes : nullptr;
    std::vector<WatchItem> items;
    for (const auto* section : {&tables.tcp, &tables.udp, &tables.udplite, &tables.raw})
        for (const FileTable<InetSocket>& table : *section)
            for (const InetSocket& socket : table.parsed.rows) {
                if (socket.inode == 0 || !is_shown(socket, filter))
                    continue;
                WatchItem item;
                item.key = {std::string(inet_protocol_name(socket.protocol, socket.file_version)),
                            format_numeric(socket.local.address),
                            socket.local.port,
                            format_numeric(socket.remote.address),
                            socket.remote.port,
                            ""};
                item.listening = is_shown(socket, ListingFilter::listening);
                item.state = std::string(kernel_tcp_state_name(socket.state));
                add_owner(item, walk, socket.inode, executables, previous);
                items.push_back(std::move(item));
            }
    for (const FileTable<UnixSocket>& table : tables.unix)
        for (const UnixSocket& socket : table.parsed.rows) {
            if (!socket.inode || *socket.inode == 0 || !is_shown(socket, filter))
                continue;
            WatchItem item;
            item.key = {"unix", socket.path, 0, "", 0, ""};
            item.listening = is_shown(socket, ListingFilter::listening);
            item.state = item.listening ? "LISTEN" : "CONNECTED";
            add_owner(item, walk, *socket.inode, executables, previous);
            items.push_back(std::move(item));
        }
    return items;
}

InodeExecutables executables_by_inode(const std::vector<WatchItem>& items) {
    InodeExecutables map;
    map.reserve(items.size());
    for (const WatchItem& item : items)
        if (item.inode != 0 && !item.key.executable.empty())
            map.emplace(item.inode, item.key.executable);
    return map;
}

std::string render_watch_line(const WatchEvent& event, std::int64_t unix_ns) {
    const WatchItem& item = event.item;
    const WatchKey& key = item.key;
    const std::string local = is_unix(key)
                                  ? (key.local.empty() ? "-" : escape_program_text(key.local))
                                  : endpoint_text(key.local, key.local_port);
    const std::string remote = is_unix(key) ? "-" : endpoint_text(key.remote, key.remote_port);
    const std::string owner =
        item.pid ? escape_program_text(fmt::format("{}/{}", *item.pid, item.process_name)) : "-";
    return fmt::format("{} {} {} {} {} {} {} {}\n", format_timestamp(unix_ns),
                       event.change == WatchChange::added ? "added" : "removed", key.protocol,
                       local, remote, item.state.empty() ? "-" : item.state, owner,
                       key.executable.empty() ? "-" : escape_program_text(key.executable));
}

Json watch_event_json(const WatchEvent& event) {
    const WatchItem& item = event.item;
    const WatchKey& key = item.key;
    const bool added = event.change == WatchChange::added;
    Json json = Json::object();
    json["event"] = {{"action", added ? "socket-added" : "socket-removed"},
                     {"type", Json::array({added ? "start" : "end"})}};
    Json facts = {{"protocol", key.protocol}};
    if (is_unix(key)) {
        if (!key.local.empty())
            facts["path"] = json_text(key.local);
    } else {
        const bool v6 = key.local.find(':') != std::string::npos;
        json["network"] = {{"type", v6 ? "ipv6" : "ipv4"}};
        std::string transport = key.protocol;
        if (transport.ends_with('6'))
            transport.pop_back();
        if (transport != "raw")
            json["network"]["transport"] = transport == "udpl" ? "udplite" : transport;
        json["source"] = {{"ip", key.local}, {"port", key.local_port}};
        json["destination"] = {{"ip", key.remote}, {"port", key.remote_port}};
    }
    if (item.pid || !key.executable.empty()) {
        Json process = Json::object();
        if (item.pid)
            process["pid"] = *item.pid;
        if (!item.process_name.empty())
            process["name"] = json_text(item.process_name);
        if (!key.executable.empty())
            process["executable"] = json_text(key.executable);
        json["process"] = std::move(process);
    }
    if (!item.state.empty())
        facts["state"] = item.state;
    facts["listening"] = item.listening;
    json["netstat_audit"] = {{"socket", std::move(facts)}};
    return json;
}

int run_watch(const Options& options, const ProcFs& proc, const Output& output) {
    WatchSignals signals;
    const SocketSelection selection = select_sockets(options);
    const ListingFilter filter =
        options.listening && !options.all ? ListingFilter::listening : ListingFilter::all;
    const HostInfo host = collect_host_info(proc);
    WatchDiff diff;
    InodeExecutables previous;
    bool warned = false;
    do {
        const std::int64_t started_ns = wall_clock_ns();
        const std::int64_t started_monotonic = monotonic_clock_ns();
        const SocketTables tables = collect_socket_tables(proc, selection);
        std::vector<ProcessInfo> executables;
        if (tables.processes)
            executables = collect_owner_executables(proc, *tables.processes);
        std::vector<WatchItem> items = collect_watch_items(tables, filter, executables, previous);
        previous = executables_by_inode(items);
        const std::vector<WatchEvent> events = diff.update(std::move(items));
        if (diff.dropped() != 0 && !warned) {
            output.write_err(fmt::format("{}: watching the first {} sockets only\n",
                                         options.program_name, diff.size()));
            warned = true;
        }
        HostInfo poll_host = host;
        poll_host.collected_at_unix_ns = started_ns;
        poll_host.collection_duration_ns = monotonic_clock_ns() - started_monotonic;
        const Json metadata =
            options.format == OutputFormat::ndjson
                ? json_metadata(poll_host,
                                visibility_of(tables.processes ? &*tables.processes : nullptr))
                : Json();
        std::string out;
        for (const WatchEvent& event : events)
            out += options.format == OutputFormat::ndjson
                       ? dump_json_line(json_record("socket_change", metadata,
                                                    watch_event_json(event), RecordKind::event)) +
                             "\n"
                       : render_watch_line(event, started_ns);
        output.write_out(out);
        if (flush_failed(output.out))
            return exit_status::k_ok; // finish_run() reports it unless the reader went away
    } while (wait_for_next_poll(output.out, options.watch_seconds));
    return 0;
}

} // namespace netstat_audit
