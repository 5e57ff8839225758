// SPDX-License-Identifier: MIT
// Interface facts netstat gets by ioctl (flags, MTU, hardware address, IPv4 address), from the
// live kernel or, for offline analysis, from files captured beside the proc tree.
#pragma once

#include "netstat_audit/model/interface.hpp"

#include <expected>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace netstat_audit {

// Where interface facts come from. Live (the default /proc root) asks the kernel with the
// ioctls netstat uses. A capture (any other --proc-root DIR/proc) reads the directory DIR:
//
//   DIR/sys/class/net/NAME/flags         sysfs copy, e.g. "0x1003" (dev->flags)
//   DIR/sys/class/net/NAME/operstate     sysfs copy: RUNNING is UP and operstate up/unknown,
//                                        as the kernel's dev_get_flags() computes it
//   DIR/sys/class/net/NAME/mtu           sysfs copy, decimal
//   DIR/sys/class/net/NAME/type          sysfs copy, decimal ARPHRD_* (missing: 0 and no address)
//   DIR/sys/class/net/NAME/address       sysfs copy, "02:00:5e:10:00:01" (may be empty)
//   DIR/sys/class/net/NAME/tx_queue_len  sysfs copy, decimal (missing: unknown)
//   DIR/ipv4-addresses                   netstat-audit's own capture of SIOCGIFCONF, one line per
//                                        IPv4 address in kernel order:
//                                        LABEL ADDRESS NETMASK BROADCAST DESTINATION
//                                        ('#' starts a comment; DESTINATION is the peer, or the
//                                        address itself when there is none)
//
// A label "veth0:1" shares the facts of its device "veth0" except its IPv4 address; a name
// without a sys/class/net directory does not exist (ENODEV), as for the live ioctl.
class InterfaceInfoSource {
public:
    // Live for "/proc" (or empty), a capture rooted at the parent of any other proc root.
    static InterfaceInfoSource for_proc_root(std::string_view proc_root);

    bool is_live() const { return m_capture_root.empty(); }

    // The names SIOCGIFCONF reports (IPv4 labels, one per address, in kernel order).
    std::vector<std::string> ipv4_labels() const;

    // The facts for `name`; the error is that of SIOCGIFFLAGS (ENODEV for an unknown name).
    std::expected<InterfaceFacts, std::error_code> facts(const std::string& name) const;

private:
    std::string m_capture_root;
};

} // namespace netstat_audit
