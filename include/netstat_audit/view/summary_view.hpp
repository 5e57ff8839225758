// SPDX-License-Identifier: MIT
// A Summary as text (80 columns) and as JSON.
#pragma once

#include "netstat_audit/view/summary.hpp"

#include <string>

namespace netstat_audit {

// The summary's text: one block per part, lines wrapped to fit 80 columns.
std::string render_summary_text(const Summary& summary);
// The summary as one JSON object (schema_version first), newline-terminated.
std::string render_summary_json(const Summary& summary);

} // namespace netstat_audit
