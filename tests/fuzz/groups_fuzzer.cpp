// SPDX-License-Identifier: MIT
// libFuzzer target: /proc/net/igmp then /proc/net/igmp6, the second read in the format the
// first leaves (igmp_format_after), as -g reads them (the input is split at the first NUL byte,
// if any).
#include "fuzz_input.hpp"

#include "netstat_audit/parse/igmp.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    std::string_view text = input.text();
    const std::size_t split = text.find('\0');
    const std::string_view first = text.substr(0, split);
    auto igmp = parse_igmp(first, IgmpFormat::igmp, "net/igmp");
    (void)igmp;
    if (split != text.npos) {
        auto igmp6 = parse_igmp(text.substr(split + 1), igmp_format_after(first, IgmpFormat::igmp),
                                "net/igmp6");
        (void)igmp6;
    }
    return 0;
}
