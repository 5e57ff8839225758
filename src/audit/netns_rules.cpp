// SPDX-License-Identifier: MIT
// hidden-namespace-listener and the catalogue run once per network namespace.
#include "netstat_audit/audit/netns_audit.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace netstat_audit {

namespace {

std::string exposure_words(const Listener& l) {
    switch (l.exposure) {
    case Exposure::all:
        return "on every address of the namespace";
    case Exposure::loopback:
        return "on the namespace's loopback only";
    case Exposure::specific:
        break;
    }
    return "on " + address_text(l.address);
}

// What identifies a finding apart from the namespace it was found in.
std::string finding_key(const Finding& f) {
    const Subject& s = f.subject;
    return f.id + '\0' + s.protocol.value_or("") + '\0' + s.address.value_or("") + '\0' +
           std::to_string(s.port.value_or(0)) + '\0' + std::to_string(s.pid.value_or(-1)) + '\0' +
           s.exe.value_or("") + '\0' + s.interface.value_or("") + '\0' + f.evidence;
}

} // namespace

void check_hidden_namespace_listener(const AuditContext& c, const Rule& rule,
                                     std::vector<Finding>& out) {
    if (c.netns == nullptr || !is_unaccounted(*c.netns))
        return;
    for (const Listener& l : c.facts.listeners) {
        Finding f;
        f.id = std::string(rule.id);
        f.severity = rule.severity;
        f.title = std::string(rule.title);
        f.why = std::string(rule.why);
        f.fix = std::string(rule.fix);
        f.subject.protocol = protocol_label(l.protocol, l.family);
        f.subject.address = address_text(l.address);
        f.subject.port = l.port;
        std::string owner = "no known process";
        if (const ProcessInfo* p = c.facts.first_holder(l.inode)) {
            f.subject.pid = p->pid;
            f.subject.program = p->comm;
            f.subject.exe = p->exe;
            f.subject.user = user_text(*p);
            owner = "pid " + std::to_string(p->pid) + " (" + p->comm + ")";
        }
        f.evidence = protocol_label(l.protocol, l.family) + " " + endpoint_text(l.address, l.port) +
                     " listens " + exposure_words(l) + ", held by " + owner +
                     ", in network namespace " + std::to_string(c.netns->inode) + " of " +
                     std::to_string(c.netns->pids.size()) +
                     " process(es) that no container runtime (cgroup) and no /run/netns name "
                     "accounts for";
        out.push_back(std::move(f));
    }
}

std::vector<Finding> run_namespace_audits(const std::vector<NamespaceSnapshot>& namespaces,
                                          const std::vector<Finding>& host_findings,
                                          const Baseline* baseline,
                                          const RuleSelection& selection) {
    std::set<std::string> seen;
    for (const Finding& f : host_findings)
        seen.insert(finding_key(f));
    std::vector<Finding> findings;
    for (const NamespaceSnapshot& one : namespaces) {
        AuditFacts facts = build_audit_facts(one.snapshot);
        facts.netns = one.netns.label;
        const AuditContext context{one.snapshot, facts, baseline, nullptr, &one.netns};
        for (Finding& f : run_audit(context, selection)) {
            if (!seen.insert(finding_key(f)).second)
                continue;
            f.subject.netns = one.netns.label;
            f.subject.netns_inode = one.netns.inode;
            findings.push_back(std::move(f));
        }
    }
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
    return findings;
}

} // namespace netstat_audit
