// SPDX-License-Identifier: MIT
// The audit rules: the catalogue table at the bottom, one check_* function per rule above it.
#include "netstat_audit/audit/rules.hpp"

#include "netstat_audit/audit/health_rules.hpp"
#include "netstat_audit/audit/kernel_log_rules.hpp"
#include "netstat_audit/audit/netns_audit.hpp"

#include "netstat_audit/audit/sensitive_services.hpp"
#include "netstat_audit/model/interface.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace netstat_audit {

Finding make_finding(const Rule& rule, Subject subject, std::string evidence) {
    std::string fix(rule.fix);
    if (subject.pid)
        for (std::size_t at = fix.find("PID"); at != std::string::npos; at = fix.find("PID", at))
            fix.replace(at, 3, std::to_string(*subject.pid));
    return Finding{
        std::string(rule.id), rule.severity,         std::string(rule.title), std::move(subject),
        std::move(evidence),  std::string(rule.why), std::move(fix),          {}};
}

namespace {

// --- shared helpers ------------------------------------------------------------------------

void add_process(Subject& subject, const ProcessInfo& process) {
    subject.pid = process.pid;
    subject.program = process.comm;
    if (process.exe)
        subject.exe = *process.exe;
    if (!process.user.empty())
        subject.user = process.user;
    if (process.effective_uid)
        subject.uid = *process.effective_uid;
}

Subject process_subject(const ProcessInfo& process) {
    Subject subject;
    add_process(subject, process);
    return subject;
}

Subject listener_subject(const AuditFacts& facts, const Listener& listener) {
    Subject subject;
    subject.protocol = protocol_label(listener.protocol, listener.family);
    subject.address = address_text(listener.address);
    subject.port = listener.port;
    if (const ProcessInfo* owner = facts.first_holder(listener.inode))
        add_process(subject, *owner);
    return subject;
}

std::string listener_text(const Listener& listener) {
    return protocol_label(listener.protocol, listener.family) + " " +
           endpoint_text(listener.address, listener.port);
}

// "sshd (pid 812)" or, for a socket no process was seen holding, "no process" when every
// process was visible and "no visible process" when some were not (hidepid, not root): an
// owner that could not be seen is not known to be absent.
std::string owner_text(const AuditContext& c, std::uint64_t inode) {
    const AuditFacts& facts = c.facts;
    const auto& holders = facts.holders_of(inode);
    if (holders.empty())
        return c.snapshot.visibility.complete() ? "no process" : "no visible process";
    const ProcessInfo& first = facts.process(holders.front());
    std::string text = first.comm + " (pid " + std::to_string(first.pid) + ")";
    if (holders.size() > 1)
        text += " and " + std::to_string(holders.size() - 1) + " more";
    return text;
}

bool allowed(const AuditContext& context, const Listener& listener) {
    return context.baseline != nullptr &&
           find_listen_entry(*context.baseline, context.facts, listener) != nullptr;
}

std::string exe_base(const ProcessInfo& process) {
    return process.exe ? std::string(base_name(exe_path(*process.exe))) : std::string();
}

std::string argv0_text(const ProcessInfo& process) {
    return process.argv.empty() ? std::string() : process.argv.front();
}

bool under_system_dir(std::string_view path) {
    constexpr std::string_view k_dirs[] = {"/usr/", "/bin/", "/sbin/", "/lib/", "/lib64/", "/opt/"};
    return std::any_of(std::begin(k_dirs), std::end(k_dirs),
                       [&](std::string_view dir) { return path.starts_with(dir); });
}

bool is_memfd(std::string_view exe) {
    return exe.starts_with("/memfd:") || exe.starts_with("memfd:");
}

// Strips trailing version characters: "python3.11" → "python", "perl5.36.0" → "perl".
std::string_view unversioned(std::string_view name) {
    while (!name.empty() && ((name.back() >= '0' && name.back() <= '9') || name.back() == '.'))
        name.remove_suffix(1);
    return name;
}

bool in_list(std::string_view name, std::span<const std::string_view> list) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

// --- exposure --------------------------------------------------------------------------------

// The IPv6 listener of the same protocol, port and owner as IPv4 listener `i` with the same
// exposure (sshd's 0.0.0.0:22 and :::22): reported with it, so that a dual bind is said once.
std::optional<std::size_t> ipv6_twin(const AuditContext& c, std::size_t i) {
    const auto& listeners = c.facts.listeners;
    const Listener& l = listeners[i];
    if (l.family != IpVersion::v4)
        return std::nullopt;
    const ProcessInfo* owner = c.facts.first_holder(l.inode);
    for (std::size_t j = 0; j < listeners.size(); ++j) {
        const Listener& twin = listeners[j];
        if (twin.family == IpVersion::v6 && twin.protocol == l.protocol && twin.port == l.port &&
            twin.exposure == l.exposure && c.facts.first_holder(twin.inode) == owner &&
            !allowed(c, twin))
            return j;
    }
    return std::nullopt;
}

void check_listener_all_interfaces(const AuditContext& c, const Rule& rule,
                                   std::vector<Finding>& out) {
    std::set<std::size_t> merged; // IPv6 wildcards reported with their IPv4 twin
    const auto& listeners = c.facts.listeners;
    for (std::size_t i = 0; i < listeners.size(); ++i)
        if (auto twin = ipv6_twin(c, i); twin && listeners[i].exposure == Exposure::all)
            merged.insert(*twin);
    for (std::size_t i = 0; i < listeners.size(); ++i) {
        const Listener& l = listeners[i];
        if (l.exposure != Exposure::all || merged.contains(i) || allowed(c, l) ||
            find_sensitive_service(l.protocol, l.port) != nullptr)
            continue; // sensitive services get their own, critical finding
        std::string evidence = listener_text(l) + " held by " + owner_text(c, l.inode);
        if (auto twin = ipv6_twin(c, i))
            evidence += "; also " + listener_text(listeners[*twin]) +
                        " (IPv6 only: the IPv4 socket holds the port)";
        if (l.dual_stack)
            evidence += "; dual-stack: it takes IPv4 connections too (net.ipv6.bindv6only=0), "
                        "unless the program sets IPV6_V6ONLY";
        evidence += c.facts.netns.empty() ? "; reachable on every address of the host"
                                          : "; reachable on every address of its network namespace";
        out.push_back(make_finding(rule, listener_subject(c.facts, l), std::move(evidence)));
    }
}

void check_sensitive_service_exposed(const AuditContext& c, const Rule& rule,
                                     std::vector<Finding>& out) {
    std::set<std::size_t> merged;
    const auto& listeners = c.facts.listeners;
    for (std::size_t i = 0; i < listeners.size(); ++i)
        if (auto twin = ipv6_twin(c, i))
            merged.insert(*twin);
    for (std::size_t i = 0; i < listeners.size(); ++i) {
        const Listener& l = listeners[i];
        const SensitiveService* service = find_sensitive_service(l.protocol, l.port);
        if (service == nullptr || l.exposure == Exposure::loopback || merged.contains(i) ||
            allowed(c, l))
            continue;
        std::string where = l.exposure != Exposure::all
                                ? "on " + address_text(l.address) + ", not only on loopback"
                            : c.facts.netns.empty() ? "on every address of the host"
                                                    : "on every address of its network namespace";
        if (l.dual_stack)
            where += " (IPv4 and IPv6)";
        std::string also;
        if (auto twin = ipv6_twin(c, i))
            also = "; also " + listener_text(listeners[*twin]);
        Finding f =
            make_finding(rule, listener_subject(c.facts, l),
                         std::string(service->name) + " (" + listener_text(l) + ", held by " +
                             owner_text(c, l.inode) + ") accepts connections " + where + also);
        f.fix = "bind it to loopback (" + std::string(service->bind_advice) +
                ") or firewall the port; if remote access is intended, allow it in the baseline";
        out.push_back(std::move(f));
    }
}

// Ports the kernel itself serves, to name in the evidence of an unowned listener.
std::string_view kernel_service_hint(const Listener& l) {
    const bool udp = l.protocol != InetProtocol::tcp;
    if (l.port == 2049)
        return "the kernel NFS server (nfsd)";
    if (udp && (l.port == 4789 || l.port == 8472))
        return "a VXLAN device";
    if (udp && l.port == 6081)
        return "a Geneve device";
    if (udp && l.port == 51820)
        return "a WireGuard interface";
    if (!udp && l.port == 3260)
        return "the kernel iSCSI target (LIO)";
    return udp ? "a kernel socket (WireGuard, VXLAN, lockd) or one being torn down"
               : "a kernel socket (nfsd, lockd, iSCSI) or one being torn down";
}

void check_unowned_listener(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    if (!c.snapshot.visibility.complete())
        return; // without full visibility "no owner" only means "not seen"
    for (const Listener& l : c.facts.listeners) {
        if (!l.holders.empty() || allowed(c, l))
            continue;
        out.push_back(make_finding(rule, listener_subject(c.facts, l),
                                   listener_text(l) +
                                       " is held by no process although every "
                                       "process was visible: probably " +
                                       std::string(kernel_service_hint(l))));
    }
}

void check_privileged_port(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    for (const Listener& l : c.facts.listeners) {
        if (l.port >= c.facts.unprivileged_port_start || l.holders.empty())
            continue;
        bool entitled = false;
        for (std::size_t index : l.holders) {
            const ProcessInfo& p = c.facts.process(index);
            // Unknown uid or caps: no claim either way.
            if (!p.effective_uid || *p.effective_uid == 0 || !p.cap_effective ||
                p.has_capability(k_cap_net_bind_service))
                entitled = true;
        }
        if (entitled)
            continue;
        const ProcessInfo& owner = c.facts.process(l.holders.front());
        // Daemons that bind as root and then switch user by design (no root process remains).
        constexpr std::string_view k_binds_then_drops[] = {
            "lighttpd", "unbound", "nsd",       "named",     "dnsmasq", "ntpd",
            "openntpd", "rpcbind", "squid",     "tinyproxy", "thttpd",  "darkhttpd",
            "vsftpd",   "proftpd", "pure-ftpd", "in.tftpd",  "atftpd",  "snmpd",
            "slapd",    "nginx",   "httpd",     "apache2"};
        const bool by_design = l.socket_uid == 0 && owner.exe && !exe_deleted(*owner.exe) &&
                               under_system_dir(*owner.exe) &&
                               in_list(exe_base(owner), k_binds_then_drops);
        std::string how =
            l.socket_uid == 0
                ? "the socket was created by root and handed down (bind before a privilege drop, "
                  "or an inherited descriptor)"
                : "the socket was created by uid " + std::to_string(l.socket_uid) +
                      ": the port was bound while net.ipv4.ip_unprivileged_port_start was lower "
                      "or with a capability since dropped";
        Finding f =
            make_finding(rule, listener_subject(c.facts, l),
                         listener_text(l) + " is below net.ipv4.ip_unprivileged_port_start=" +
                             std::to_string(c.facts.unprivileged_port_start) + " but held by " +
                             owner.comm + " (pid " + std::to_string(owner.pid) + ") as " +
                             user_text(owner) + " without CAP_NET_BIND_SERVICE; " + how);
        if (by_design) {
            f.severity = Severity::info;
            f.evidence +=
                "; " + exe_base(owner) + " binds as root and then switches user by design";
        }
        out.push_back(std::move(f));
    }
}

// --- integrity of socket owners ------------------------------------------------------------

void check_deleted_executable(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    for (const ProcessInfo& p : c.snapshot.processes) {
        if (!p.exe || !exe_deleted(*p.exe) || is_memfd(*p.exe) || !c.facts.has_network_socket(p))
            continue;
        std::string path(exe_path(*p.exe));
        Finding f = make_finding(rule, process_subject(p),
                                 "runs " + path +
                                     ", which was deleted after it started, and "
                                     "holds " +
                                     c.facts.describe_sockets(p));
        if (under_system_dir(path)) {
            f.severity = Severity::warning;
            f.evidence += "; the path is a packaged location, so a package upgrade replacing "
                          "the file is the likely cause";
            f.fix = "restart the service so it runs the current file (needrestart lists these); "
                    "if no upgrade explains it, preserve /proc/" +
                    std::to_string(p.pid) + "/exe and investigate";
        } else {
            f.fix = "preserve the binary (cp /proc/" + std::to_string(p.pid) +
                    "/exe) and its memory for analysis, then isolate the host";
        }
        out.push_back(std::move(f));
    }
}

void check_memfd_executable(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    for (const ProcessInfo& p : c.snapshot.processes) {
        if (!p.exe || !is_memfd(*p.exe) || !c.facts.has_network_socket(p))
            continue;
        Finding f = make_finding(rule, process_subject(p),
                                 "runs from " + *p.exe +
                                     " (an anonymous memory file, never on "
                                     "disk) and holds " +
                                     c.facts.describe_sockets(p));
        f.fix = "preserve the binary (cp /proc/" + std::to_string(p.pid) +
                "/exe) for analysis, then isolate the host";
        out.push_back(std::move(f));
    }
}

void check_executable_in_temp_dir(const AuditContext& c, const Rule& rule,
                                  std::vector<Finding>& out) {
    constexpr std::string_view k_temp_dirs[] = {"/tmp/", "/var/tmp/", "/dev/shm/", "/run/shm/"};
    for (const ProcessInfo& p : c.snapshot.processes) {
        if (!p.exe || !c.facts.has_network_socket(p))
            continue;
        std::string_view path = exe_path(*p.exe);
        auto dir = std::find_if(std::begin(k_temp_dirs), std::end(k_temp_dirs),
                                [&](std::string_view d) { return path.starts_with(d); });
        if (dir == std::end(k_temp_dirs))
            continue;
        Finding f =
            make_finding(rule, process_subject(p),
                         "runs " + std::string(path) + " from the world-writable " +
                             std::string(*dir) + " and holds " + c.facts.describe_sockets(p));
        f.fix = "preserve the binary (cp /proc/" + std::to_string(p.pid) +
                "/exe), find how it got there, then isolate the host";
        out.push_back(std::move(f));
    }
}

void check_kernel_thread_impersonation(const AuditContext& c, const Rule& rule,
                                       std::vector<Finding>& out) {
    for (const ProcessInfo& p : c.snapshot.processes) {
        if (!p.exe || p.kernel_thread || !c.facts.has_network_socket(p))
            continue;
        std::string argv0 = argv0_text(p);
        std::string claimed = looks_like_kernel_thread(argv0)    ? argv0
                              : looks_like_kernel_thread(p.comm) ? p.comm
                                                                 : std::string();
        if (claimed.empty())
            continue;
        Finding f = make_finding(rule, process_subject(p),
                                 "calls itself \"" + claimed + "\" but runs " + *p.exe +
                                     " and holds " + c.facts.describe_sockets(p) +
                                     "; kernel threads have no executable and no sockets");
        f.fix = "preserve /proc/" + std::to_string(p.pid) +
                "/exe and the process memory, then isolate the host";
        out.push_back(std::move(f));
    }
}

void check_process_name_mismatch(const AuditContext& c, const Rule& rule,
                                 std::vector<Finding>& out) {
    for (const ProcessInfo& p : c.snapshot.processes) {
        if (!p.exe || is_memfd(*p.exe) || !c.facts.has_network_socket(p))
            continue;
        const std::string base = exe_base(p);
        const std::string argv0 = argv0_text(p);
        if (is_interpreter(base) || base == "busybox" || base == "toybox" ||
            looks_like_kernel_thread(argv0) || looks_like_kernel_thread(p.comm))
            continue; // interpreters run scripts under their names; kernel names: own rule
        const bool argv_ok = process_name_matches(argv0, base);
        const bool comm_ok = process_name_matches(p.comm, base);
        if (argv_ok && comm_ok)
            continue;
        std::string evidence = "runs " + std::string(exe_path(*p.exe)) + " but";
        if (!argv_ok)
            evidence += " argv[0] is \"" + argv0 + "\"";
        if (!argv_ok && !comm_ok)
            evidence += " and";
        if (!comm_ok)
            evidence += " comm is \"" + p.comm + "\"";
        evidence += "; it holds " + c.facts.describe_sockets(p);
        out.push_back(make_finding(rule, process_subject(p), std::move(evidence)));
    }
}

// The TCP socket behind fd 0, 1 or 2 of `p`, as text ("fd 0, fd 1: tcp a -> b"), or empty.
std::string tcp_standard_streams(const AuditFacts& facts, const ProcessInfo& p) {
    std::string fds;
    std::string socket;
    for (const SocketFd& fd : p.socket_fds) {
        if (fd.fd > 2)
            break;
        auto it = facts.inet_by_inode.find(fd.inode);
        if (it == facts.inet_by_inode.end() || it->second.socket->protocol != InetProtocol::tcp)
            continue;
        constexpr std::string_view k_names[] = {"stdin", "stdout", "stderr"};
        fds += (fds.empty() ? "" : ", ") + std::string("fd ") + std::to_string(fd.fd) + " (" +
               std::string(k_names[fd.fd]) + ")";
        socket = facts.describe_socket(fd.inode);
    }
    return fds.empty() ? std::string() : fds + " connected to " + socket;
}

void check_shell_with_network(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    constexpr std::uint32_t k_established = 1;
    for (const ProcessInfo& p : c.snapshot.processes) {
        std::string base = exe_base(p);
        if (base.empty())
            base = p.comm;
        const bool shell = is_shell(base), relay = is_relay(base);
        if (!shell && !relay && !is_interpreter(base))
            continue;
        const std::string kind = shell ? "shell" : relay ? "network relay" : "interpreter";
        if (std::string streams = tcp_standard_streams(c.facts, p); !streams.empty()) {
            Finding f = make_finding(rule, process_subject(p),
                                     "the " + kind + " " + base + " has " + streams +
                                         ": its input or output goes to the network (a reverse "
                                         "or bind shell; inetd-style services look alike)");
            f.fix = "capture the connection's peer, preserve /proc/" + std::to_string(p.pid) +
                    " (cmdline, environ, exe), then kill the process and isolate the host";
            out.push_back(std::move(f));
            continue;
        }
        if (!shell && !relay)
            continue;
        for (const SocketFd& fd : p.socket_fds) {
            auto it = c.facts.inet_by_inode.find(fd.inode);
            if (it == c.facts.inet_by_inode.end())
                continue;
            const InetSocket& s = *it->second.socket;
            if (s.protocol != InetProtocol::tcp || s.state != k_established ||
                is_loopback(s.remote.address))
                continue;
            Finding f = make_finding(rule, process_subject(p),
                                     "the " + kind + " " + base + " holds the connection " +
                                         c.facts.describe_socket(fd.inode) + " (fd " +
                                         std::to_string(fd.fd) + ")");
            f.severity = Severity::warning;
            out.push_back(std::move(f));
            break;
        }
    }
}

// Programs that need raw or packet sockets for their job, by executable name.
struct ExpectedRawOwner {
    std::string_view name;
    std::string_view role;
};
constexpr ExpectedRawOwner k_expected_raw_owners[] = {
    {"dhclient", "a DHCP client: it sends before the interface has an address"},
    {"dhcpcd", "a DHCP client: it sends before the interface has an address"},
    {"udhcpc", "a DHCP client: it sends before the interface has an address"},
    {"dhcp6c", "a DHCPv6 client"},
    {"odhcp6c", "a DHCPv6 client"},
    {"NetworkManager", "NetworkManager's DHCP client and link monitor"},
    {"systemd-networkd", "systemd-networkd's DHCP client, LLDP and IPv6 RA handling"},
    {"connmand", "ConnMan's DHCP client"},
    {"dhcpd", "a DHCP server"},
    {"dhcrelay", "a DHCP relay"},
    {"dnsmasq", "dnsmasq's DHCP server and router advertisements"},
    {"kea-dhcp4", "a DHCP server"},
    {"kea-dhcp6", "a DHCPv6 server"},
    {"odhcpd", "a DHCP server and RA daemon"},
    {"radvd", "an IPv6 router advertisement daemon"},
    {"wpa_supplicant", "the Wi-Fi/802.1X authenticator (EAPOL frames)"},
    {"hostapd", "a Wi-Fi access point daemon (EAPOL frames)"},
    {"lldpd", "an LLDP daemon"},
    {"lldpad", "an LLDP daemon"},
    {"avahi-autoipd", "IPv4 link-local addressing (ARP probes)"},
    {"pppd", "a PPP daemon"},
    {"pppoe", "a PPPoE client"},
    {"keepalived", "VRRP failover (raw IP protocol 112)"},
    {"bird", "a routing daemon"},
    {"bird6", "a routing daemon"},
    {"zebra", "the FRR/Quagga routing manager"},
    {"ospfd", "an OSPF routing daemon"},
    {"ospf6d", "an OSPFv3 routing daemon"},
    {"isisd", "an IS-IS routing daemon"},
    {"pimd", "a multicast routing daemon"},
    {"babeld", "a routing daemon"},
    {"ping", "the ping diagnostic"},
    {"ping6", "the ping diagnostic"},
    {"traceroute", "the traceroute diagnostic"},
    {"mtr-packet", "the mtr diagnostic"},
    {"fping", "the fping diagnostic"},
    {"arping", "the arping diagnostic"},
    {"suricata", "a network intrusion detection system"},
    {"snort", "a network intrusion detection system"},
    {"zeek", "a network security monitor"},
    {"arpwatch", "an ARP monitor"},
};

const ExpectedRawOwner* expected_raw_owner(const ProcessInfo& p) {
    if (!p.exe || exe_deleted(*p.exe) || !under_system_dir(*p.exe))
        return nullptr; // a DHCP client's name on a binary outside the system is not one
    std::string base = exe_base(p);
    for (const ExpectedRawOwner& owner : k_expected_raw_owners)
        if (base == owner.name)
            return &owner;
    return nullptr;
}

void raw_socket_finding(const AuditContext& c, const Rule& rule, std::uint64_t inode,
                        Subject subject, const std::string& what, std::vector<Finding>& out) {
    const auto& holders = c.facts.holders_of(inode);
    std::string evidence = what + " held by " + owner_text(c, inode);
    Finding f = make_finding(rule, std::move(subject), std::string());
    if (holders.empty()) {
        if (c.snapshot.visibility.complete()) {
            evidence += " although every process was visible";
        } else {
            f.severity = Severity::info;
            evidence += "; its owner may be a process this run could not see";
        }
    } else {
        const ProcessInfo& owner = c.facts.process(holders.front());
        add_process(f.subject, owner);
        if (const ExpectedRawOwner* expected = expected_raw_owner(owner)) {
            f.severity = Severity::info;
            evidence += "; expected: " + std::string(base_name(exe_path(*owner.exe))) + " is " +
                        std::string(expected->role);
        } else {
            evidence += "; raw and packet sockets see traffic not addressed to a port (sniffers, "
                        "BPF-triggered backdoors)";
        }
    }
    f.evidence = std::move(evidence);
    out.push_back(std::move(f));
}

void check_raw_socket(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    for (const auto& table : c.snapshot.sockets.raw)
        for (const InetSocket& s : table.parsed.rows) {
            Subject subject;
            subject.protocol = protocol_label(InetProtocol::raw, table.version);
            subject.address = address_text(s.local.address);
            subject.port = s.local.port; // the IP protocol number for raw sockets
            std::string what =
                *subject.protocol + " socket for IP protocol " + std::to_string(s.local.port);
            raw_socket_finding(c, rule, s.inode, std::move(subject), what, out);
        }
    for (const PacketSocket& p : c.snapshot.packet) {
        Subject subject;
        subject.protocol = "packet";
        char ethertype[8];
        std::snprintf(ethertype, sizeof ethertype, "0x%04x", p.protocol);
        std::string what =
            std::string("packet socket (") + (p.type == 3 ? "raw" : "dgram") + ", ethertype " +
            ethertype + (p.protocol == k_eth_p_all ? " = every protocol" : "") + ", " +
            (p.interface_index == 0 ? std::string("every interface")
                                    : "interface index " + std::to_string(p.interface_index)) +
            ")";
        raw_socket_finding(c, rule, p.inode, std::move(subject), what, out);
    }
}

void check_promiscuous_interface(const AuditContext& c, const Rule& rule,
                                 std::vector<Finding>& out) {
    const auto& bridge_ports = c.snapshot.host.bridge_ports;
    for (const Interface& interface : c.snapshot.interfaces) {
        if ((interface.facts.flags & interface_flag::k_promisc) == 0 ||
            std::find(bridge_ports.begin(), bridge_ports.end(), interface.name) !=
                bridge_ports.end())
            continue; // a bridge keeps its ports promiscuous by design
        std::string capturers;
        for (const PacketSocket& p : c.snapshot.packet)
            if (p.protocol == k_eth_p_all)
                if (const ProcessInfo* owner = c.facts.first_holder(p.inode);
                    owner != nullptr && expected_raw_owner(*owner) == nullptr)
                    capturers += (capturers.empty() ? "" : ", ") + owner->comm + " (pid " +
                                 std::to_string(owner->pid) + ")";
        Subject subject;
        subject.interface = interface.name;
        std::string evidence = interface.name + " receives every frame on its link (IFF_PROMISC)";
        if (!capturers.empty())
            evidence += "; all-protocol packet sockets are held by " + capturers;
        else if (c.snapshot.visibility.complete())
            evidence += "; no process holds an all-protocol packet socket";
        else
            evidence += "; no visible process holds an all-protocol packet socket";
        out.push_back(make_finding(rule, std::move(subject), std::move(evidence)));
    }
}

void check_partial_visibility(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    const Visibility& v = c.snapshot.visibility;
    if (v.complete())
        return;
    std::string evidence;
    for (const std::string& note : v.notes)
        evidence += (evidence.empty() ? "" : "; ") + note;
    if (v.processes_unreadable > 0)
        evidence += (evidence.empty() ? "" : "; ") + std::to_string(v.processes_unreadable) +
                    " of " + std::to_string(v.processes_seen) + " processes unreadable";
    evidence += (evidence.empty() ? "" : "; ") + std::string("owners of ") +
                std::to_string(c.facts.sockets_without_owner) + " of " +
                std::to_string(c.facts.sockets_total) + " sockets unknown";
    Subject subject;
    if (c.snapshot.host.effective_uid)
        subject.uid = *c.snapshot.host.effective_uid;
    out.push_back(make_finding(rule, std::move(subject), std::move(evidence)));
}

// --- baseline --------------------------------------------------------------------------------

void check_baseline_new_listener(const AuditContext& c, const Rule& rule,
                                 std::vector<Finding>& out) {
    if (!c.baseline->listeners_recorded)
        return; // a policy file of thresholds only
    for (const Listener& l : c.facts.listeners) {
        if (allowed(c, l))
            continue;
        const ProcessInfo* owner = c.facts.first_holder(l.inode);
        Finding f = make_finding(rule, listener_subject(c.facts, l),
                                 listener_text(l) + " held by " + owner_text(c, l.inode) +
                                     (owner && owner->exe ? " (" + *owner->exe + ")" : "") +
                                     " is not in the baseline");
        const SensitiveService* service = find_sensitive_service(l.protocol, l.port);
        if (service != nullptr && l.exposure != Exposure::loopback) {
            f.severity = Severity::critical;
            f.evidence += "; it is " + std::string(service->name) + " beyond loopback";
        }
        out.push_back(std::move(f));
    }
}

std::string entry_text(const ListenEntry& e) {
    return e.protocol + " " + (e.address ? address_text(*e.address) : "*") + ":" +
           std::to_string(e.first_port) + " " + e.exe + " " + e.user;
}

void check_baseline_missing_listener(const AuditContext& c, const Rule& rule,
                                     std::vector<Finding>& out) {
    for (const ListenEntry& entry : c.baseline->listeners) {
        if (!entry.exact() || entry.netns != c.facts.netns)
            continue;
        bool present =
            std::any_of(c.facts.listeners.begin(), c.facts.listeners.end(), [&](const Listener& l) {
                return find_listen_entry(Baseline{{entry}, {}, false, true, {}}, c.facts, l) !=
                       nullptr;
            });
        if (present)
            continue;
        Subject subject;
        subject.protocol = entry.protocol;
        if (entry.address)
            subject.address = address_text(*entry.address);
        subject.port = entry.first_port;
        if (entry.exe != "-")
            subject.exe = entry.exe;
        if (entry.user != "-")
            subject.user = entry.user;
        out.push_back(make_finding(rule, std::move(subject),
                                   "baseline line " + std::to_string(entry.line) + " expects " +
                                       entry_text(entry) + "; nothing listens there now"));
    }
}

std::string route_text(const RouteEntry& r) {
    return std::string(r.family == IpVersion::v4 ? "IPv4" : "IPv6") + " default route via " +
           address_text(r.gateway) + " dev " + r.device;
}

void check_baseline_route_changed(const AuditContext& c, const Rule& rule,
                                  std::vector<Finding>& out) {
    if (!c.baseline->routes_recorded)
        return;
    const std::vector<RouteEntry> current = default_routes(c.snapshot);
    auto emit = [&](const RouteEntry& r, std::string what) {
        Subject subject;
        subject.interface = r.device;
        subject.address = address_text(r.gateway);
        out.push_back(make_finding(rule, std::move(subject), route_text(r) + " " + what));
    };
    for (const RouteEntry& r : current)
        if (std::find(c.baseline->routes.begin(), c.baseline->routes.end(), r) ==
            c.baseline->routes.end())
            emit(r, "is not in the baseline");
    for (const RouteEntry& r : c.baseline->routes)
        if (std::find(current.begin(), current.end(), r) == current.end())
            emit(r, "(baseline line " + std::to_string(r.line) + ") is gone");
}

// --- the catalogue ---------------------------------------------------------------------------

using enum Severity;

const Rule k_rules[] = {
    {"deleted-executable", critical, "Socket owner runs a deleted executable",
     "malware often deletes its binary after start to hide; the process keeps running from "
     "memory (a package upgrade leaves the same trace, without the malice)",
     "preserve /proc/PID/exe (cp) for analysis, then isolate the host", check_deleted_executable},
    {"memfd-executable", critical, "Socket owner runs from a memfd (fileless)",
     "a program loaded from memfd_create() never touched the disk: a fileless-malware technique",
     "preserve /proc/PID/exe (cp) for analysis, then isolate the host", check_memfd_executable},
    {"executable-in-temp-dir", critical, "Socket owner runs from a temporary directory",
     "world-writable directories are where droppers put payloads; packaged software never runs "
     "from there",
     "preserve the binary, find how it got there, then isolate the host",
     check_executable_in_temp_dir},
    {"kernel-thread-impersonation", critical, "Process poses as a kernel thread",
     "kernel threads have no executable and no sockets; a bracketed name on a real program "
     "hides it in ps listings",
     "preserve /proc/PID/exe and memory, then isolate the host", check_kernel_thread_impersonation},
    {"shell-with-network", critical, "Shell or relay wired to the network",
     "a shell whose input or output is a TCP socket is the reverse-shell pattern; netcat and "
     "socat relay arbitrary traffic",
     "identify the peer, preserve the process's /proc entries, then kill it and isolate the host",
     check_shell_with_network},
    {"sensitive-service-exposed", critical, "Sensitive service reachable beyond loopback",
     "databases, caches, queues and cluster APIs are the most scanned targets and often run "
     "without authentication",
     "bind the service to 127.0.0.1 or firewall it; allow it in the baseline if intended",
     check_sensitive_service_exposed},
    {"process-name-mismatch", warning, "Process name disagrees with its executable",
     "malware renames itself after a system daemon; a name that is not the executable's is "
     "worth a look",
     "compare /proc/PID/exe with the package that should provide the name (dpkg -S)",
     check_process_name_mismatch},
    {"privileged-port-unprivileged-owner", warning,
     "Privileged port held by an unprivileged process",
     "a port below ip_unprivileged_port_start normally needs root or CAP_NET_BIND_SERVICE; an "
     "unprivileged holder got it through a lowered sysctl or an inherited socket",
     "check how the service starts (systemd socket, capabilities) and the sysctl history",
     check_privileged_port},
    {"raw-socket", warning, "Raw or packet socket",
     "raw and packet sockets see traffic that no port receives: sniffers and BPF-triggered "
     "backdoors use them",
     "confirm the owner is expected (DHCP clients, routing daemons, IDS); otherwise investigate it",
     check_raw_socket},
    {"promiscuous-interface", warning, "Interface in promiscuous mode",
     "a promiscuous interface receives frames meant for other hosts: someone is capturing",
     "find the capturing process (the packet socket owners); ip link set IF promisc off",
     check_promiscuous_interface},
    {"partial-visibility", warning, "The audit could not see everything",
     "without root (or with hidepid) other users' processes are invisible, so a clean report "
     "does not mean a clean host",
     "run the audit as root", check_partial_visibility},
    {"baseline-new-listener", warning, "Listener not in the baseline",
     "a new listening port is a new way in: an installed service, a misconfiguration or a "
     "backdoor",
     "if it is expected, add it to the baseline (or save a new one); otherwise stop it",
     check_baseline_new_listener, RuleInput::baseline},
    {"baseline-missing-listener", warning, "Baselined listener is gone",
     "an expected service that no longer listens is down or was replaced",
     "check the service (systemctl status); update the baseline if it was retired",
     check_baseline_missing_listener, RuleInput::baseline},
    {"baseline-route-changed", warning, "Default route differs from the baseline",
     "a changed default route can redirect all traffic through another gateway",
     "check the gateway (ip route); update the baseline if the change is intended",
     check_baseline_route_changed, RuleInput::baseline},
    {"hidden-namespace-listener", warning, "Listener in a namespace no container accounts for",
     "a network namespace that no container runtime (docker, containerd, cri-o, podman, lxc, "
     "systemd-nspawn) and no /run/netns name explains is invisible to netstat and ss: a "
     "backdoor can listen there after unshare -n",
     "identify the processes (netstat-audit --netns=PID -tlnp), preserve /proc/PID/exe, then "
     "kill them",
     check_hidden_namespace_listener},
    {"listener-all-interfaces", info, "Listener on every interface",
     "a socket bound to 0.0.0.0 or :: is reachable on every address, including ones added later",
     "bind to the addresses that need it, or allow it in the baseline",
     check_listener_all_interfaces},
    {"unowned-listener", info, "Listener without a process",
     "no process holds it although all were visible: the kernel serves it (NFS, WireGuard, "
     "VXLAN) or it is being torn down",
     "check kernel services (exportfs, wg show, ip -d link)", check_unowned_listener},
    // --- health, capacity, routing and hardening (audit part 2, health_rules.cpp) ---
    {"hidden-socket", critical, "Socket hidden from /proc/net or from netlink",
     "a socket that one kernel interface reports twice and the other never shows is being "
     "filtered: rootkits hide their ports from netstat (/proc) or ss (netlink)",
     "preserve memory and /proc of the owner, compare with unhide-tcp, then isolate the host",
     check_hidden_socket},
    {"tcp-retransmission-rate", warning, "TCP retransmits too many segments",
     "retransmitted segments against segments sent is the packet-loss indicator: loss on the "
     "path, a congested link or a failing NIC",
     "find where loss happens (mtr to the busiest peers, interface errors, ss -ti)",
     check_tcp_retransmission_rate},
    {"interface-errors", warning, "Interface errors and drops",
     "errors and drops on a link are physical-layer signs: cabling, duplex mismatch, a full "
     "ring buffer",
     "check the cable and negotiation (ethtool IF, ethtool -S IF); raise the ring (ethtool -G)",
     check_interface_errors},
    {"tcp-errors", warning, "TCP receives bad segments",
     "InErrs and InCsumErrors count segments dropped as malformed or corrupted on the way",
     "check the interfaces for errors and the NIC's offload (ethtool -k); capture a sample",
     check_tcp_errors},
    {"udp-buffer-errors", warning, "UDP or backlog buffers overflow",
     "RcvbufErrors and softnet drops are datagrams and packets the kernel threw away because "
     "a receiver or a CPU did not keep up",
     "raise the socket buffers (net.core.rmem_max, SO_RCVBUF) or net.core.netdev_max_backlog",
     check_udp_buffer_errors},
    {"listen-queue-overflow", warning, "Listen queue overflows",
     "ListenOverflows count connections dropped because a program did not accept() fast enough",
     "make the program accept faster or raise its backlog (and net.core.somaxconn)",
     check_listen_queue_overflow},
    {"syn-flood", warning, "SYN flood or half-open connections",
     "many SYN_RECV sockets or SYN cookies sent mean more connection attempts than handshakes "
     "completed: a flood or a dead accept loop",
     "identify the sources (netstat-audit -tn --state syn-recv); rate-limit or filter them",
     check_syn_flood},
    {"time-wait-pressure", warning, "TIME_WAIT sockets near the limit",
     "near tcp_max_tw_buckets the kernel destroys TIME_WAIT sockets early; many TIME_WAIT "
     "sockets also use up ephemeral ports",
     "reuse connections (keep-alive, pooling); net.ipv4.tcp_tw_reuse=1 for outgoing ones",
     check_time_wait_pressure},
    {"close-wait-buildup", warning, "Program does not close its sockets",
     "a socket stays in CLOSE_WAIT until its program closes it: a pile of them is a descriptor "
     "leak in that program",
     "restart the program and report the leak (lsof -p PID lists the sockets)",
     check_close_wait_buildup},
    {"ephemeral-port-exhaustion", warning, "Ephemeral ports running out",
     "every connection from one address to one ip:port needs its own local port from "
     "ip_local_port_range",
     "pool connections, widen net.ipv4.ip_local_port_range or add source addresses",
     check_ephemeral_port_exhaustion},
    {"orphan-sockets", warning, "Many orphaned TCP sockets",
     "orphans (closed by the program, still in the kernel) pin memory; at tcp_max_orphans "
     "the kernel resets connections",
     "find the peers that do not finish closing; raise net.ipv4.tcp_max_orphans with memory",
     check_orphan_sockets},
    {"tcp-memory-pressure", warning, "TCP memory under pressure",
     "above tcp_mem's pressure value the kernel shrinks socket buffers; at its maximum it drops",
     "find the sockets with large queues (netstat-audit -tn); raise net.ipv4.tcp_mem with memory",
     check_tcp_memory_pressure},
    {"conntrack-table-full", warning, "Connection tracking table nearly full",
     "a full conntrack table drops every new connection through the host",
     "raise net.netfilter.nf_conntrack_max (and the hash size) or lower the timeouts",
     check_conntrack_table_full},
    {"fd-exhaustion", warning, "File descriptors running out",
     "at RLIMIT_NOFILE (ulimit -n) or fs.file-max, accept() and open() fail",
     "raise the limit (LimitNOFILE= in the unit, fs.file-max) or fix a descriptor leak "
     "(ls /proc/PID/fd)",
     check_fd_exhaustion},
    {"stuck-queue", warning, "Socket queue does not drain",
     "a Recv-Q that stays full means the program stopped reading; a Send-Q that stays full "
     "means the peer or the path stopped taking data",
     "look at the owner (strace -p PID, its logs) or the path to the peer", check_stuck_queue},
    {"no-default-route", warning, "No default route",
     "without a default route only directly connected networks are reachable",
     "check the network configuration (DHCP, ip route add default via GATEWAY)",
     check_no_default_route},
    {"multiple-default-routes", warning, "Several default routes with the same metric",
     "equal default routes compete; the kernel uses one and the others hide a misconfiguration",
     "remove the extra routes or give them different metrics for failover",
     check_multiple_default_routes},
    {"gateway-unreachable", warning, "Default gateway outside every connected subnet",
     "a gateway that no connected route covers cannot be reached without onlink: traffic "
     "beyond the subnet fails",
     "fix the gateway address or the interface's address and prefix", check_gateway_unreachable},
    {"sysctl-hardening", warning, "Kernel network setting weakens the host",
     "these settings decide whether the host can be redirected, spoofed or used as an "
     "amplifier",
     "set the expected value with sysctl -w and persist it in /etc/sysctl.d/",
     check_sysctl_hardening},
    {"ip-forwarding-enabled", info, "Host forwards packets",
     "a forwarding host routes between its networks: expected on routers and container hosts, "
     "a bypass of network segmentation elsewhere",
     "turn it off (sysctl net.ipv4.ip_forward=0) unless the host routes by design",
     check_ip_forwarding_enabled},
    // The kernel log (audit/kernel_log_rules.cpp): /dev/kmsg as root, or a capture's kmsg.
    {"recent-oom-kill", warning, "The OOM killer killed a process",
     "a process killed for memory drops its connections and stops listening; a network service "
     "among them is an outage that no socket table shows any more",
     "check the service (systemctl status) and its memory limits; dmesg shows the OOM report",
     check_recent_oom_kill},
    {"kernel-syn-flood-message", warning, "The kernel logged a possible SYN flood",
     "a listener's SYN backlog overflowed: a flood, or a service too slow to accept() its "
     "connections; the kernel then answers with SYN cookies or drops requests",
     "check the port's accept queue (ss -ltn Recv-Q), its backlog and "
     "net.ipv4.tcp_max_syn_backlog; look at the sources of SYN_RECV sockets",
     check_kernel_syn_flood_message},
    {"conntrack-drops-logged", warning, "Connection tracking table full: packets dropped",
     "with nf_conntrack full, new connections are dropped before any socket sees them",
     "raise net.netfilter.nf_conntrack_max (and the hash size), or shorten conntrack timeouts",
     check_conntrack_drops_logged},
    {"link-flaps", warning, "Network interface lost its link",
     "a NIC whose carrier drops and returns resets connections and looks like packet loss",
     "check the cable, the switch port and the driver (ethtool IF; ip -s link show IF)",
     check_link_flaps},
};

} // namespace

// --- name heuristics -------------------------------------------------------------------------

bool is_shell(std::string_view base) {
    constexpr std::string_view k_shells[] = {"sh",   "bash",  "dash",  "zsh",  "ksh",
                                             "mksh", "pdksh", "ksh93", "csh",  "tcsh",
                                             "fish", "ash",   "yash",  "rbash"};
    return in_list(base, k_shells);
}

bool is_interpreter(std::string_view base) {
    constexpr std::string_view k_interpreters[] = {
        "python", "pypy",  "perl", "ruby",    "node",   "nodejs", "java",     "php",    "lua",
        "luajit", "tclsh", "wish", "Rscript", "R",      "erl",    "beam.smp", "dotnet", "mono",
        "pwsh",   "bun",   "deno", "guile",   "racket", "sbcl",   "gjs",      "qjs"};
    return in_list(base, k_interpreters) || in_list(unversioned(base), k_interpreters);
}

bool is_relay(std::string_view base) {
    constexpr std::string_view k_relays[] = {
        "nc", "ncat", "netcat", "nc.openbsd", "nc.traditional", "socat", "pwncat", "telnet"};
    return in_list(base, k_relays);
}

bool looks_like_kernel_thread(std::string_view name) {
    if (name.size() >= 3 && name.front() == '[' && name.back() == ']')
        return true;
    constexpr std::string_view k_prefixes[] = {
        "kworker/",   "ksoftirqd/", "migration/", "rcu_",      "kswapd",       "watchdog/",
        "jbd2/",      "irq/",       "kthreadd",   "cpuhp/",    "idle_inject/", "kcompactd",
        "khugepaged", "kblockd",    "kauditd",    "oom_reaper"};
    return std::any_of(std::begin(k_prefixes), std::end(k_prefixes),
                       [&](std::string_view prefix) { return name.starts_with(prefix); });
}

bool process_name_matches(std::string_view name, std::string_view exe_base) {
    if (name.starts_with('-'))
        name.remove_prefix(1); // login shell
    if (name == "/proc/self/exe")
        return true; // re-executed self (Chromium/Electron zygotes, runc)
    // setproctitle titles: "sshd: root@pts/0", "nginx: worker process", "redis-server *:6379"
    name = name.substr(0, name.find_first_of(": "));
    name = base_name(name);
    if (name.empty() || exe_base.empty() || name.starts_with('('))
        return true; // nothing claimed; "(sd-pam)" is systemd's helper naming
    if (name == exe_base)
        return true;
    constexpr std::size_t k_comm_bytes = 15; // TASK_COMM_LEN - 1
    if (name.size() >= k_comm_bytes && exe_base.starts_with(name))
        return true;
    const std::string_view shorter = name.size() < exe_base.size() ? name : exe_base;
    const std::string_view longer = name.size() < exe_base.size() ? exe_base : name;
    if (shorter.size() >= 2 && (longer.starts_with(shorter) || longer.ends_with(shorter)))
        return true;
    constexpr std::pair<std::string_view, std::string_view> k_aliases[] = {
        {"init", "systemd"}, {"sh", "busybox"}, {"vi", "vim.basic"}, {"editor", "nano"}};
    return std::any_of(std::begin(k_aliases), std::end(k_aliases), [&](const auto& alias) {
        return alias.first == name && alias.second == exe_base;
    });
}

std::span<const Rule> rule_catalogue() {
    return k_rules;
}

const Rule* find_rule(std::string_view id) {
    for (const Rule& rule : k_rules)
        if (rule.id == id)
            return &rule;
    return nullptr;
}

bool RuleSelection::selected(std::string_view id) const {
    if (!only.empty() && std::find(only.begin(), only.end(), id) == only.end())
        return false;
    return std::find(skip.begin(), skip.end(), id) == skip.end();
}

std::vector<Finding> run_audit(const AuditContext& context, const RuleSelection& selection) {
    std::vector<Finding> findings;
    for (const Rule& rule : k_rules) {
        if (!selection.selected(rule.id))
            continue;
        if (rule.input == RuleInput::baseline && context.baseline == nullptr)
            continue;
        rule.check(context, rule, findings);
    }
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
    return findings;
}

} // namespace netstat_audit
