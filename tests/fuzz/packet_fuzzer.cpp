// SPDX-License-Identifier: MIT
// libFuzzer target: /proc/net/packet.
#include "fuzz_input.hpp"

#include "netstat_audit/parse/packet.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    auto sockets = parse_packet_sockets(input.text());
    (void)sockets;
    return 0;
}
