// SPDX-License-Identifier: MIT
// run(): the list of steps from parsed options to an exit status.
#include "netstat_audit/app.hpp"

#include "netstat_audit/cli.hpp"
#include "netstat_audit/interfaces_command.hpp"
#include "netstat_audit/proc_fs.hpp"
#include "netstat_audit/routes_command.hpp"
#include "netstat_audit/sockets_command.hpp"
#include "netstat_audit/stats_command.hpp"

#include <cstdio>
#include <unistd.h>

namespace netstat_audit {

namespace {

int print_usage(const Options& options, const Output& output, bool as_help) {
    // -h prints the text on stdout; errors on stderr. The family list is always stderr.
    (as_help ? output.write_out(render_usage(options.program_name))
             : output.write_err(render_usage(options.program_name)));
    std::fflush(output.out);
    output.write_err(render_usage_families());
    return as_help ? 0 : 3;
}

// One pass of the selected view; -c repeats it.
int run_once(const Options& options, const ProcFs& proc, const Output& output, int iteration) {
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
    default:
        break;
    }
    output.write_err(options.program_name + ": this view is not available yet\n");
    return 1;
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
    ProcFs proc(options.proc_root);
    for (int iteration = 0;; ++iteration) {
        int status = run_once(options, proc, output, iteration);
        std::fflush(output.out);
        if (!options.continuous || status != 0)
            return status;
        ::sleep(1);
    }
}

int run_main(int argc, char** argv) {
    Output output;
    Options options = parse_command_line(argc, argv, output.err);
    return run(options, output);
}

} // namespace netstat_audit
