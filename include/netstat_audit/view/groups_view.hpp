// SPDX-License-Identifier: MIT
// netstat-exact text for the multicast group table (-g; golden case groups).
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/multicast.hpp"
#include "netstat_audit/view/resolver.hpp"

#include <string>

namespace netstat_audit {

// The three heading lines: "IPv6/IPv4 Group Memberships", the column names and the rule.
std::string render_groups_header();

// Appends one row: L(15) interface, blank, L(6) refcount, blank, group host (resolved by
// `resolver` as any host, so -n makes it numeric), newline.
void render_group_row(std::string& out, const GroupMembership& row, NameResolver& resolver);

// netstat's stderr line for a skipped igmp/igmp6 line: "warning, got bogus igmp line N." where
// N is the 0-based line index netstat counts.
std::string render_igmp_warning(const Diagnostic& diagnostic);

} // namespace netstat_audit
