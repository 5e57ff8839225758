// SPDX-License-Identifier: MIT
// The trigger's live sampler (net/snmp, TCP tables with tcp_info), snapshot content (the audit
// and every view, run in-process) and its signal-aware wait.
#include "netstat_audit/trigger/trigger_live.hpp"

#include "netstat_audit/cli/app.hpp"
#include "netstat_audit/cli/audit_cli.hpp"
#include "netstat_audit/cli/cli.hpp"
#include "netstat_audit/cli/machine_command.hpp"
#include "netstat_audit/model/connection_health.hpp"
#include "netstat_audit/model/counter_delta.hpp"
#include "netstat_audit/model/socket_filter.hpp"
#include "netstat_audit/parse/counters.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>

namespace netstat_audit {

namespace {

std::int64_t clock_ns(clockid_t clock) {
    timespec now{};
    ::clock_gettime(clock, &now);
    return std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
}

// Counts and health samples of the TCP rows as they stream by.
class TcpTally final : public InetRowVisitor {
public:
    void row(const InetSocket& socket) override {
        if (socket.state == tcp_state::k_syn_recv)
            ++syn_recv;
        else if (socket.state == tcp_state::k_time_wait)
            ++time_wait;
        if (socket.state != tcp_state::k_established)
            return;
        ++established;
        if (socket.health)
            tcp_info = true;
        health.add(socket); // the summary's and the audit's grouping
    }
    void bogus(const Diagnostic&) override {}

    std::int64_t syn_recv = 0;
    std::int64_t time_wait = 0;
    std::int64_t established = 0;
    bool tcp_info = false;
    HealthTally health;
};

std::string trimmed_line(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

} // namespace

LiveTriggerSampler::LiveTriggerSampler(const ProcFs& proc) : m_proc(proc), m_proc_source(proc) {
    Options options;
    options.proc_root = proc.root();
    if (use_netlink_source(options, proc))
        m_netlink.emplace(m_proc_source, ListingFilter::all, false, k_diag_all_states,
                          TcpHealthRequest::request);
}

std::optional<TriggerSample> LiveTriggerSampler::sample(std::string& error) {
    TriggerSample sample;
    sample.wall_ns = clock_ns(CLOCK_REALTIME);
    sample.monotonic_ns = clock_ns(CLOCK_MONOTONIC);
    if (auto boot = m_proc.read_file("sys/kernel/random/boot_id"))
        sample.boot_id = trimmed_line(*boot);
    const auto snmp = m_proc.read_file("net/snmp");
    if (snmp) {
        const ParseResult<CounterGroup> groups = parse_counter_pairs(*snmp, "net/snmp");
        sample.retrans_segs = find_counter(groups.rows, "Tcp", "RetransSegs");
        sample.out_segs = find_counter(groups.rows, "Tcp", "OutSegs");
    }
    const SocketSource& source =
        m_netlink ? static_cast<const SocketSource&>(*m_netlink) : m_proc_source;
    TcpTally tally;
    bool any_table = false;
    for (IpVersion version : {IpVersion::v4, IpVersion::v6})
        any_table |= !source.stream_inet(InetProtocol::tcp, version, tally).error;
    if (!snmp && !any_table) {
        error = "neither net/snmp nor the TCP tables could be read under " + m_proc.root();
        return std::nullopt;
    }
    sample.syn_recv = tally.syn_recv;
    sample.time_wait = tally.time_wait;
    sample.established = tally.established;
    sample.tcp_info = tally.tcp_info;
    if (tally.tcp_info) {
        sample.rtt_p95_ms = tally.health.all.summarise("all").rtt_p95_ms;
        sample.peers = rank_health(tally.health.peers, tally.health.peers.size());
    }
    return sample;
}

namespace {

// What `body` printed on a memory stream, parsed as one JSON document; a failure (it should
// never happen) becomes {"error": ...} rather than a broken snapshot. stderr is discarded.
Json run_captured(const std::function<void(const Output&)>& body, std::string_view what) {
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* out = ::open_memstream(&buffer, &size);
    std::FILE* err = std::tmpfile();
    if (out != nullptr && err != nullptr)
        body(Output{out, err});
    if (out != nullptr)
        std::fclose(out);
    if (err != nullptr)
        std::fclose(err);
    const std::string text = buffer != nullptr ? std::string(buffer, size) : std::string();
    std::free(buffer);
    Json parsed = Json::parse(text, nullptr, false);
    if (out == nullptr || err == nullptr || parsed.is_discarded())
        return {{"error", fmt::format("{} printed no JSON document", what)}};
    return parsed;
}

// One view's --json document, run in-process as the command line `args` would.
Json run_view(std::vector<std::string> args, const std::string& proc_root) {
    args.insert(args.begin(), "netstat-audit");
    args.push_back("--json");
    if (proc_root != "/proc") // the live kernel: netlink (tcp_info) rather than /proc text
        args.push_back("--proc-root=" + proc_root);
    std::vector<char*> argv;
    for (std::string& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    return run_captured(
        [&](const Output& output) {
            run(parse_command_line(static_cast<int>(args.size()), argv.data(), output.err), output);
        },
        "the view " + args[1]);
}

Json run_audit_document(const std::string& proc_root, const std::string& baseline) {
    AuditOptions options;
    options.proc_root = proc_root;
    options.baseline = baseline;
    options.json = true;
    return run_captured([&](const Output& output) { run_audit(options, output, TerminalFacts{}); },
                        "the audit");
}

} // namespace

Json LiveSnapshotContent::collect() {
    Json views = Json::object();
    views["sockets"] = run_view({"-tuwxanpe"}, m_proc_root);
    views["groups"] = run_view({"-gn"}, m_proc_root);
    views["interfaces"] = run_view({"-ia"}, m_proc_root);
    views["routes"] = run_view({"-rn", "-A", "inet,inet6"}, m_proc_root);
    views["statistics"] = run_view({"-s"}, m_proc_root);
    views["statistics_ipv6"] = run_view({"-s6"}, m_proc_root);
    return {{"audit", run_audit_document(m_proc_root, m_baseline)}, {"views", std::move(views)}};
}

namespace {

volatile std::sig_atomic_t g_stop = 0;

extern "C" void note_trigger_stop(int) {
    g_stop = 1;
}

struct sigaction g_old_term {};
struct sigaction g_old_int {};
struct sigaction g_old_pipe {};

} // namespace

SignalWaiter::SignalWaiter() {
    g_stop = 0;
    struct sigaction action {};
    action.sa_handler = note_trigger_stop;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: nanosleep returns EINTR
    ::sigaction(SIGTERM, &action, &g_old_term);
    ::sigaction(SIGINT, &action, &g_old_int);
    action.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &action, &g_old_pipe);
}

SignalWaiter::~SignalWaiter() {
    ::sigaction(SIGTERM, &g_old_term, nullptr);
    ::sigaction(SIGINT, &g_old_int, nullptr);
    ::sigaction(SIGPIPE, &g_old_pipe, nullptr);
}

bool SignalWaiter::stop_requested() {
    return g_stop != 0;
}

bool SignalWaiter::wait(double seconds) {
    if (g_stop)
        return false;
    const auto whole = static_cast<std::time_t>(seconds);
    timespec rest{whole, static_cast<long>((seconds - static_cast<double>(whole)) * 1e9)};
    while (!g_stop && ::nanosleep(&rest, &rest) != 0 && errno == EINTR) {
    }
    return !g_stop;
}

} // namespace netstat_audit
