// SPDX-License-Identifier: MIT
// The audit's rule catalogue: one table, one check_* function per rule, stable ids.
#pragma once

#include "netstat_audit/audit/baseline.hpp"
#include "netstat_audit/audit/facts.hpp"
#include "netstat_audit/audit/finding.hpp"
#include "netstat_audit/audit/health.hpp"
#include "netstat_audit/model/kernel_log.hpp"
#include "netstat_audit/model/netns.hpp"
#include "netstat_audit/model/snapshot.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// What every check reads. `baseline` is nullptr without --baseline.
struct AuditContext {
    const Snapshot& snapshot;
    const AuditFacts& facts;
    const Baseline* baseline = nullptr;
    // The kernel log (/dev/kmsg or a capture's kmsg); nullptr when none could be read.
    const KernelLog* kernel_log = nullptr;
    const NetNamespace* netns = nullptr;  // the namespace audited; nullptr: the host's own
    const HealthInputs* health = nullptr; // counters and gauges; nullptr: health checks quiet
};

struct Rule;
using CheckFunction = void (*)(const AuditContext&, const Rule&, std::vector<Finding>&);

// Which input a rule needs to run.
enum class RuleInput : std::uint8_t { snapshot, baseline };

// One entry of the catalogue. `severity` is the default; a check may raise or lower it for a
// subject and then says why in the evidence.
struct Rule {
    std::string_view id;
    Severity severity;
    std::string_view title;
    std::string_view why;
    std::string_view fix;
    CheckFunction check;
    RuleInput input = RuleInput::snapshot;
};

// A finding of `rule` with its catalogue texts; "PID" in the fix names the subject's process.
// Every rules file builds its findings with it.
Finding make_finding(const Rule& rule, Subject subject, std::string evidence);

// The catalogue in report order.
std::span<const Rule> rule_catalogue();

// The rule with `id`, nullptr when there is none.
const Rule* find_rule(std::string_view id);

// --only / --skip: empty `only` means every rule.
struct RuleSelection {
    std::vector<std::string> only;
    std::vector<std::string> skip;
    bool selected(std::string_view id) const;
};

// Runs the selected rules (baseline rules only with a baseline) and returns the findings, worst
// severity first, then in catalogue order, each rule's findings in the order it found them.
std::vector<Finding> run_audit(const AuditContext& context, const RuleSelection& selection);

// Name heuristics the rules share (exposed for tests).
// True when `name` (argv[0] or comm) is compatible with the executable's base name `exe_base`:
// equal, cut by the kernel's 15-byte comm limit, a versioned or suffixed form (python3 →
// python3.11, nc → nc.openbsd, awk → mawk), a setproctitle title ("sshd: root@pts/0"),
// a login shell ("-bash") or a known alias (init → systemd).
bool process_name_matches(std::string_view name, std::string_view exe_base);
// Shells, interpreters (which run scripts under their own names) and netcat-like relays.
bool is_shell(std::string_view exe_base);
bool is_interpreter(std::string_view exe_base);
bool is_relay(std::string_view exe_base);
// "[kworker/0:1]" or a kernel thread's comm ("kworker/0:1", "ksoftirqd/0", ...).
bool looks_like_kernel_thread(std::string_view name);

} // namespace netstat_audit
