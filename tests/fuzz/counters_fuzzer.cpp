// SPDX-License-Identifier: MIT
// libFuzzer target: the counter files (selector % 4): /proc/net/{snmp,netstat} pairs,
// /proc/net/sctp/snmp, /proc/net/snmp6, /proc/net/sockstat{,6}.
#include "fuzz_input.hpp"

#include "netstat_audit/parse/counters.hpp"
#include "netstat_audit/parse/snmp6.hpp"
#include "netstat_audit/parse/sockstat.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    switch (input.take_selector() % 4) {
    case 0: {
        auto groups = parse_counter_pairs(input.text(), "net/snmp");
        (void)groups;
        break;
    }
    case 1: {
        auto group = parse_sctp_counters(input.text());
        (void)group;
        break;
    }
    case 2: {
        auto groups = parse_snmp6(input.text());
        (void)groups;
        break;
    }
    default: {
        auto lines = parse_sockstat(input.text());
        (void)lines;
        break;
    }
    }
    return 0;
}
