// SPDX-License-Identifier: MIT
// The kernel ring buffer as /dev/kmsg delivers it: one record per message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netstat_audit {

// One /dev/kmsg record (Documentation/ABI/testing/dev-kmsg).
struct KmsgRecord {
    std::uint8_t level = 0;     // syslog severity, 0 (emerg) .. 7 (debug)
    std::uint32_t facility = 0; // 0 for the kernel's own messages
    std::uint64_t sequence = 0; // 64-bit record number; a gap means records were overwritten
    std::uint64_t time_us = 0;  // CLOCK_MONOTONIC at logging, microseconds since boot
    std::string message;        // as the kernel escaped it (\xHH for non-printable bytes)
};

// The records read, and where from ("/dev/kmsg", a capture's kmsg file).
struct KernelLog {
    std::string source;
    std::vector<KmsgRecord> records;
    // When the boot the records belong to started, in microseconds since the epoch: a record
    // was logged at boot_unix_us + time_us. Approximate, as `dmesg -T` is: the log's clock
    // stops while the machine is suspended. nullopt when unknown (a --kmsg file of any boot).
    std::optional<std::int64_t> boot_unix_us;
};

} // namespace netstat_audit
