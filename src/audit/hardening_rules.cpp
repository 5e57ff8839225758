// SPDX-License-Identifier: MIT
// sysctl-hardening: kernel network settings that deviate from what an administrator would
// defend for the host's role. Expected values follow the kernel's semantics (which of
// conf/all and conf/IF wins) and the host's role (a router forwards), so that a stock Debian 12
// host — kernel defaults plus systemd's 50-default.conf (rp_filter=2) — raises nothing.
#include "netstat_audit/audit/health_rules.hpp"

#include "netstat_audit/model/interface.hpp"
#include "netstat_audit/model/net_address.hpp"

#include <algorithm>

namespace netstat_audit {

namespace {

struct Sysctls {
    const Snapshot& snapshot;

    std::optional<std::string> text(const std::string& name) const {
        auto it = snapshot.sysctls.find(name);
        if (it == snapshot.sysctls.end())
            return std::nullopt;
        return it->second;
    }
    std::optional<std::int64_t> number(const std::string& name) const {
        auto value = text(name);
        return value ? parse_signed_decimal(*value) : std::nullopt;
    }
    bool is(const std::string& name, std::int64_t value) const { return number(name) == value; }
};

std::string dotted(std::string name) {
    std::replace(name.begin(), name.end(), '/', '.');
    return name;
}

void deviation(const Rule& rule, const std::string& name, std::int64_t found,
               std::string_view expected, std::string_view why, std::vector<Finding>& out) {
    Subject subject;
    subject.sysctl = dotted(name);
    Finding f{std::string(rule.id),
              rule.severity,
              std::string(rule.title),
              std::move(subject),
              dotted(name) + " is " + std::to_string(found) + ", expected " +
                  std::string(expected) + ": " + std::string(why),
              std::string(rule.why),
              "sysctl -w " + dotted(name) + "=" +
                  std::string(expected.substr(0, expected.find_first_of(" ,"))) +
                  " and persist it in /etc/sysctl.d/",
              {}};
    out.push_back(std::move(f));
}

// Settings that must hold one value whatever the role.
struct FixedSetting {
    std::string_view name;
    std::int64_t expected;
    std::string_view why;
};

constexpr FixedSetting k_fixed[] = {
    {"net/ipv4/conf/all/accept_source_route", 0,
     "source-routed packets choose their own path through the host, past filters; the kernel "
     "accepts them only when conf/all and the interface both allow it"},
    {"net/ipv4/icmp_echo_ignore_broadcasts", 1,
     "answering broadcast pings makes the host a smurf amplifier"},
    {"net/ipv4/icmp_ignore_bogus_error_responses", 1,
     "bogus ICMP errors (RFC 1122 violations) fill the log for an attacker"},
    {"net/ipv4/conf/all/proxy_arp", 0,
     "proxy ARP answers for other hosts' addresses and bridges networks unintentionally"},
};

} // namespace

void check_sysctl_hardening(const AuditContext& c, const Rule& rule, std::vector<Finding>& out) {
    const Sysctls s{c.snapshot};
    for (const FixedSetting& setting : k_fixed) {
        const std::string name(setting.name);
        if (auto value = s.number(name); value && *value != setting.expected)
            deviation(rule, name, *value, std::to_string(setting.expected), setting.why, out);
    }
    if (auto cookies = s.number("net/ipv4/tcp_syncookies"); cookies && *cookies == 0)
        deviation(rule, "net/ipv4/tcp_syncookies", 0, "1 (or 2)",
                  "without SYN cookies a SYN flood fills the listen queues and locks out "
                  "legitimate clients",
                  out);
    const auto ip_forward = s.number("net/ipv4/ip_forward");
    const bool forwarding = ip_forward && *ip_forward != 0;
    // A host that does not forward accepts redirects when conf/all or the interface says so;
    // secure_redirects=1 (the default) limits them to the current gateways, which is safe.
    if (!forwarding && s.is("net/ipv4/conf/all/accept_redirects", 1) &&
        s.is("net/ipv4/conf/all/secure_redirects", 0))
        deviation(rule, "net/ipv4/conf/all/accept_redirects", 1, "0 (or secure_redirects=1)",
                  "with secure_redirects=0 any host on the link can redirect this host's traffic "
                  "through itself with one ICMP packet",
                  out);
    // rp_filter: the interface's effective mode is max(conf/all, conf/IF).
    const std::int64_t all_rp = s.number("net/ipv4/conf/all/rp_filter").value_or(-1);
    for (const Interface& interface : c.snapshot.interfaces) {
        if (interface.name == "lo" || (interface.facts.flags & interface_flag::k_up) == 0)
            continue; // a down interface receives nothing to filter
        const std::string name = "net/ipv4/conf/" + interface.name + "/rp_filter";
        const auto own = s.number(name);
        if (!own || all_rp < 0 || std::max(all_rp, *own) != 0)
            continue;
        deviation(rule, name, 0, "1 or 2 (2, loose, suits asymmetric routing)",
                  "with reverse-path filtering off (here and in conf/all) the host accepts "
                  "packets with spoofed source addresses on " +
                      interface.name,
                  out);
    }
    for (const Interface& interface : c.snapshot.interfaces) {
        const std::string name = "net/ipv4/conf/" + interface.name + "/proxy_arp";
        if (auto value = s.number(name); value && *value != 0)
            deviation(rule, name, *value, "0",
                      "proxy ARP answers for other hosts' addresses on " + interface.name, out);
    }
    // Martians arrive where traffic is routed; an end host's log would only fill with noise.
    if (forwarding && s.is("net/ipv4/conf/all/log_martians", 0))
        deviation(rule, "net/ipv4/conf/all/log_martians", 0, "1",
                  "a router should log packets with impossible source addresses: they are "
                  "spoofing attempts or routing errors",
                  out);
    if (auto value = s.number("net/ipv6/conf/all/accept_source_route"); value && *value > 0)
        deviation(rule, "net/ipv6/conf/all/accept_source_route", *value, "0 (or -1)",
                  "type 0 routing headers let a sender bounce packets through this host "
                  "(RFC 5095 deprecates them)",
                  out);
    // IPv6: a router takes no advertisements unless accept_ra=2 forces it; a host configured
    // statically (accept_ra=0) has no router whose redirects it should believe.
    const bool forwarding6 = s.is("net/ipv6/conf/all/forwarding", 1);
    for (std::string_view which : {"all", "default"}) {
        const std::string name = "net/ipv6/conf/" + std::string(which) + "/accept_ra";
        if (forwarding6 && s.is(name, 2))
            deviation(rule, name, 2, "0 or 1 on a router",
                      "a forwarding host that takes its routes from router advertisements can "
                      "be rerouted by any host on the link that sends one",
                      out);
    }
    if (!forwarding6 && s.is("net/ipv6/conf/all/accept_ra", 0) &&
        s.is("net/ipv6/conf/default/accept_ra", 0) && s.is("net/ipv6/conf/all/accept_redirects", 1))
        deviation(rule, "net/ipv6/conf/all/accept_redirects", 1, "0 with accept_ra=0",
                  "router advertisements are off (static IPv6), yet an ICMPv6 redirect can still "
                  "change the next hop",
                  out);
}

} // namespace netstat_audit
