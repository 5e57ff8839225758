// SPDX-License-Identifier: MIT
// Multicast group table presenter: texts copied from netstat 2.10's igmp_do_one() and main().
#include "netstat_audit/view/groups_view.hpp"

#include "netstat_audit/view/text.hpp"

#include <fmt/format.h>

namespace netstat_audit {

std::string render_groups_header() {
    return "IPv6/IPv4 Group Memberships\n"
           "Interface       RefCnt Group\n"
           "--------------- ------ ---------------------\n";
}

void render_group_row(std::string& out, const GroupMembership& row, NameResolver& resolver) {
    append_left(out, row.interface_name, 15);
    out += ' ';
    append_left(out, to_decimal(std::int64_t{row.refcount}), 6);
    out += ' ';
    out += resolver.host(row.group);
    out += '\n';
}

std::string render_igmp_warning(const Diagnostic& diagnostic) {
    return fmt::format("warning, got {} {}.\n", diagnostic.reason,
                       diagnostic.line == 0 ? 0 : diagnostic.line - 1);
}

} // namespace netstat_audit
