// SPDX-License-Identifier: MIT
// hidden-socket's reading stage: /proc/net and inet_diag, read twice each, in turn. A rootkit
// that filters one interface (a hooked tcp4_seq_show, or a netlink filter) leaves the socket
// in the other; sockets opened or closed between reads are in one read of each side, so only
// a socket seen twice on one side and never on the other is recorded.
#include "netstat_audit/source/health_collect.hpp"

#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/source/netlink_sockets.hpp"

#include <map>
#include <memory>
#include <optional>

namespace netstat_audit {

namespace {

constexpr InetProtocol k_protocols[] = {InetProtocol::tcp, InetProtocol::udp};
constexpr IpVersion k_versions[] = {IpVersion::v4, IpVersion::v6};

std::string label(InetProtocol protocol, IpVersion version) {
    std::string text = protocol == InetProtocol::tcp ? "tcp" : "udp";
    return version == IpVersion::v6 ? text + "6" : text;
}

std::expected<SocketRead, std::string> read_proc(const ProcFs& proc) {
    SocketSelection selection;
    selection.tcp = selection.udp = true;
    selection.read_ipv4 = selection.read_ipv6 = true;
    selection.implicit = true;
    selection.filter = ListingFilter::all;
    const SocketTables tables = collect_socket_tables(proc, selection);
    SocketRead read;
    for (const auto* section : {&tables.tcp, &tables.udp})
        for (const FileTable<InetSocket>& table : *section) {
            if (table.error)
                return std::unexpected("a /proc/net socket table could not be read");
            for (const InetSocket& s : table.parsed.rows)
                read.emplace_back(label(s.protocol, table.version), s);
        }
    return read;
}

std::expected<SocketRead, std::string> read_netlink(std::optional<SockDiag>& diag) {
    if (!diag) {
        auto opened = SockDiag::open();
        if (!opened)
            return std::unexpected("NETLINK_SOCK_DIAG unavailable (" + opened.error().message() +
                                   ")");
        diag.emplace(std::move(*opened));
    }
    SocketRead read;
    for (InetProtocol protocol : k_protocols)
        for (IpVersion version : k_versions) {
            InetDumpRequest request{protocol, version, k_diag_all_states, false};
            const std::string name = label(protocol, version);
            auto done =
                diag->dump_inet(request, [&](const InetSocket& s) { read.emplace_back(name, s); });
            if (!done)
                return std::unexpected("inet_diag dump failed (" + done.error().message() + ")");
        }
    return read;
}

} // namespace

std::vector<HiddenSocket> find_hidden_sockets(const std::array<SocketRead, 2>& proc_reads,
                                              const std::array<SocketRead, 2>& netlink_reads) {
    struct Seen {
        const InetSocket* socket = nullptr;
        int proc = 0;
        int netlink = 0;
    };
    std::map<std::pair<std::string, std::uint64_t>, Seen> seen;
    auto count = [&](const SocketRead& read, int Seen::*side) {
        for (const auto& [name, s] : read)
            if (s.inode != 0) {
                Seen& entry = seen[{name, s.inode}];
                entry.socket = &s;
                ++(entry.*side);
            }
    };
    for (const SocketRead& read : proc_reads)
        count(read, &Seen::proc);
    for (const SocketRead& read : netlink_reads)
        count(read, &Seen::netlink);
    std::vector<HiddenSocket> hidden;
    for (const auto& [key, entry] : seen) {
        const bool from_proc = entry.netlink == 2 && entry.proc == 0;
        const bool from_netlink = entry.proc == 2 && entry.netlink == 0;
        if (from_proc || from_netlink)
            hidden.push_back({key.first, entry.socket->local, entry.socket->remote, key.second,
                              entry.socket->state,
                              from_proc ? HiddenFrom::proc : HiddenFrom::netlink});
    }
    return hidden;
}

HiddenSocketReaders live_hidden_socket_readers(const ProcFs& proc) {
    auto diag = std::make_shared<std::optional<SockDiag>>(); // one socket for both dumps
    return {[&proc] { return read_proc(proc); }, [diag] { return read_netlink(*diag); }};
}

void probe_hidden_sockets(const HiddenSocketReaders& readers, HealthSample& sample) {
    auto unavailable = [&sample](std::string why) {
        sample.hidden_probe = HiddenProbe::unavailable;
        sample.hidden_note = std::move(why);
        sample.hidden.clear();
    };
    std::array<SocketRead, 2> proc_reads, netlink_reads;
    for (std::size_t round = 0; round < 2; ++round) {
        auto from_proc = readers.proc();
        if (!from_proc)
            return unavailable(from_proc.error());
        auto from_netlink = readers.netlink();
        if (!from_netlink)
            return unavailable(from_netlink.error());
        proc_reads[round] = std::move(*from_proc);
        netlink_reads[round] = std::move(*from_netlink);
    }
    sample.hidden_probe = HiddenProbe::done;
    sample.hidden = find_hidden_sockets(proc_reads, netlink_reads);
}

void probe_hidden_sockets(const ProcFs& proc, HealthSample& sample) {
    if (!proc.is_kernel_procfs()) {
        sample.hidden_probe = HiddenProbe::not_run;
        sample.hidden_note = "not the live /proc: the netlink dump cannot be compared";
        return;
    }
    probe_hidden_sockets(live_hidden_socket_readers(proc), sample);
}

} // namespace netstat_audit
