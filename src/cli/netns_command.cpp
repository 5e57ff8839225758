// SPDX-License-Identifier: MIT
// --netns for the text views: one pass per network namespace, entered or read through a pid.
#include "netstat_audit/cli/netns_command.hpp"

#include "netstat_audit/cli/interfaces_command.hpp"
#include "netstat_audit/cli/routes_command.hpp"
#include "netstat_audit/cli/sockets_command.hpp"
#include "netstat_audit/cli/stats_command.hpp"
#include "netstat_audit/exit_status.hpp"
#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/file_resolver.hpp"
#include "netstat_audit/source/netns_discovery.hpp"
#include "netstat_audit/source/process_map.hpp"
#include "netstat_audit/view/programs.hpp"
#include "netstat_audit/view/resolver.hpp"
#include "netstat_audit/view/route_listing.hpp"
#include "netstat_audit/view/socket_listing.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

namespace netstat_audit {

namespace {

// The view of `options.mode` exactly as without --netns.
int run_own_view(const Options& options, const ProcFs& proc, const Output& output) {
    switch (options.mode) {
    case Mode::routes:
        return run_routes(options, proc, output);
    case Mode::statistics:
        return run_statistics(options, proc, output);
    case Mode::interfaces:
        return run_interfaces(options, proc, output, InterfaceTitle::print);
    default:
        return run_socket_listing(options, proc, output);
    }
}

// The view of a namespace from its /proc/PID/net tables; names and owners from `proc`.
int run_view_through_pid(const Options& options, const NetNamespace& ns, const ProcFs& proc,
                         const Output& output) {
    const ProcFs tables(ns.net_root);
    std::unique_ptr<Resolver> names = make_resolver(proc.root());
    if (options.mode == Mode::routes) {
        Snapshot snapshot;
        collect_routes(tables, options, snapshot);
        const RenderedText text = render_route_listing(snapshot, options, *names);
        write_rendered(output, text);
        return text.status;
    }
    if (options.mode == Mode::statistics)
        return run_statistics(options, tables, output);
    const SocketSelection selection = select_sockets(options);
    const NamespaceSocketSource source(tables, proc);
    const SocketTables socket_tables =
        collect_socket_tables(source, selection, InetTables::streamed);
    NameResolver resolver(*names, options.numeric);
    auto inet = [&source](InetProtocol protocol, IpVersion version, InetRowVisitor& visit) {
        return source.stream_inet(protocol, version, visit);
    };
    OutputSink sink(output);
    return stream_socket_listing(socket_tables, inet, selection, options, resolver, ::geteuid(),
                                 sink);
}

// Copies everything from `fd` to `out` until end of file.
void copy_stream(int fd, std::FILE* out) {
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return;
        std::fwrite(buffer, 1, static_cast<std::size_t>(got), out);
    }
}

// fork, setns(CLONE_NEWNET), the own-namespace view in the child; its standard output comes
// back through a pipe, so that --output's memory stream gets it too. -1 when the namespace
// cannot be entered (errno set), else the view's status.
int run_view_entered(const Options& options, const NetNamespace& ns, const ProcFs& proc,
                     const Output& output) {
    const int ns_fd = ::open(netns_enter_path(ns, proc).c_str(), O_RDONLY | O_CLOEXEC);
    if (ns_fd < 0)
        return -1;
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
        ::close(ns_fd);
        return -1;
    }
    std::fflush(output.out);
    std::fflush(output.err);
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipe_fds[0]);
        if (::setns(ns_fd, CLONE_NEWNET) != 0)
            ::_exit(126);
        std::FILE* out = ::fdopen(pipe_fds[1], "w");
        if (out == nullptr)
            ::_exit(126);
        const int status = run_own_view(options, ProcFs("/proc"), Output{out, output.err});
        std::fflush(out);
        std::fflush(output.err);
        ::_exit(status & 0xff);
    }
    ::close(ns_fd);
    ::close(pipe_fds[1]);
    if (child < 0) {
        ::close(pipe_fds[0]);
        return -1;
    }
    copy_stream(pipe_fds[0], output.out);
    ::close(pipe_fds[0]);
    int wait_status = 0;
    while (::waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 126) {
        errno = EPERM;
        return -1;
    }
    return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : exit_status::k_failure;
}

int run_other_view(const Options& options, const NetNamespace& ns, const ProcFs& proc,
                   const Output& output) {
    if (can_enter_namespaces(options, proc)) {
        const int status = run_view_entered(options, ns, proc, output);
        if (status >= 0)
            return status;
    }
    std::string why;
    if (ns.net_root.empty())
        why = "no process of it to read it through";
    else if (options.mode == Mode::interfaces)
        why = "-i needs to enter it (root on the live system)";
    if (why.empty())
        return run_view_through_pid(options, ns, proc, output);
    std::fflush(output.out);
    output.write_err(fmt::format("{}: network namespace {} ({}): {}\n", options.program_name,
                                 ns.inode, escape_program_text(ns.label), why));
    return exit_status::k_failure;
}

} // namespace

std::string netns_enter_path(const NetNamespace& ns, const ProcFs& proc) {
    if (!ns.pids.empty())
        return proc.path(std::to_string(ns.pids.front()) + "/ns/net");
    return run_netns_dir_for(proc) + "/" + ns.netns_name;
}

bool can_enter_namespaces(const Options& options, const ProcFs& proc) {
    return proc.root() == "/proc" && !options.proc_root_given && ::geteuid() == 0;
}

ProcFs netns_tables_root(const NetNamespace& ns, const ProcFs& proc) {
    return ns.own || ns.net_root.empty() ? proc : ProcFs(ns.net_root);
}

int run_netns_views(const Options& options, const ProcFs& proc, const Output& output) {
    const auto chosen =
        select_namespaces(discover_namespaces(proc, run_netns_dir_for(proc)), options.netns);
    if (!chosen) {
        output.write_err(fmt::format("{}: --netns: {}\n", options.program_name, chosen.error()));
        return exit_status::k_failure;
    }
    const bool headers = options.netns == "all";
    int status = 0;
    for (const NetNamespace& ns : *chosen) {
        if (headers)
            output.write_out(render_netns_header(ns));
        const int one = ns.own ? run_own_view(options, proc, output)
                               : run_other_view(options, ns, proc, output);
        status = status != 0 ? status : one;
    }
    return status;
}

} // namespace netstat_audit
