// SPDX-License-Identifier: MIT
// libFuzzer target: the per-process files (selector % 4): /proc/PID/status, cmdline, comm, and
// an fd link's text (socket:[INODE]).
#include "fuzz_input.hpp"

#include "netstat_audit/parse/proc_status.hpp"
#include "netstat_audit/parse/socket_link.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    switch (input.take_selector() % 4) {
    case 0: {
        auto status = parse_proc_status(input.text());
        (void)status;
        break;
    }
    case 1: {
        auto argv = parse_cmdline(input.text());
        (void)argv;
        break;
    }
    case 2: {
        auto comm = parse_comm(input.text());
        (void)comm;
        break;
    }
    default: {
        auto inode = parse_socket_link(input.text());
        (void)inode;
        break;
    }
    }
    return 0;
}
