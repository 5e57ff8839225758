// SPDX-License-Identifier: MIT
// The summary's command line (CLI11 lives only here and in the audit's) and its run as steps.
#include "netstat_audit/cli/summary_command.hpp"

#include "netstat_audit/cli/cli11.hpp"
#include "netstat_audit/cli/cli11_main.hpp"

#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/parse/proc_status.hpp"
#include "netstat_audit/parse/sockstat.hpp"
#include "netstat_audit/report/json_summary.hpp"
#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/netlink_sockets.hpp"
#include "netstat_audit/source/proc_fs.hpp"
#include "netstat_audit/source/system_resolver.hpp"
#include "netstat_audit/view/summary.hpp"
#include "netstat_audit/view/summary_view.hpp"

#include <fmt/format.h>

#include <string_view>

namespace netstat_audit {

namespace {

// Every inet table (IPv4 and IPv6), UNIX, and the /proc walk for owners.
SocketSelection summary_selection() {
    SocketSelection s;
    s.tcp = s.udp = s.udplite = s.raw = true;
    s.read_ipv4 = s.read_ipv6 = true;
    s.unix = true;
    s.inet_header = true;
    s.filter = ListingFilter::all;
    s.programs = true;
    return s;
}

// The soft "Max open files" of /proc/PID/limits.
std::optional<std::uint64_t> read_max_open_files(const ProcFs& proc, const std::string& pid) {
    const auto text = proc.read_file(pid + "/limits");
    return text ? parse_nofile_soft_limit(*text) : std::nullopt;
}

bool any_table_read(const SocketTables& tables) {
    for (const auto* section : {&tables.tcp, &tables.udp, &tables.udplite, &tables.raw})
        for (const FileTable<InetSocket>& table : *section)
            if (!table.error)
                return true;
    for (const FileTable<UnixSocket>& table : tables.unix)
        if (!table.error)
            return true;
    return false;
}

} // namespace

bool is_summary_invocation(int argc, char** argv) {
    return is_subcommand_invocation(argc, argv, "summary");
}

SummaryCommandLine parse_summary_command_line(const std::vector<std::string>& arguments,
                                              const std::string& program) {
    SummaryCommandLine result;
    SummaryOptions options;
    const std::ios_base::Init standard_streams; // CLI11 may write to std::cout (cli11.hpp)
    CLI::App app{"Summarise the socket population: counts per protocol and state, top remote "
                 "peers, top local ports with their state split, TIME_WAIT and CLOSE_WAIT hot "
                 "spots, sockets per process against RLIMIT_NOFILE, the kernel's sockstat "
                 "totals, and the health of established TCP connections (p50/p95 RTT and "
                 "retransmitted share per remote peer and per local service; live kernel only, "
                 "from netlink tcp_info). The filters select the sockets counted (options AND, "
                 "list items OR). "
                 "Exit status: 0, 1 no socket table readable, 3 usage error.",
                 program + " summary"};
    std::vector<std::string> states, sports, dports, srcs, dsts, pids, users, programs;
    app.add_flag("--json", options.json, "print one JSON object instead of text");
    app.add_option("--top", options.top, "entries per ranked list (default 10)")
        ->check(CLI::Range(1, 100000))
        ->type_name("N");
    app.add_option("--proc-root", options.proc_root, "read /proc data from DIR")->type_name("DIR");
    // One value per occurrence (a list is comma-separated), as in the socket views.
    auto filter = [&](const char* name, std::vector<std::string>& values, const char* kind,
                      const char* help) {
        app.add_option(name, values, help)->allow_extra_args(false)->type_name(kind);
    };
    filter("--state", states, "LIST", "established, time-wait, listen, ...; connected, ...");
    filter("--sport", sports, "PORT[-PORT],...", "local ports");
    filter("--dport", dports, "PORT[-PORT],...", "foreign ports");
    filter("--src", srcs, "ADDR[/PREFIX],...", "local addresses");
    filter("--dst", dsts, "ADDR[/PREFIX],...", "foreign addresses");
    filter("--pid", pids, "PID,...", "owning processes");
    filter("--user", users, "NAME|UID,...", "socket owner uids (netstat -e's User)");
    filter("--program-name", programs, "NAME,...", "owning programs (-p's name)");
    if (!parse_subcommand(app, arguments, program + " summary", result))
        return result;
    struct Term {
        std::string_view name;
        const std::vector<std::string>& values;
        std::expected<void, std::string> (*add)(SocketFilter&, std::string_view);
    };
    const Term terms[] = {
        {"--state", states, add_states},
        {"--sport", sports,
         [](SocketFilter& f, std::string_view v) { return add_ports(f.source_ports, v); }},
        {"--dport", dports,
         [](SocketFilter& f, std::string_view v) { return add_ports(f.destination_ports, v); }},
        {"--src", srcs,
         [](SocketFilter& f, std::string_view v) { return add_prefixes(f.sources, v); }},
        {"--dst", dsts,
         [](SocketFilter& f, std::string_view v) { return add_prefixes(f.destinations, v); }},
        {"--pid", pids, add_pids},
        {"--user", users,
         [](SocketFilter& f, std::string_view v) { return add_users(f, v, system_user_id); }},
        {"--program-name", programs, add_programs},
    };
    for (const Term& term : terms)
        for (const std::string& value : term.values)
            if (auto added = term.add(options.filter, value); !added) {
                result.err = fmt::format("{} summary: {}: {}\n", program, term.name, added.error());
                result.exit_status = exit_status::k_usage;
                return result;
            }
    result.options = std::move(options);
    return result;
}

int run_summary(const SummaryOptions& options, const Output& output) {
    confine_reads_to_capture(options.proc_root); // a capture never makes us read outside it
    const ProcFs proc(options.proc_root);
    // 1. Read: every socket table and the owners, as one listing pass would; from the live
    //    kernel over netlink with tcp_info (per-connection health), else /proc text.
    Options source_options;
    source_options.proc_root = options.proc_root;
    const ProcSocketSource proc_source(proc);
    std::optional<NetlinkSocketSource> netlink;
    if (use_netlink_source(source_options, proc))
        netlink.emplace(proc_source, ListingFilter::all, false, k_diag_all_states,
                        TcpHealthRequest::request);
    const SocketSource& source = netlink ? static_cast<const SocketSource&>(*netlink) : proc_source;
    const SocketTables tables = collect_socket_tables(source, summary_selection());
    if (!any_table_read(tables)) {
        output.write_err(fmt::format("netstat-audit summary: no socket table readable under {}\n",
                                     options.proc_root));
        return exit_status::k_failure;
    }
    // 2. Aggregate the rows the filter selects.
    Summary summary = build_summary(tables, options.filter, options.top);
    if (netlink)
        summary.health.source = netlink->tcp_info_source();
    // 3. Read what only the ranked processes and the kernel totals need.
    for (ProcessSockets& process : summary.processes)
        process.max_open_files = read_max_open_files(proc, process.pid);
    for (std::string_view file : {"net/sockstat", "net/sockstat6"})
        if (const auto text = proc.read_file(file)) {
            std::vector<SockstatLine> lines = parse_sockstat(*text);
            summary.sockstat.insert(summary.sockstat.end(), lines.begin(), lines.end());
        }
    // 4. Present.
    output.write_out(options.json ? render_summary_json(summary) : render_summary_text(summary));
    return exit_status::k_ok;
}

int run_summary_main(int argc, char** argv, const Output& output) {
    return run_subcommand_main(
        argc, argv, output, parse_summary_command_line,
        [&](const SummaryOptions& options) { return run_summary(options, output); });
}

} // namespace netstat_audit
