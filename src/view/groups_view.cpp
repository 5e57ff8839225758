// SPDX-License-Identifier: MIT
// Multicast group table presenter: texts copied from netstat 2.10's igmp_do_one() and main().
#include "netstat_audit/view/groups_view.hpp"

#include "netstat_audit/view/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace netstat_audit {

std::string render_groups_header() {
    return "IPv6/IPv4 Group Memberships\n"
           "Interface       RefCnt Group\n"
           "--------------- ------ ---------------------\n";
}

std::optional<GroupMembership> IgmpCarryOver::apply(const GroupMembership& entry) {
    switch (entry.entry) {
    case GroupEntry::igmp_device: {
        const std::size_t n = std::min(entry.device_field.size(), std::size_t{15});
        std::memcpy(m_device.data(), entry.device_field.data(), n);
        if (char* colon = std::strrchr(m_device.data(), ':'))
            *colon = '\0';
        return std::nullopt;
    }
    case GroupEntry::igmp_membership: {
        GroupMembership shown = entry;
        shown.interface_name.assign(m_device.data(), ::strnlen(m_device.data(), 15));
        return shown;
    }
    case GroupEntry::membership:
        break;
    }
    const std::size_t n = std::min(entry.interface_name.size(), std::size_t{15});
    std::memcpy(m_device.data(), entry.interface_name.data(), n);
    m_device[n] = '\0';
    return entry;
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
