// SPDX-License-Identifier: MIT
// netstat-audit entry point: argv in, exit status out; everything else lives in the library.
#include "netstat_audit/cli/app.hpp"
#include "netstat_audit/exit_status.hpp"

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    try {
        return netstat_audit::run_main(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "netstat-audit: internal error: %s\n", error.what());
    } catch (...) {
        std::fprintf(stderr, "netstat-audit: internal error\n");
    }
    return netstat_audit::exit_status::k_internal_error;
}
