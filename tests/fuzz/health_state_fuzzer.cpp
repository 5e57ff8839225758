// SPDX-License-Identifier: MIT
// libFuzzer target: the audit's health state file (--state). A text that parses must render to
// a state file that parses again to the same text, and serve as the earlier sample of the
// health measures (counter deltas against itself and against an empty sample).
#include "fuzz_input.hpp"

#include "netstat_audit/audit/health.hpp"

#include <cstdlib>

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    auto sample = parse_health_state(input.text());
    if (!sample) {
        (void)sample.error().size();
        return 0;
    }
    const std::string rendered = render_health_state(*sample);
    auto again = parse_health_state(rendered);
    if (!again || render_health_state(*again) != rendered)
        std::abort(); // the writer's output is not what the reader reads back
    const HealthSample empty;
    HealthInputs inputs;
    inputs.now = &*again;
    inputs.before = &*sample;
    inputs.basis = RateBasis::state;
    (void)health_measures(inputs, {});
    inputs.now = &empty;
    (void)health_measures(inputs, {});
    return 0;
}
