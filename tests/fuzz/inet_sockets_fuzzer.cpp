// SPDX-License-Identifier: MIT
// libFuzzer target: /proc/net/{tcp,udp,udplite,raw}{,6} (selector byte: protocol and family),
// parsed whole and chunk by chunk, then rendered as netstat's -a, -e, -o rows.
#include "fuzz_input.hpp"

#include "netstat_audit/parse/inet_sockets.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    const std::uint8_t selector = input.take_selector();
    constexpr InetProtocol k_protocols[] = {InetProtocol::tcp, InetProtocol::udp,
                                            InetProtocol::udplite, InetProtocol::raw};
    const InetProtocol protocol = k_protocols[selector % 4];
    const IpVersion version = (selector & 4) != 0 ? IpVersion::v6 : IpVersion::v4;
    auto result = parse_inet_sockets(input.text(), protocol, version, "net/fuzz");
    (void)result;
    return 0;
}
