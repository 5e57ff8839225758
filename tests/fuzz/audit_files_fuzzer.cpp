// SPDX-License-Identifier: MIT
// libFuzzer target (selector % 7): the small per-file readers of the audit: /proc/PID/cgroup
// (the container it names, and that container's label), a /proc/PID/ns/net link text,
// /proc/PID/limits ("Max open files" soft limit), /proc/net/softnet_stat, a capture's
// DIR/MANIFEST and DIR/etc/passwd, and /proc/self/mountinfo's hidepid= option.
#include "fuzz_input.hpp"

#include "netstat_audit/parse/cgroup.hpp"
#include "netstat_audit/parse/name_databases.hpp"
#include "netstat_audit/parse/proc_status.hpp"
#include "netstat_audit/source/audit_collect.hpp"
#include "netstat_audit/source/health_collect.hpp"

using namespace netstat_audit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    switch (input.take_selector() % 7) {
    case 0:
        if (auto container = parse_container_cgroup(input.text()))
            (void)container_label(*container);
        break;
    case 1:
        (void)parse_netns_link(input.text());
        break;
    case 2:
        (void)parse_nofile_soft_limit(input.text());
        break;
    case 3:
        (void)parse_softnet_stat(input.text());
        break;
    case 4:
        (void)parse_capture_manifest(input.text());
        break;
    case 5: {
        NameDatabases databases;
        parse_passwd(input.text(), databases);
        break;
    }
    default:
        (void)proc_hidepid_option(input.text());
        break;
    }
    return 0;
}
