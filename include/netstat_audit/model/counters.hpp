// SPDX-License-Identifier: MIT
// Protocol counters (/proc/net/snmp, netstat, snmp6, sctp/snmp) as ordered name → value groups.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace netstat_audit {

// One counter in kernel order. The value is the 64-bit pattern the kernel's text denotes
// ("-1" and 18446744073709551615 are the same counter); presenters choose signedness.
struct Counter {
    std::string name;
    std::int64_t value = 0;
};

// One section ("Ip", "TcpExt", "Icmp6", ...) with its counters in file order. The same name may
// occur more than once in a file.
struct CounterGroup {
    std::string name;
    std::vector<Counter> counters;
};

} // namespace netstat_audit
