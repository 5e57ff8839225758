// SPDX-License-Identifier: MIT
// libFuzzer target: /proc/net/route (selector even) and /proc/net/ipv6_route (odd).
#include "fuzz_input.hpp"

#include "netstat_audit/parse/ipv6_route.hpp"
#include "netstat_audit/parse/route.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    if (input.take_selector() % 2 == 0) {
        auto routes = parse_ipv4_routes(input.text());
        (void)routes;
    } else {
        auto routes = parse_ipv6_routes(input.text());
        (void)routes;
    }
    return 0;
}
