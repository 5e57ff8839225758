// SPDX-License-Identifier: MIT
// --json / --ndjson for every view and --output FILE: collect the view's kernel facts, turn them
// into records with the snapshot metadata, write them to stdout or atomically to a file.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/model/host.hpp"
#include "netstat_audit/model/process.hpp"
#include "netstat_audit/model/socket_owners.hpp"
#include "netstat_audit/source/host_facts.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <vector>

namespace netstat_audit {

// Runs the view `options` selects (sockets, -g, -i, -r, -s) in options.format (json or ndjson;
// text with --output writes netstat's text). Returns 0, 1 when a view's primary file could not
// be read (the document still lists what was seen, with diagnostics), 3 when --output could
// not be written (message on stderr, previous file intact).
int run_machine_output(const Options& options, const ProcFs& proc, const Output& output);

// Writes `text` to options.output_path atomically (gzip for ".gz"): 0, or 3 after
// "PROGRAM: cannot write FILE: REASON" on stderr.
int write_output_file(const Options& options, const Output& output, std::string_view text);

// What the -p walk could see: notes for EACCES and an unreadable proc root (note_collector()
// adds who collected).
Visibility visibility_of(const ProcessMap* walk);

// Sets visibility.root for the collecting user of `host` (source/host_facts.hpp) and, when
// that is not root, puts the audit's "not run as root" note first.
void note_collector(const HostInfo& host, Visibility& visibility);

// /proc/PID/exe of each owner in `walk`, ascending pid (entries whose link cannot be read keep
// an empty exe): the executable the JSON and --watch name.
std::vector<ProcessInfo> collect_owner_executables(const ProcFs& proc, const ProcessMap& walk);

// Nanoseconds of CLOCK_REALTIME and CLOCK_MONOTONIC now.
std::int64_t wall_clock_ns();
std::int64_t monotonic_clock_ns();

} // namespace netstat_audit
