// SPDX-License-Identifier: MIT
// hidden-socket's reading stage: /proc/net and inet_diag, read twice each, in turn. A rootkit
// that filters one interface (a hooked tcp4_seq_show, or a netlink filter) leaves the socket
// in the other; sockets opened or closed between reads are in one read of each side, so only
// a socket seen twice on one side and never on the other is recorded.
#include "netstat_audit/source/health_collect.hpp"

#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/netlink_sockets.hpp"

#include <map>
#include <tuple>

namespace netstat_audit {

namespace {

using Key = std::tuple<int, int, std::uint64_t>; // protocol, version, inode

struct Seen {
    HiddenSocket socket;
    int proc_reads = 0;
    int netlink_reads = 0;
};

constexpr InetProtocol k_protocols[] = {InetProtocol::tcp, InetProtocol::udp};
constexpr IpVersion k_versions[] = {IpVersion::v4, IpVersion::v6};

std::string label(InetProtocol protocol, IpVersion version) {
    std::string text = protocol == InetProtocol::tcp ? "tcp" : "udp";
    return version == IpVersion::v6 ? text + "6" : text;
}

void note(std::map<Key, Seen>& seen, InetProtocol protocol, IpVersion version, const InetSocket& s,
          int Seen::*counter) {
    if (s.inode == 0)
        return; // TIME_WAIT, request and orphaned sockets churn and have no owner to hide
    Key key{static_cast<int>(protocol), static_cast<int>(version), s.inode};
    Seen& entry = seen[key];
    entry.socket = {label(protocol, version), s.local, s.remote, s.inode, s.state,
                    HiddenFrom::proc};
    ++(entry.*counter);
}

bool read_proc(const ProcFs& proc, std::map<Key, Seen>& seen) {
    SocketSelection selection;
    selection.tcp = selection.udp = true;
    selection.read_ipv4 = selection.read_ipv6 = true;
    selection.implicit = true;
    selection.filter = ListingFilter::all;
    const SocketTables tables = collect_socket_tables(proc, selection);
    for (const auto* section : {&tables.tcp, &tables.udp})
        for (const FileTable<InetSocket>& table : *section) {
            if (table.error)
                return false;
            for (const InetSocket& s : table.parsed.rows)
                note(seen, s.protocol, table.version, s, &Seen::proc_reads);
        }
    return true;
}

std::expected<void, std::error_code> read_netlink(SockDiag& diag, std::map<Key, Seen>& seen) {
    for (InetProtocol protocol : k_protocols)
        for (IpVersion version : k_versions) {
            InetDumpRequest request{protocol, version, k_diag_all_states, false};
            auto done = diag.dump_inet(request, [&](const InetSocket& s) {
                note(seen, protocol, version, s, &Seen::netlink_reads);
            });
            if (!done)
                return done;
        }
    return {};
}

} // namespace

void probe_hidden_sockets(const ProcFs& proc, HealthSample& sample) {
    if (!proc.is_kernel_procfs()) {
        sample.hidden_probe = HiddenProbe::not_run;
        sample.hidden_note = "not the live /proc: the netlink dump cannot be compared";
        return;
    }
    auto diag = SockDiag::open();
    if (!diag) {
        sample.hidden_probe = HiddenProbe::unavailable;
        sample.hidden_note = "NETLINK_SOCK_DIAG unavailable (" + diag.error().message() + ")";
        return;
    }
    std::map<Key, Seen> seen;
    for (int round = 0; round < 2; ++round) {
        if (!read_proc(proc, seen)) {
            sample.hidden_probe = HiddenProbe::unavailable;
            sample.hidden_note = "a /proc/net socket table could not be read";
            return;
        }
        if (auto done = read_netlink(*diag, seen); !done) {
            sample.hidden_probe = HiddenProbe::unavailable;
            sample.hidden_note = "inet_diag dump failed (" + done.error().message() + ")";
            return;
        }
    }
    sample.hidden_probe = HiddenProbe::done;
    for (auto& [key, entry] : seen) {
        if (entry.netlink_reads == 2 && entry.proc_reads == 0) {
            entry.socket.hidden_from = HiddenFrom::proc;
            sample.hidden.push_back(entry.socket);
        } else if (entry.proc_reads == 2 && entry.netlink_reads == 0) {
            entry.socket.hidden_from = HiddenFrom::netlink;
            sample.hidden.push_back(entry.socket);
        }
    }
}

} // namespace netstat_audit
