// SPDX-License-Identifier: MIT
// Parsers of /proc/PID/status, cmdline and comm.
#include "netstat_audit/parse/proc_status.hpp"

#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/parse/scanner.hpp"

#include <algorithm>

namespace netstat_audit {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

// The first blank-separated word of `text`.
std::string_view first_word(std::string_view text) {
    text = trim(text);
    std::size_t end = text.find_first_of(" \t");
    return text.substr(0, end);
}

// The second word ("Uid:" lists real, effective, saved, filesystem).
std::string_view second_word(std::string_view text) {
    text = trim(text);
    std::size_t end = text.find_first_of(" \t");
    if (end == text.npos)
        return {};
    return first_word(text.substr(end));
}

std::optional<std::uint32_t> to_uid(std::string_view word) {
    auto value = parse_decimal(word);
    if (!value || *value > UINT32_MAX)
        return std::nullopt;
    return static_cast<std::uint32_t>(*value);
}

} // namespace

ProcStatus parse_proc_status(std::string_view text) {
    ProcStatus status;
    for_each_line(text, [&status](std::string_view line) {
        line = without_newline(line);
        std::size_t colon = line.find(':');
        if (colon == line.npos)
            return;
        std::string_view key = line.substr(0, colon);
        std::string_view value = line.substr(colon + 1);
        if (key == "Name") {
            status.name = std::string(trim(value));
        } else if (key == "PPid") {
            auto ppid = parse_decimal(first_word(value));
            if (ppid && *ppid <= INT32_MAX)
                status.ppid = static_cast<std::int32_t>(*ppid);
        } else if (key == "Uid") {
            status.real_uid = to_uid(first_word(value));
            status.effective_uid = to_uid(second_word(value));
        } else if (key == "CapEff") {
            std::string_view word = first_word(value);
            if (word.size() <= 16)
                status.cap_effective = parse_hex(word);
        }
    });
    return status;
}

std::vector<std::string> parse_cmdline(std::string_view text) {
    std::vector<std::string> argv;
    while (!text.empty()) {
        std::size_t nul = text.find('\0');
        argv.emplace_back(text.substr(0, nul));
        text.remove_prefix(nul == text.npos ? text.size() : nul + 1);
    }
    return argv;
}

std::optional<std::uint64_t> parse_nofile_soft_limit(std::string_view text) {
    constexpr std::string_view k_label = "Max open files";
    const std::size_t at = text.find(k_label);
    if (at == text.npos)
        return std::nullopt;
    std::string_view rest = text.substr(at + k_label.size());
    rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
    const std::string_view soft = rest.substr(0, rest.find_first_of(" \n"));
    if (soft == "unlimited")
        return k_rlimit_unlimited;
    return parse_decimal(soft);
}

std::string parse_comm(std::string_view text) {
    if (!text.empty() && text.back() == '\n')
        text.remove_suffix(1);
    return std::string(text);
}

} // namespace netstat_audit
