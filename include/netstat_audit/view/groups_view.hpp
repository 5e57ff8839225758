// SPDX-License-Identifier: MIT
// netstat-exact text for the multicast group table (-g; golden case groups).
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/multicast.hpp"
#include "netstat_audit/view/resolver.hpp"

#include <array>
#include <optional>
#include <string>

namespace netstat_audit {

// The three heading lines: "IPv6/IPv4 Group Memberships", the column names and the rule.
std::string render_groups_header();

// netstat keeps the igmp device name in one 16-byte buffer for the whole pass (igmp, then
// igmp6): a device line's "%15c" overwrites only the bytes it has, so a short line shows the
// tail of an earlier, longer name, and the name is cut at the last ':' of the buffer; an igmp6
// "%15s" stores its word and a NUL. Apply one IgmpCarryOver to the entries of both files in
// order (unit tests IgmpCarryOver.*; fixture tests/fixtures/igmp_edge has short device lines).
class IgmpCarryOver {
public:
    // The row netstat prints for `entry`, or nullopt for a device line (it prints nothing).
    std::optional<GroupMembership> apply(const GroupMembership& entry);

private:
    std::array<char, 16> m_device{}; // the buffer, byte for byte, always NUL-terminated at 15
};

// Appends one row: L(15) interface, blank, L(6) refcount, blank, group host (resolved by
// `resolver` as any host, so -n makes it numeric), newline.
void render_group_row(std::string& out, const GroupMembership& row, NameResolver& resolver);

// netstat's stderr line for a skipped igmp/igmp6 line: "warning, got bogus igmp line N." where
// N is the 0-based line index netstat counts.
std::string render_igmp_warning(const Diagnostic& diagnostic);

} // namespace netstat_audit
