// SPDX-License-Identifier: MIT
// libFuzzer target: the sysctl values the audit reads, as the rules and the health measures
// parse them (single numbers, "4096 87380 6291456" words, "32768 60999" ranges). Each line is
// one sysctl: its first byte picks the name (k_audit_sysctls, k_health_sysctls, eth0's
// rp_filter and proxy_arp), the rest is the value text. The whole catalogue then runs over a
// snapshot holding those sysctls, one interface and a small TCP table (a wildcard listener,
// connections from ephemeral ports to one peer), with a health sample of sockstat gauges.
#include "fuzz_input.hpp"

#include "netstat_audit/audit/facts.hpp"
#include "netstat_audit/audit/rules.hpp"
#include "netstat_audit/model/socket_filter.hpp"
#include "netstat_audit/source/audit_collect.hpp"
#include "netstat_audit/source/health_collect.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace netstat_audit;

namespace {

std::vector<std::string> sysctl_names() {
    std::vector<std::string> names;
    for (std::string_view name : k_audit_sysctls)
        names.emplace_back(name);
    for (std::string_view name : k_health_sysctls)
        names.emplace_back(name);
    names.emplace_back("net/ipv4/conf/eth0/rp_filter");
    names.emplace_back("net/ipv4/conf/eth0/proxy_arp");
    return names;
}

FileTable<InetSocket> tcp_table() {
    FileTable<InetSocket> table{.relative = "net/tcp", .version = IpVersion::v4};
    InetSocket listener;
    listener.local = {make_ipv4(0, 0, 0, 0), 22};
    listener.state = tcp_state::k_listen;
    listener.inode = 1000;
    table.parsed.rows.push_back(listener);
    for (std::uint16_t i = 0; i < 4; ++i) {
        InetSocket connection;
        connection.local = {make_ipv4(10, 0, 0, 5), static_cast<std::uint16_t>(40000 + i)};
        connection.remote = {make_ipv4(192, 0, 2, 7), 443};
        connection.state = i == 3 ? tcp_state::k_time_wait : tcp_state::k_established;
        connection.inode = i == 3 ? 0 : 1001u + i;
        table.parsed.rows.push_back(connection);
    }
    return table;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<std::string> k_names = sysctl_names();
    fuzz::FuzzInput input(data, size);
    Snapshot snapshot;
    snapshot.interfaces.push_back(Interface{.name = "eth0"});
    static const FileTable<InetSocket> k_tcp = tcp_table();
    snapshot.sockets.tcp.push_back(k_tcp);
    std::string_view text = input.text();
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == text.size() ? end : end + 1);
        if (line.empty())
            continue;
        const auto pick = static_cast<std::uint8_t>(line.front());
        snapshot.sysctls[k_names[pick % k_names.size()]] = std::string(line.substr(1));
    }
    HealthSample sample;
    sample.sockstat.push_back({"TCP", {{"inuse", 5}, {"orphan", 3}, {"tw", 40}, {"mem", 90}}});
    HealthInputs health;
    health.now = &sample;
    (void)health_measures(health, snapshot.sysctls);
    const AuditFacts facts = build_audit_facts(snapshot);
    const AuditContext context{.snapshot = snapshot, .facts = facts, .health = &health};
    auto findings = run_audit(context, RuleSelection{});
    (void)findings;
    return 0;
}
