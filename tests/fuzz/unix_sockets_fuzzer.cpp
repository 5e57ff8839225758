// SPDX-License-Identifier: MIT
// libFuzzer target: /proc/net/unix.
#include "fuzz_input.hpp"

#include "netstat_audit/parse/unix_sockets.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    auto result = parse_unix_sockets(input.text(), "net/unix");
    (void)result;
    return 0;
}
