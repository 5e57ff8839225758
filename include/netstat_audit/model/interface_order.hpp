// SPDX-License-Identifier: MIT
// The order netstat lists interfaces in; shared by the collector (which sorts and merges the
// /proc/net/dev rows) and the interface views.
#pragma once

#include <string_view>

namespace netstat_audit {

// netstat's "natural" order of interface names (golden case i, unit tests CompareInterfaceNames.*):
// <0, 0 or >0 like strcmp. Letters before the trailing digits compare as text, the digits as a
// number, an alias (":N") after its base name.
int compare_interface_names(std::string_view a, std::string_view b);

} // namespace netstat_audit
