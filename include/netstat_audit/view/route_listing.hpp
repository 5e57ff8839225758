// SPDX-License-Identifier: MIT
// The whole -r view over a Snapshot: every requested family in command-line order.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/model/snapshot.hpp"
#include "netstat_audit/view/rendered_text.hpp"
#include "netstat_audit/view/resolver.hpp"

namespace netstat_audit {

// Renders the routing tables `options` asks for from `snapshot.routes_v4/routes_v6` and the
// route files' status in `snapshot.files`, with names from `names` (-n/-N make addresses
// numeric). netstat's status: 0; 1 when a route file cannot be read, its header lacks a column,
// or a legacy family has no routes (golden cases r_missing, rA6); 3 for a family without routing
// (golden case rx).
RenderedText render_route_listing(const Snapshot& snapshot, const Options& options,
                                  Resolver& names);

} // namespace netstat_audit
