// SPDX-License-Identifier: MIT
// The kernel ring buffer as /dev/kmsg delivers it: one record per message.
#pragma once

#include <cstdint>
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
};

} // namespace netstat_audit
