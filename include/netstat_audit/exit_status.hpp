// SPDX-License-Identifier: MIT
// The exit statuses netstat-audit returns; each is netstat 2.10's own where netstat has one.
#pragma once

namespace netstat_audit::exit_status {

inline constexpr int k_ok = 0;
// An explicitly requested family or table the system lacks, a route file that cannot be read or
// lacks a column, an interface that cannot be queried, -Z, -M, an unknown -A family (golden
// cases empty_x, r_missing, M, A_multi_bad).
inline constexpr int k_failure = 1;
// A usage error: bad option, conflicting modes, a family without routes or statistics (golden
// cases unknown_opt, is_conflict, rx); also --output FILE that could not be written (a full disk:
// tests/json/run_output_full.sh) and conflicting machine-output options (cli_machine_output_test).
inline constexpr int k_usage = 3;
// A socket file that exists but cannot be opened for another reason than ENOENT/EACCES:
// netstat's exit(-1) after perror() (golden case eloop_t).
inline constexpr int k_open_error = 255;
// An exception reached main(): a bug in netstat-audit, never a netstat status (EX_SOFTWARE).
inline constexpr int k_internal_error = 70;
// -c ended by SIGINT while SIGINT was blocked (128 + SIGINT, the shell's convention).
inline constexpr int k_interrupted = 130;

} // namespace netstat_audit::exit_status
