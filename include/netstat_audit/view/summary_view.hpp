// SPDX-License-Identifier: MIT
// A Summary as text (80 columns); report/json_summary.hpp has it as JSON.
#pragma once

#include "netstat_audit/view/summary.hpp"

#include <string>

namespace netstat_audit {

// The summary's text: one block per part, lines wrapped to fit 80 columns; process names pass
// through escape_program_text().
std::string render_summary_text(const Summary& summary);

} // namespace netstat_audit
