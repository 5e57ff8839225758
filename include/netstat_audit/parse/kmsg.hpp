// SPDX-License-Identifier: MIT
// /dev/kmsg text → records. One record is a header, ';', the message, then optional
// continuation lines of dictionary pairs that start with a space:
//   6,1234,5678901234,-;e1000e 0000:00:19.0 eth0: NIC Link is Down
//    SUBSYSTEM=pci
//   PRI,SEQ,TIMESTAMP_US,FLAGS[,...];MESSAGE
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/kernel_log.hpp"

#include <string_view>

namespace netstat_audit {

// Every record of `text` (what reads of /dev/kmsg returned, concatenated, or a capture's copy);
// continuation lines are skipped silently (they belong to the record above), a line that is
// neither is skipped with a diagnostic (file `file_name`, its line number).
ParseResult<KmsgRecord> parse_kmsg(std::string_view text, std::string_view file_name);

} // namespace netstat_audit
