// SPDX-License-Identifier: MIT
// libFuzzer target: /proc/net/sctp/eps (selector even) and /proc/net/sctp/assocs (odd).
#include "fuzz_input.hpp"

#include "netstat_audit/parse/sctp_sockets.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    if (input.take_selector() % 2 == 0) {
        auto endpoints = parse_sctp_endpoints(input.text(), "net/sctp/eps");
        (void)endpoints;
    } else {
        auto associations = parse_sctp_associations(input.text(), "net/sctp/assocs");
        (void)associations;
    }
    return 0;
}
