// SPDX-License-Identifier: MIT
// libFuzzer target: one inet_diag_msg payload with its attributes (selector: protocol, family,
// tcp_info), decoded as a NETLINK_SOCK_DIAG dump reply.
#include "fuzz_input.hpp"

#include "netstat_audit/source/netlink_sockets.hpp"

#include <span>

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    const std::uint8_t selector = input.take_selector();
    constexpr InetProtocol k_protocols[] = {InetProtocol::tcp, InetProtocol::udp,
                                            InetProtocol::udplite, InetProtocol::raw};
    InetDumpRequest request;
    request.protocol = k_protocols[selector % 4];
    request.version = (selector & 4) != 0 ? IpVersion::v6 : IpVersion::v4;
    request.tcp_info = (selector & 8) != 0;
    const std::string_view text = input.text();
    auto row = decode_inet_diag(std::as_bytes(std::span(text.data(), text.size())), request);
    (void)row;
    return 0;
}
