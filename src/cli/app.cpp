// SPDX-License-Identifier: MIT
// run(): the list of steps from parsed options to an exit status.
#include "netstat_audit/cli/app.hpp"

#include "netstat_audit/cli/audit_cli.hpp"
#include "netstat_audit/cli/cli.hpp"
#include "netstat_audit/cli/interfaces_command.hpp"
#include "netstat_audit/cli/machine_command.hpp"
#include "netstat_audit/cli/netns_command.hpp"
#include "netstat_audit/cli/routes_command.hpp"
#include "netstat_audit/cli/sockets_command.hpp"
#include "netstat_audit/cli/stats_command.hpp"
#include "netstat_audit/cli/summary_command.hpp"
#include "netstat_audit/cli/trigger_cli.hpp"
#include "netstat_audit/cli/watch_command.hpp"
#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <fmt/format.h>

#include <cassert>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

int print_usage(const Options& options, const Output& output, bool as_help) {
    // -h prints the text on stdout; errors on stderr. The family list is always stderr.
    (as_help ? output.write_out(render_usage(options.program_name))
             : output.write_err(render_usage(options.program_name)));
    flush_failed(output.out); // a failure is reported by finish_run()
    output.write_err(render_usage_families());
    return as_help ? exit_status::k_ok : exit_status::k_usage;
}

// -M: no current kernel has /proc/net/ip_masquerade; netstat then says so and exits 1.
int print_masquerade(const Options& options, const Output& output) {
    output.write_err(
        fmt::format("{}: no support for `ip_masquerade' on this system.\n", options.program_name));
    return exit_status::k_failure;
}

// One pass of the selected view; -c repeats it.
int run_once(const Options& options, const ProcFs& proc, const Output& output, int iteration) {
    if (!options.netns.empty() && options.mode != Mode::masquerade)
        return run_netns_views(options, proc, output);
    switch (options.mode) {
    case Mode::sockets:
        return run_socket_listing(options, proc, output);
    case Mode::routes:
        return run_routes(options, proc, output);
    case Mode::statistics:
        return run_statistics(options, proc, output);
    case Mode::interfaces:
        return run_interfaces(options, proc, output,
                              iteration == 0 ? InterfaceTitle::print : InterfaceTitle::omit);
    case Mode::masquerade:
        return print_masquerade(options, output);
    case Mode::help:
    case Mode::version:
    case Mode::usage_error:
    case Mode::exit_now:
        break; // answered by run() before any view runs
    }
    assert(false && "run_once() called for a mode without a view");
    return exit_status::k_internal_error;
}

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void note_interrupt(int) {
    g_interrupted = 1;
}

// -c: SIGINT ends the loop between passes (then dies of SIGINT as netstat does, with the last
// pass complete); SIGPIPE is ignored so that a closed output pipe shows up as EPIPE and the
// loop ends quietly with status 0; any other write error ends it too, reported by finish_run().
class ContinuousSignals {
public:
    ContinuousSignals() {
        struct sigaction action {};
        action.sa_handler = note_interrupt;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &m_old_int);
        action.sa_handler = SIG_IGN;
        ::sigaction(SIGPIPE, &action, &m_old_pipe);
    }
    ~ContinuousSignals() {
        ::sigaction(SIGINT, &m_old_int, nullptr);
        ::sigaction(SIGPIPE, &m_old_pipe, nullptr);
    }
    ContinuousSignals(const ContinuousSignals&) = delete;
    ContinuousSignals& operator=(const ContinuousSignals&) = delete;

private:
    struct sigaction m_old_int {};
    struct sigaction m_old_pipe {};
};

// Sleeps one second between passes unless SIGINT arrives.
void wait_one_second() {
    timespec rest{1, 0};
    while (!g_interrupted && ::nanosleep(&rest, &rest) != 0 && errno == EINTR) {
    }
}

// netstat's loop: a pass, flush, one second, again, until a pass fails. -s ignores -c.
int run_continuously(const Options& options, const ProcFs& proc, const Output& output) {
    ContinuousSignals signals;
    for (int iteration = 0;; ++iteration) {
        int status = run_once(options, proc, output, iteration);
        if (flush_failed(output.out))
            return status; // finish_run() reports it unless the reader went away (EPIPE)
        if (status != 0)
            return status;
        wait_one_second();
        if (g_interrupted) {
            ::signal(SIGINT, SIG_DFL);
            ::raise(SIGINT);
            return exit_status::k_interrupted; // only reached if SIGINT is blocked
        }
    }
}

// A usage error of netstat-audit's own options that only the mode can reveal; empty if none.
std::string machine_output_conflict(const Options& options) {
    const bool machine = options.format != OutputFormat::text;
    if (options.watch_seconds != 0 && options.mode != Mode::sockets)
        return "--watch follows socket listings only (not -i, -r, -s, -M)";
    if (options.watch_seconds != 0 && !options.netns.empty())
        return "--watch follows the own network namespace only: drop --netns";
    if (options.watch_seconds != 0 && options.groups)
        return "--watch follows sockets, not -g memberships";
    if ((machine || !options.output_path.empty()) && options.continuous)
        return "-c repeats text on a terminal: use --watch, or cron with --output";
    if (machine && options.mode == Mode::masquerade)
        return "-M has no JSON form (no current kernel lists masqueraded connections)";
    return {};
}

// netstat's text, captured and written atomically to --output FILE.
int write_text_to_file(const Options& options, const ProcFs& proc, const Output& output) {
    char* buffer = nullptr;
    std::size_t size = 0;
    std::FILE* memory = ::open_memstream(&buffer, &size);
    if (memory == nullptr)
        throw std::runtime_error("open_memstream failed");
    int status =
        run_once(options, proc, Output{memory, output.err, ControlBytes::raw, output.err_bytes}, 0);
    std::fclose(memory);
    const std::string text(buffer, size);
    std::free(buffer);
    const int written = write_output_file(options, output, text);
    return written != 0 ? written : status;
}

} // namespace

int run(const Options& options, const Output& output) {
    switch (options.mode) {
    case Mode::help:
        return print_usage(options, output, true);
    case Mode::usage_error:
        return print_usage(options, output, false);
    case Mode::version:
        output.write_out(render_version(options.program_name));
        return 0;
    case Mode::exit_now:
        return options.exit_status;
    default:
        break;
    }
    // A capture directory stands for its proc/ subdirectory; every later stage (messages,
    // interface facts beside the tree) sees the directory actually read.
    Options resolved = options;
    resolved.proc_root = resolve_proc_root(options.proc_root);
    if (resolved.proc_root_given) // a capture never makes us read outside it
        confine_reads_to_capture(resolved.proc_root);
    ProcFs proc(resolved.proc_root);
    if (std::string conflict = machine_output_conflict(resolved); !conflict.empty()) {
        output.write_err(fmt::format("{}: {}\n", resolved.program_name, conflict));
        return exit_status::k_usage;
    }
    if (resolved.format != OutputFormat::text) {
        // JSON carries system strings losslessly in its own encoding (report/json_text.hpp)
        Output machine = output; // on a terminal its controls as \u escapes: still lossless
        machine.out_bytes =
            output.out_bytes == ControlBytes::raw ? ControlBytes::raw : ControlBytes::json;
        if (resolved.watch_seconds != 0)
            return run_watch(resolved, proc, machine);
        int status = run_machine_output(resolved, proc, machine);
        flush_failed(output.out); // a failure is reported by finish_run()
        return status;
    }
    if (resolved.watch_seconds != 0)
        return run_watch(resolved, proc, output);
    if (!resolved.output_path.empty())
        return write_text_to_file(resolved, proc, output);
    if (resolved.continuous && resolved.mode != Mode::statistics)
        return run_continuously(resolved, proc, output);
    int status = run_once(resolved, proc, output, 0);
    flush_failed(output.out); // a failure is reported by finish_run()
    return status;
}

namespace {

// stdio gives stdout a 4 KiB buffer on a pipe or file, as netstat has; where stderr goes to the
// same file, that size decides where stderr lines land among stdout's blocks, so it stays. Any
// other stdout (not a terminal) gets 64 KiB: fewer write() calls, the same bytes.
void size_stdout_buffer() {
    struct stat out {};
    struct stat err {};
    if (::isatty(STDOUT_FILENO) || ::fstat(STDOUT_FILENO, &out) != 0)
        return;
    if (::fstat(STDERR_FILENO, &err) == 0 && err.st_dev == out.st_dev && err.st_ino == out.st_ino)
        return;
    static char buffer[64 * 1024];
    std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
}

} // namespace

int run_main(int argc, char** argv) {
    size_stdout_buffer();
    Output output;
    std::string_view program = argc > 0 && argv[0] != nullptr ? argv[0] : "netstat-audit";
    program.remove_prefix(program.rfind('/') == program.npos ? 0 : program.rfind('/') + 1);
    if (is_audit_invocation(argc, argv)) // the audit has its own (CLI11) grammar; it escapes
        return finish_run(output, program, run_audit_main(argc, argv, output)); // and colours
    if (is_trigger_invocation(argc, argv)) // its own (CLI11) grammar; stdout is NDJSON, unescaped
        return finish_run(output, program, run_trigger_main(argc, argv, output));
    // On a terminal every system string (paths, names) is escaped; pipes get netstat's bytes.
    output.out_bytes = control_bytes_for(output.out);
    output.err_bytes = control_bytes_for(output.err);
    if (is_summary_invocation(argc, argv)) { // the summary has its own (CLI11) grammar
        for (int i = 1; i < argc; ++i)
            if (std::string_view(argv[i]) == "--json") // lossless JSON (\u escapes on a tty)
                output.out_bytes = json_control_bytes_for(output.out);
        return finish_run(output, program, run_summary_main(argc, argv, output));
    }
    Options options = parse_command_line(argc, argv, output.err);
    // A write error on stdout (a full disk) fails loudly; EPIPE stays quiet.
    return finish_run(output, options.program_name, run(options, output));
}

} // namespace netstat_audit
