// SPDX-License-Identifier: MIT
// netstat-exact text for SCTP endpoints and associations (golden cases sctp_*).
#pragma once

#include "netstat_audit/model/sctp.hpp"
#include "netstat_audit/view/resolver.hpp"
#include "netstat_audit/view/sockets_view.hpp"

#include <string>

namespace netstat_audit {

// Where SCTP rows get their names. netstat makes SCTP hosts numeric when any of -n,
// --numeric-hosts, --numeric-ports, --numeric-users or -N is given, while the -e user column
// still follows --numeric-users alone; so hosts and users may come from different resolvers.
// Ports never go through a resolver: SCTP ports are always decimal ("*" for 0).
struct SctpNames {
    NameResolver& hosts;
    NameResolver& users;
};

// Appends one endpoint entry: "sctp" + 16 blanks, L(47) "host:port", blank, L(11) state on the
// first line, one continuation line (20 blanks, same layout, no state) per further address, and
// the -e/-p/-o columns on the last line. An endpoint without addresses prints only those
// columns and the newline.
void render_sctp_endpoint(std::string& out, const SctpEndpoint& endpoint, SctpNames names,
                          const SocketViewOptions& options);

// Appends one association entry: "sctp  " R(6) Recv-Q, blank, R(6) Send-Q, blank, L(23) local
// "host:port", blank, L(23) remote "host:port", blank, L(11) state; further local/remote pairs
// on continuation lines (20 blanks, hosts without ports, 23 blanks for a missing side); the
// -e/-p/-o columns on the last line.
void render_sctp_association(std::string& out, const SctpAssociation& association, SctpNames names,
                             const SocketViewOptions& options);

// The State text of an SCTP row: netstat's tcp table for 0-11, else "UNKNOWN(n)".
std::string render_sctp_state(std::int32_t state);

} // namespace netstat_audit
