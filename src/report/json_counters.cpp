// SPDX-License-Identifier: MIT
// Counter groups as JSON records.
#include "netstat_audit/report/json_counters.hpp"

namespace netstat_audit {

Json to_json(const CounterGroup& group, std::string_view file) {
    Json values = Json::object();
    for (const Counter& counter : group.counters)
        values[encode_json_text(counter.name)] = counter.value;
    return Json{{"netstat_audit",
                 {{"counters",
                   {{"file", std::string(file)},
                    {"group", json_text(group.name)},
                    {"values", std::move(values)}}}}}};
}

} // namespace netstat_audit
