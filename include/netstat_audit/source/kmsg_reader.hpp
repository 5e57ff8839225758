// SPDX-License-Identifier: MIT
// Reading the kernel ring buffer: /dev/kmsg (root only, non-blocking) or a capture's copy.
// Nothing is executed (no dmesg, no journalctl).
#pragma once

#include "netstat_audit/model/kernel_log.hpp"

#include <expected>
#include <optional>
#include <string>
#include <system_error>

namespace netstat_audit {

// Every record the ring buffer holds now, as text: /dev/kmsg opened O_NONBLOCK, one read() per
// record until EAGAIN (the end); EPIPE (records overwritten while reading) skips to the next.
// An error when the device cannot be opened (EPERM without CAP_SYSLOG under
// kernel.dmesg_restrict, ENOENT in a container) or a read fails otherwise.
std::expected<std::string, std::error_code> read_kmsg_device(const std::string& path = "/dev/kmsg");

// The kernel log for an audit of `proc_root` (resolved): `explicit_file` when given (--kmsg);
// else a capture's "kmsg" beside its proc/ directory; else, for the live /proc, /dev/kmsg.
// nullopt when none can be read (not root, no capture copy) — the log checks then stay silent.
// The boot's start is the wall clock less CLOCK_MONOTONIC live, the MANIFEST's boot-time-unix
// (or time-unix less proc/uptime) of a capture, and unknown for an explicit file.
std::optional<KernelLog> collect_kernel_log(const std::string& proc_root,
                                            const std::string& explicit_file);

} // namespace netstat_audit
