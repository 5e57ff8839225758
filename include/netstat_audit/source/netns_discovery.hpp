// SPDX-License-Identifier: MIT
// Finding every network namespace: /proc/PID/ns/net inodes, /run/netns bindings, container
// cgroups; and choosing the ones a --netns value names.
#pragma once

#include "netstat_audit/model/netns.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// The directory of named namespaces for a proc root: "/run/netns" live ("/proc"), DIR/run/netns
// beside a captured DIR/proc (where netstat-audit-capture saves each name as a symbolic link
// whose text is "net:[INODE]").
std::string run_netns_dir_for(const ProcFs& proc);

// Every network namespace below the proc root, the own one first (the one ROOT/self/ns/net
// names, which ROOT/net shows; labelled "host"), then the others by lowest pid, then those only
// bound under `run_netns_dir` (no process) by name. An entry there is a bind mount of the
// namespace (its inode is the namespace's) or, in a capture, a link "net:[INODE]". Processes
// whose ns/net link cannot be read (gone, or another user's without root) are left out; a
// named namespace without a process has the tables `run_netns_dir`-net/NAME/net/ a capture
// saved, if any; a
// root without self/ns/net (an older capture) yields the own namespace alone, with every pid.
// Never fails.
std::vector<NetNamespace> discover_namespaces(const ProcFs& proc, const std::string& run_netns_dir);

// discover_namespaces() and what it could not see.
struct NamespaceSurvey {
    std::vector<NetNamespace> namespaces;
    // Processes whose ns/net link was denied (EACCES, EPERM: another user's without root); a
    // namespace only such processes are in is missing from `namespaces`. Vanished ones are not
    // counted.
    std::uint32_t links_denied = 0;
};
NamespaceSurvey survey_namespaces(const ProcFs& proc, const std::string& run_netns_dir);

// The namespaces a --netns value selects: "all" every one; digits the namespace of that pid (or
// with that inode); otherwise the one whose label, /run/netns name or container id (or a prefix
// of it of at least 4 characters) is `spec`. The error says what matched nothing.
std::expected<std::vector<NetNamespace>, std::string>
select_namespaces(const std::vector<NetNamespace>& namespaces, std::string_view spec);

// The line that precedes a namespace's output with --netns=all:
// "Network namespace 4026532281 docker:4c01db0b339c (3 processes)\n"; control bytes in the
// label print as \xHH.
std::string render_netns_header(const NetNamespace& ns);

} // namespace netstat_audit
