// SPDX-License-Identifier: MIT
// The other network namespaces as the audit reads them: the host snapshot with their tables.
#include "netstat_audit/source/netns_audit_collect.hpp"

#include "netstat_audit/source/audit_collect.hpp"
#include "netstat_audit/source/netns_discovery.hpp"

namespace netstat_audit {

std::vector<NamespaceSnapshot> collect_namespace_snapshots(const ProcFs& proc,
                                                           const Snapshot& host) {
    std::vector<NamespaceSnapshot> others;
    for (NetNamespace& ns : discover_namespaces(proc, run_netns_dir_for(proc))) {
        if (ns.own || ns.net_root.empty())
            continue;
        NamespaceSnapshot one{std::move(ns), host};
        collect_audit_network(ProcFs(one.netns.net_root), one.snapshot);
        others.push_back(std::move(one));
    }
    return others;
}

} // namespace netstat_audit
