// SPDX-License-Identifier: MIT
// The network namespaces as the audit report names them: counts, and each one's listeners.
#include "netstat_audit/report/audit_report.hpp"

namespace netstat_audit {

ReportNamespaces build_report_namespaces(const NamespaceCollection& collection,
                                         const Visibility& visibility) {
    ReportNamespaces out;
    out.host_inode = collection.own.inode;
    out.others.reserve(collection.others.size());
    for (const NamespaceSnapshot& one : collection.others) {
        ReportNamespace& ns = out.others.emplace_back();
        ns.netns = &one.netns;
        ns.facts = build_audit_facts(one.snapshot);
        ns.facts.netns = one.netns.label;
    }
    for (const NetNamespace& ns : collection.unread)
        out.unread.push_back(&ns);
    // A process whose ns/net link cannot be read may sit in a namespace no other process shows:
    // denied links, pids /proc hides, or (without root) other users' processes in a capture.
    out.others_may_be_unseen =
        collection.links_denied > 0 || visibility.hidepid || !visibility.root;
    return out;
}

SocketCounts count_sockets(const AuditReport& report) {
    SocketCounts counts{report.facts.sockets_total, report.facts.sockets_without_owner};
    if (report.namespaces != nullptr)
        for (const ReportNamespace& one : report.namespaces->others) {
            counts.total += one.facts.sockets_total;
            counts.without_owner += one.facts.sockets_without_owner;
        }
    return counts;
}

} // namespace netstat_audit
