// SPDX-License-Identifier: MIT
// A Summary as JSON.
#pragma once

#include "netstat_audit/view/summary.hpp"

#include <string>

namespace netstat_audit {

// The summary as one JSON object (schema_version first), newline-terminated. Process names (the
// -p column's bytes) and sockstat labels are encode_json_text()'s lossless form.
std::string render_summary_json(const Summary& summary);

} // namespace netstat_audit
