// SPDX-License-Identifier: MIT
// One Snapshot of kernel facts: what every presenter (netstat text, audit, JSON) reads.
#pragma once

#include "netstat_audit/model/counters.hpp"
#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/host.hpp"
#include "netstat_audit/model/interface.hpp"
#include "netstat_audit/model/packet.hpp"
#include "netstat_audit/model/process.hpp"
#include "netstat_audit/model/route.hpp"
#include "netstat_audit/model/socket.hpp"
#include "netstat_audit/model/socket_tables.hpp"
#include "netstat_audit/model/source_file.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// Kernel facts of one collection. Collectors fill only the parts a request asked for; a part
// that could not be read is empty and explained in `diagnostics` (and, for visibility, in
// `visibility`). Netstat's quirks (carry-over of missing fields, truncation) are not applied
// here: they belong to the views.
struct Snapshot {
    HostInfo host;
    Visibility visibility;

    SocketTables sockets;   // per /proc file as read: tcp, udp, udplite, raw, sctp, unix, groups
    TcpInfoSource tcp_info; // whether sockets.tcp rows carry tcp_info (netlink), else why not
    std::vector<PacketSocket> packet;
    std::vector<ProcessInfo> processes; // ascending pid

    std::vector<Interface> interfaces;                         // -i order (netstat's natural sort)
    std::vector<Inet6InterfaceAddress> interface_addresses_v6; // /proc/net/if_inet6
    std::vector<Ipv4Route> routes_v4;
    std::vector<Ipv6Route> routes_v6;
    std::vector<CounterGroup> counters;    // snmp then netstat (Ip, Icmp, ..., TcpExt, IpExt)
    std::vector<CounterGroup> counters_v6; // snmp6

    // Sysctls by their /proc/sys path below sys/ ("net/ipv4/ip_forward"), value text trimmed.
    std::map<std::string, std::string> sysctls;

    std::vector<Diagnostic> diagnostics;
    // Every file the collectors tried to read (route, counter and interface files), in order.
    std::vector<SourceFile> files;

    // The entry of `relative` in `files`, or nullptr when it was not tried.
    const SourceFile* file(std::string_view relative) const {
        for (const SourceFile& f : files)
            if (f.relative == relative)
                return &f;
        return nullptr;
    }
};

} // namespace netstat_audit
