// SPDX-License-Identifier: MIT
// libFuzzer target: /proc/net/dev (selector even) and /proc/net/if_inet6 (odd).
#include "fuzz_input.hpp"

#include "netstat_audit/parse/net_dev.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    if (input.take_selector() % 2 == 0) {
        auto rows = parse_net_dev(input.text());
        (void)rows;
    } else {
        auto rows = parse_if_inet6(input.text());
        (void)rows;
    }
    return 0;
}
