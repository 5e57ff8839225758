// SPDX-License-Identifier: MIT
// The whole socket listing as netstat prints it (sockets.cases): titles, sections
// in netstat's order, "bogus line" warnings, "no support" messages and where they stop the run.
#pragma once

#include "netstat_audit/model/socket_tables.hpp"
#include "netstat_audit/view/rendered_text.hpp"
#include "netstat_audit/view/resolver.hpp"

namespace netstat_audit {

// Renders one pass over `tables` (what collect_socket_tables() read for `selection`). Names come
// from `resolver`; `effective_uid` goes into netstat's -p notice. The status is netstat's: 0, 1
// for an explicitly requested family without support, 255 for an unexpected open error.
RenderedText render_socket_listing(const SocketTables& tables, const SocketSelection& selection,
                                   const Options& options, NameResolver& resolver,
                                   unsigned effective_uid);

} // namespace netstat_audit
