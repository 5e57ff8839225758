// SPDX-License-Identifier: MIT
// libFuzzer target: /dev/kmsg records (parse_kmsg), every record's message through the
// kernel-log checks' message parsers (OOM kill, SYN flood port, conntrack table full, link
// event) and its time through kmsg_time(), then the whole catalogue over that kernel log (the
// kernel-log checks group, count and format the records).
#include "fuzz_input.hpp"

#include "netstat_audit/audit/facts.hpp"
#include "netstat_audit/audit/kernel_log_rules.hpp"
#include "netstat_audit/audit/rules.hpp"
#include "netstat_audit/parse/kmsg.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    ParseResult<KmsgRecord> records = parse_kmsg(input.text(), "kmsg");
    for (const KmsgRecord& record : records.rows) {
        (void)parse_oom_kill(record.message);
        (void)parse_syn_flood_port(record.message);
        (void)is_conntrack_table_full(record.message);
        (void)parse_link_event(record.message);
        (void)kmsg_time(record.time_us);
        // any boot start, negative and near the int64 limits included
        (void)kmsg_time(record.time_us, static_cast<std::int64_t>(record.sequence));
    }
    static const Snapshot k_snapshot;
    static const AuditFacts k_facts = build_audit_facts(k_snapshot);
    const std::optional<std::int64_t> boot =
        records.rows.empty() ? std::nullopt
                             : std::optional(static_cast<std::int64_t>(records.rows[0].sequence));
    const KernelLog log{.source = "kmsg", .records = std::move(records.rows), .boot_unix_us = boot};
    const AuditContext context{.snapshot = k_snapshot, .facts = k_facts, .kernel_log = &log};
    auto findings = run_audit(context, RuleSelection{});
    (void)findings;
    return 0;
}
