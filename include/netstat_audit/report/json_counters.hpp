// SPDX-License-Identifier: MIT
// Protocol counter groups (-s) → JSON records: every counter by its kernel name.
#pragma once

#include "netstat_audit/model/counters.hpp"
#include "netstat_audit/report/json_text.hpp"

#include <string_view>

namespace netstat_audit {

// {"netstat_audit": {"counters": {"file": "net/snmp", "group": "Tcp", "values": {"RtoAlgorithm":
// 1, ...}}}}. Values are the kernel's 64-bit patterns as signed integers (Tcp MaxConn is -1),
// exact in the text; a name repeated in a group keeps its last value.
Json to_json(const CounterGroup& group, std::string_view file);

} // namespace netstat_audit
