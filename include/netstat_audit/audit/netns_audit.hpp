// SPDX-License-Identifier: MIT
// The audit over every network namespace: the catalogue once per namespace, findings naming it;
// and the hidden-namespace-listener rule.
#pragma once

#include "netstat_audit/audit/rules.hpp"
#include "netstat_audit/model/netns.hpp"

#include <vector>

namespace netstat_audit {

// One namespace other than the host's as the audit sees it: the host's snapshot (processes,
// host, sysctls) with this namespace's socket tables and routes.
struct NamespaceSnapshot {
    NetNamespace netns;
    Snapshot snapshot;
};

// Every network namespace the audit found: the own one, the others it read, those it saw but
// could not read, and whether some may have gone unseen.
struct NamespaceCollection {
    NetNamespace own;                      // label "host"; inode 0 when unknown
    std::vector<NamespaceSnapshot> others; // read, in discovery order
    // Seen (a /run/netns name) but without a process to read the tables through, nor a
    // capture's copy of them.
    std::vector<NetNamespace> unread;
    std::uint32_t links_denied = 0; // processes whose ns/net link was denied: namespaces unseen

    std::size_t seen() const { return 1 + others.size() + unread.size(); }
};

// hidden-namespace-listener: every listener of a namespace that is_unaccounted() (no container
// runtime, no /run/netns name). Quiet for the host's own namespace (context.netns nullptr).
void check_hidden_namespace_listener(const AuditContext& context, const Rule& rule,
                                     std::vector<Finding>& out);

// Runs the selected rules over each namespace and returns their findings, each subject naming
// its namespace (label and inode). A finding identical (rule, subject, evidence) to one of
// `host_findings` or of an earlier namespace is dropped: process rules see every process from
// every namespace. Worst severity first, as run_audit().
std::vector<Finding> run_namespace_audits(const std::vector<NamespaceSnapshot>& namespaces,
                                          const std::vector<Finding>& host_findings,
                                          const Baseline* baseline, const RuleSelection& selection);

} // namespace netstat_audit
