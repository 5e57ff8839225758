// SPDX-License-Identifier: MIT
// join_proc_path: the one spelling of "<proc root>/<relative>".
#include "netstat_audit/model/proc_path.hpp"

namespace netstat_audit {

std::string join_proc_path(std::string_view root, std::string_view relative) {
    std::string result(root);
    if (result != "/")
        result += '/';
    result += relative;
    return result;
}

} // namespace netstat_audit
