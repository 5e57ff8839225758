// SPDX-License-Identifier: MIT
// The other network namespaces as the audit reads them: the host snapshot with their tables.
#include "netstat_audit/source/netns_audit_collect.hpp"

#include "netstat_audit/source/audit_collect.hpp"
#include "netstat_audit/source/netns_discovery.hpp"

namespace netstat_audit {

NamespaceCollection collect_namespace_snapshots(const ProcFs& proc, const Snapshot& host) {
    NamespaceCollection found;
    NamespaceSurvey survey = survey_namespaces(proc, run_netns_dir_for(proc));
    found.links_denied = survey.links_denied;
    for (NetNamespace& ns : survey.namespaces) {
        if (ns.own) {
            found.own = std::move(ns);
            continue;
        }
        if (ns.net_root.empty()) {
            found.unread.push_back(std::move(ns));
            continue;
        }
        NamespaceSnapshot one{std::move(ns), host};
        collect_audit_network(ProcFs(one.netns.net_root), one.snapshot);
        found.others.push_back(std::move(one));
    }
    return found;
}

} // namespace netstat_audit
