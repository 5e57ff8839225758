// SPDX-License-Identifier: MIT
// The whole socket listing as netstat prints it (sockets.cases): titles, sections
// in netstat's order, "bogus line" warnings, "no support" messages and where they stop the run.
#pragma once

#include "netstat_audit/model/socket_tables.hpp"
#include "netstat_audit/view/rendered_text.hpp"
#include "netstat_audit/view/resolver.hpp"

#include <functional>

namespace netstat_audit {

// Renders one pass over `tables` (what collect_socket_tables() read for `selection`). Names come
// from `resolver`; `effective_uid` goes into netstat's -p notice. The status is netstat's: 0, 1
// for an explicitly requested family without support, 255 for an unexpected open error.
RenderedText render_socket_listing(const SocketTables& tables, const SocketSelection& selection,
                                   const Options& options, NameResolver& resolver,
                                   unsigned effective_uid);

// Where a streamed listing reads one Internet table: rows and skipped lines go to the visitor
// as they are read, the returned table carries the name, version and open error (a
// SocketSource's stream_inet()).
using InetTableStream =
    std::function<FileTable<InetSocket>(InetProtocol, IpVersion, InetRowVisitor&)>;

// The same listing with the Internet tables streamed from `inet` (the inet vectors of `tables`
// are not used): each row is written to `sink` as it is read, a "bogus line" warning at the
// point netstat prints it, so memory does not grow with the tables. Returns the status.
int stream_socket_listing(const SocketTables& tables, const InetTableStream& inet,
                          const SocketSelection& selection, const Options& options,
                          NameResolver& resolver, unsigned effective_uid, TextSink& sink);

} // namespace netstat_audit
