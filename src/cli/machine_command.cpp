// SPDX-License-Identifier: MIT
// --json / --ndjson / --output: every view's kernel facts as records with snapshot metadata.
#include "netstat_audit/cli/machine_command.hpp"

#include "netstat_audit/cli/netns_command.hpp"
#include "netstat_audit/exit_status.hpp"

#include "netstat_audit/report/atomic_file.hpp"
#include "netstat_audit/report/json_counters.hpp"
#include "netstat_audit/report/json_groups.hpp"
#include "netstat_audit/report/json_interfaces.hpp"
#include "netstat_audit/report/json_metadata.hpp"
#include "netstat_audit/report/json_routes.hpp"
#include "netstat_audit/report/json_sockets.hpp"
#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/inet_diag_bytecode.hpp"
#include "netstat_audit/source/interface_info.hpp"
#include "netstat_audit/source/netlink_sockets.hpp"
#include "netstat_audit/source/netns_discovery.hpp"
#include "netstat_audit/source/system_resolver.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <optional>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

// One view's records, in output order, and what went wrong while collecting them.
struct ViewRecords {
    std::string document_type; // "sockets", "groups", "interfaces", "routes", "statistics"
    struct Record {
        std::string_view type; // "socket", "group", "interface", "route", "counters"
        Json json;
    };
    std::vector<Record> records;
    std::vector<Diagnostic> diagnostics;
    Visibility visibility;
    int status = 0;
    // Sockets only: "netlink" (TCP rows carry tcp_info) or "proc" (text: no tcp_info).
    std::string_view socket_source;
};

void note_unreadable(ViewRecords& view, std::string_view relative, std::error_code error) {
    view.diagnostics.push_back({std::string(relative), 0, std::strerror(error.value())});
}

bool wants_ipv4(const Options& options) {
    return options.families.empty() ||
           std::ranges::find(options.families, Family::inet) != options.families.end();
}

bool wants_ipv6(const Options& options) {
    return std::ranges::find(options.families, Family::inet6) != options.families.end();
}

ViewRecords collect_sockets(const Options& options, const ProcFs& proc, const ProcFs& processes) {
    ViewRecords view;
    view.visibility = visibility_of(nullptr);
    const SocketSelection selection = select_sockets(options);
    // The live kernel's tables come from netlink with tcp_info (per-connection health); a
    // capture, another namespace's /proc/PID/net or --source proc reads /proc text, which has
    // none (the document says which).
    const NamespaceSocketSource proc_source(proc, processes);
    std::optional<NetlinkSocketSource> netlink;
    if (use_netlink_source(options, proc))
        netlink.emplace(proc_source, selection.filter, options.timers,
                        options.filter.states != 0 ? options.filter.states : k_diag_all_states,
                        TcpHealthRequest::request, compile_inet_diag_bytecode(options.filter));
    const SocketSource& source = netlink ? static_cast<const SocketSource&>(*netlink) : proc_source;
    const SocketTables tables = collect_socket_tables(source, selection);
    view.socket_source = netlink ? "netlink" : "proc";
    std::vector<ProcessInfo> executables;
    if (tables.processes)
        executables = collect_owner_executables(processes, *tables.processes);
    SystemResolver names;
    SocketJsonContext context;
    context.owners = tables.processes ? &*tables.processes : nullptr;
    context.processes = &executables;
    context.names = &names;
    context.numeric = options.numeric;
    context.rows = &options.filter;
    for (Json& json : socket_records(tables, selection.filter, context))
        view.records.push_back({"socket", std::move(json)});
    for (const auto& table : tables.groups)
        for (const GroupMembership& membership : table.parsed.rows)
            if (is_membership(membership))
                view.records.push_back({"group", to_json(membership)});
    const bool only_groups = selection.groups && !selection.unix && !selection.tcp &&
                             !selection.udp && !selection.udplite && !selection.raw &&
                             !selection.sctp;
    view.document_type = only_groups ? "groups" : "sockets";
    view.diagnostics = socket_diagnostics(tables);
    view.visibility = visibility_of(context.owners);
    return view;
}

// -i: the interface part of a Snapshot (netstat's names and order, facts per name, if_inet6
// always); down interfaces only with -a, as the table shows them.
ViewRecords collect_interface_view(const Options& options, const ProcFs& proc) {
    ViewRecords view;
    view.document_type = "interfaces";
    view.visibility = visibility_of(nullptr);
    Options with_addresses = options;
    with_addresses.extend = std::max(options.extend, 1);
    Snapshot snapshot;
    collect_interfaces(proc, InterfaceInfoSource::for_proc_root(proc.root()), with_addresses,
                       snapshot);
    for (const SourceFile& file : snapshot.files)
        if (file.error) {
            note_unreadable(view, file.relative, file.error);
            view.status = file.relative == "net/dev" ? exit_status::k_failure : view.status;
        }
    for (const Interface& interface : snapshot.interfaces) {
        if (interface.facts_error) {
            view.diagnostics.push_back(
                {"interface " + interface.name, 0, std::strerror(interface.facts_error.value())});
            view.status = exit_status::k_failure;
            continue;
        }
        if (!(interface.facts.flags & interface_flag::k_up) && !options.all)
            continue;
        std::vector<Inet6InterfaceAddress> own;
        std::ranges::copy_if(snapshot.interface_addresses_v6, std::back_inserter(own),
                             [&](const auto& row) { return row.device == interface.name; });
        view.records.push_back({"interface", to_json(interface, own)});
    }
    return view;
}

// -r: every route the kernel lists (flags say which are up or cached), from the collector the
// text view uses: net/route (the FIB, also for -C) for inet, net/ipv6_route for inet6, in that
// order. Each file's open or header error, then its skipped lines, as diagnostics.
ViewRecords collect_route_view(const Options& options, const ProcFs& proc) {
    ViewRecords view;
    view.visibility = visibility_of(nullptr);
    view.document_type = "routes";
    Options request = options;
    request.families.clear();
    if (wants_ipv4(options))
        request.families.push_back(Family::inet);
    if (wants_ipv6(options))
        request.families.push_back(Family::inet6);
    if (request.families.empty())
        return view;
    request.fib = true;
    request.cache = false;
    Snapshot snapshot;
    collect_routes(proc, request, snapshot);
    for (const SourceFile& file : snapshot.files) {
        if (file.error)
            note_unreadable(view, file.relative, file.error);
        else if (file.format_error)
            view.diagnostics.push_back(
                {file.relative, 1, "header lacks required field " + *file.format_error});
        if (file.error || file.format_error)
            view.status = exit_status::k_failure;
        std::ranges::copy_if(snapshot.diagnostics, std::back_inserter(view.diagnostics),
                             [&](const Diagnostic& d) { return d.file == file.relative; });
    }
    for (const Ipv4Route& route : snapshot.routes_v4)
        view.records.push_back({"route", to_json(route)});
    for (const Ipv6Route& route : snapshot.routes_v6)
        if (is_ipv6_route(route)) // a shorter line is a diagnostic, not a route
            view.records.push_back({"route", to_json(route)});
    return view;
}

// Whether a counter file that cannot be read is a diagnostic (sctp/snmp is optional).
enum class IfUnreadable { diagnose, skip };

void add_counter_file(ViewRecords& view, const ProcFs& proc, std::string_view relative,
                      IfUnreadable if_unreadable = IfUnreadable::diagnose) {
    Snapshot part;
    const std::vector<CounterGroup> groups = collect_counter_file(proc, relative, part);
    if (const SourceFile& file = part.files.back(); file.error) {
        if (if_unreadable == IfUnreadable::diagnose)
            note_unreadable(view, relative, file.error);
        return;
    }
    for (const CounterGroup& group : groups)
        view.records.push_back({"counters", to_json(group, relative)});
    std::ranges::copy(part.diagnostics, std::back_inserter(view.diagnostics));
}

// -s: every counter of the files the view reads (-t/-u/-w/-S do not filter them), through the
// collector of the text view; unlike netstat's -s, a missing snmp does not stop the rest.
ViewRecords collect_statistics(const Options& options, const ProcFs& proc) {
    ViewRecords view;
    view.visibility = visibility_of(nullptr);
    view.document_type = "statistics";
    if (wants_ipv4(options)) {
        add_counter_file(view, proc, "net/snmp");
        add_counter_file(view, proc, "net/netstat");
        add_counter_file(view, proc, "net/sctp/snmp", IfUnreadable::skip);
    }
    if (wants_ipv6(options))
        add_counter_file(view, proc, "net/snmp6");
    if (view.records.empty() && !view.diagnostics.empty())
        view.status = exit_status::k_failure;
    return view;
}

ViewRecords collect_view(const Options& options, const ProcFs& proc, const ProcFs& processes) {
    switch (options.mode) {
    case Mode::interfaces:
        return collect_interface_view(options, proc);
    case Mode::routes:
        return collect_route_view(options, proc);
    case Mode::statistics:
        return collect_statistics(options, proc);
    default:
        return collect_sockets(options, proc, processes);
    }
}

// An entered namespace's view as the child sends it to the parent: one JSON text.
std::string encode_view(const ViewRecords& view) {
    Json j = {{"status", view.status}, {"records", Json::array()}, {"diagnostics", Json::array()}};
    for (const ViewRecords::Record& record : view.records)
        j["records"].push_back({{"type", std::string(record.type)}, {"json", record.json}});
    for (const Diagnostic& d : view.diagnostics)
        j["diagnostics"].push_back(
            {{"file", json_text(d.file)}, {"line", d.line}, {"reason", json_text(d.reason)}});
    return j.dump();
}

std::optional<ViewRecords> decode_view(const std::string& text) {
    const Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    ViewRecords view;
    view.status = j.value("status", 0);
    for (const Json& record : j.value("records", Json::array())) {
        const std::string type = record.value("type", "");
        for (std::string_view known : {"socket", "group", "interface", "route", "counters"})
            if (known == type)
                view.records.push_back({known, record.value("json", Json::object())});
    }
    for (const Json& d : j.value("diagnostics", Json::array()))
        view.diagnostics.push_back({decode_json_text(d.value("file", "")),
                                    d.value("line", std::size_t{0}),
                                    decode_json_text(d.value("reason", ""))});
    return view;
}

bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t put = ::write(fd, text.data(), text.size());
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return false;
        text.remove_prefix(static_cast<std::size_t>(put));
    }
    return true;
}

// The view collected inside `ns`: fork, setns(CLONE_NEWNET), collect_view() on the child's own
// /proc, the records back through a pipe. nullopt when the namespace cannot be entered.
std::optional<ViewRecords> collect_view_entered(const Options& options, const NetNamespace& ns,
                                                const ProcFs& proc) {
    const int ns_fd = ::open(netns_enter_path(ns, proc).c_str(), O_RDONLY | O_CLOEXEC);
    if (ns_fd < 0)
        return std::nullopt;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        ::close(ns_fd);
        return std::nullopt;
    }
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(fds[0]);
        if (::setns(ns_fd, CLONE_NEWNET) != 0)
            ::_exit(126);
        try {
            const ProcFs own("/proc");
            ::_exit(write_all(fds[1], encode_view(collect_view(options, own, own))) ? 0 : 125);
        } catch (...) {
            ::_exit(125);
        }
    }
    ::close(ns_fd);
    ::close(fds[1]);
    std::string text;
    char buffer[64 * 1024];
    for (ssize_t got = 0; child > 0 && (got = ::read(fds[0], buffer, sizeof buffer)) != 0;) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break;
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fds[0]);
    int wait_status = 0;
    while (child > 0 && ::waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {
    }
    if (child < 0 || !WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0)
        return std::nullopt;
    return decode_view(text);
}

// netstat_audit.netns and ECS container.{id, runtime} on one record.
void tag_namespace(Json& record, const NetNamespace& ns) {
    record["netstat_audit"]["netns"] = {{"inode", ns.inode}, {"label", json_text(ns.label)}};
    if (ns.container)
        record["container"] = {{"id", json_text(ns.container->id)},
                               {"runtime", ns.container->runtime}};
}

// --netns: each chosen namespace's records, tagged, in namespace order. A namespace that cannot
// be read (no process in it; -i, whose facts need entering it) is a diagnostic and status 1.
ViewRecords collect_netns_view(const Options& options, const ProcFs& proc,
                               const std::vector<NetNamespace>& chosen) {
    ViewRecords all;
    const SocketSelection selection = select_sockets(options);
    all.document_type = options.mode == Mode::interfaces   ? "interfaces"
                        : options.mode == Mode::routes     ? "routes"
                        : options.mode == Mode::statistics ? "statistics"
                        : selection.groups && !selection.unix && !selection.tcp && !selection.udp &&
                                !selection.udplite && !selection.raw && !selection.sctp
                            ? "groups"
                            : "sockets";
    all.visibility = visibility_of(nullptr);
    const bool enter = can_enter_namespaces(options, proc);
    for (const NetNamespace& ns : chosen) {
        std::optional<ViewRecords> entered;
        if (!ns.own && enter)
            entered = collect_view_entered(options, ns, proc);
        if (!ns.own && !entered && (ns.net_root.empty() || options.mode == Mode::interfaces)) {
            all.diagnostics.push_back({"netns " + std::to_string(ns.inode), 0,
                                       ns.net_root.empty() ? "no process to read it through"
                                                           : "-i facts need entering it"});
            all.status = exit_status::k_failure;
            continue;
        }
        ViewRecords one = entered ? std::move(*entered)
                                  : collect_view(options, netns_tables_root(ns, proc), proc);
        const std::string prefix = ns.own || ns.net_root.empty()
                                       ? std::string()
                                       : ns.net_root.substr(proc.root().size() + 1) + "/";
        for (ViewRecords::Record& record : one.records) {
            tag_namespace(record.json, ns);
            all.records.push_back(std::move(record));
        }
        for (Diagnostic& diagnostic : one.diagnostics) {
            diagnostic.file = prefix + diagnostic.file;
            all.diagnostics.push_back(std::move(diagnostic));
        }
        if (ns.own)
            all.visibility = one.visibility;
        all.status = all.status != 0 ? all.status : one.status;
    }
    return all;
}

std::string render(const ViewRecords& view, const Json& metadata, OutputFormat format) {
    if (format == OutputFormat::ndjson) {
        std::string out;
        for (const ViewRecords::Record& record : view.records)
            out += dump_json_line(json_record(record.type, metadata, record.json)) + "\n";
        for (const Diagnostic& diagnostic : view.diagnostics)
            out += dump_json_line(json_record(
                       "diagnostic", metadata,
                       Json{{"netstat_audit", {{"diagnostic", to_json(diagnostic)}}}})) +
                   "\n";
        return out;
    }
    Json document = json_document(view.document_type, metadata);
    Json records = Json::array();
    for (const ViewRecords::Record& record : view.records) {
        Json json = record.json;
        json["netstat_audit"]["record_type"] = std::string(record.type);
        records.push_back(std::move(json));
    }
    document["records"] = std::move(records);
    Json diagnostics = Json::array();
    for (const Diagnostic& diagnostic : view.diagnostics)
        diagnostics.push_back(to_json(diagnostic));
    document["diagnostics"] = std::move(diagnostics);
    return dump_json_document(document);
}

} // namespace

std::int64_t wall_clock_ns() {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

std::int64_t monotonic_clock_ns() {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

Visibility visibility_of(const ProcessMap* walk) {
    Visibility visibility;
    if (walk != nullptr && walk->access_denied)
        visibility.notes.push_back("some /proc/PID/fd directories could not be read (EACCES)");
    if (walk != nullptr && walk->proc_unreadable)
        visibility.notes.push_back("the proc root could not be listed: no process was seen");
    return visibility;
}

void note_collector(const HostInfo& host, Visibility& visibility) {
    visibility.root = collected_as_root(host);
    if (!visibility.root)
        visibility.notes.insert(visibility.notes.begin(), not_root_note(host));
}

std::vector<ProcessInfo> collect_owner_executables(const ProcFs& proc, const ProcessMap& walk) {
    std::vector<ProcessInfo> out;
    out.reserve(walk.owners.size());
    for (const ProcessOwner& owner : walk.owners) {
        ProcessInfo info;
        const auto [end, error] =
            std::from_chars(owner.pid.data(), owner.pid.data() + owner.pid.size(), info.pid);
        if (error != std::errc{} || end != owner.pid.data() + owner.pid.size())
            continue;
        if (auto exe = proc.read_link(owner.pid + "/exe"))
            info.exe = std::move(*exe);
        out.push_back(std::move(info));
    }
    std::ranges::sort(out, {}, &ProcessInfo::pid);
    return out;
}

int write_output_file(const Options& options, const Output& output, std::string_view text) {
    auto written =
        write_file_atomically(options.output_path, text, compression_for(options.output_path));
    if (written)
        return 0;
    output.write_err(fmt::format("{}: {}\n", options.program_name, written.error()));
    return exit_status::k_usage;
}

int run_machine_output(const Options& options, const ProcFs& proc, const Output& output) {
    const std::int64_t started_ns = wall_clock_ns();
    const std::int64_t started_monotonic_ns = monotonic_clock_ns();
    std::expected<std::vector<NetNamespace>, std::string> chosen;
    if (!options.netns.empty()) {
        chosen =
            select_namespaces(discover_namespaces(proc, run_netns_dir_for(proc)), options.netns);
        if (!chosen) {
            output.write_err(
                fmt::format("{}: --netns: {}\n", options.program_name, chosen.error()));
            return exit_status::k_failure;
        }
    }
    ViewRecords view = options.netns.empty() ? collect_view(options, proc, proc)
                                             : collect_netns_view(options, proc, *chosen);
    HostInfo host = collect_host_info(proc);
    note_collector(host, view.visibility);
    host.collected_at_unix_ns = started_ns;
    host.collection_duration_ns = monotonic_clock_ns() - started_monotonic_ns;
    Json metadata = json_metadata(host, view.visibility);
    if (!view.socket_source.empty())
        metadata["netstat_audit"]["collection"]["socket_source"] = view.socket_source;
    const std::string text = render(view, metadata, options.format);
    if (options.output_path.empty()) {
        output.write_out(text);
        return view.status;
    }
    const int written = write_output_file(options, output, text);
    return written != 0 ? written : view.status;
}

} // namespace netstat_audit
