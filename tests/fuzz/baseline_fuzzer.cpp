// SPDX-License-Identifier: MIT
// libFuzzer target: the audit baseline reader; a baseline that parses must also survive
// escape_baseline_field() of each of its fields' text.
#include "fuzz_input.hpp"

#include "netstat_audit/audit/baseline.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    auto baseline = parse_baseline(input.text(), "fuzz.baseline");
    if (!baseline)
        (void)baseline.error().text();
    (void)escape_baseline_field(input.text());
    return 0;
}
