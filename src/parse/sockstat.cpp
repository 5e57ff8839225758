// SPDX-License-Identifier: MIT
// Parser for /proc/net/sockstat{,6}.
#include "netstat_audit/parse/sockstat.hpp"

#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/parse/scanner.hpp"

namespace netstat_audit {

namespace {

std::vector<std::string_view> words_of(std::string_view line) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start)
            words.push_back(line.substr(start, i - start));
    }
    return words;
}

} // namespace

std::vector<SockstatLine> parse_sockstat(std::string_view text) {
    std::vector<SockstatLine> lines;
    for_each_line(text, [&lines](std::string_view line) {
        const std::vector<std::string_view> words = words_of(without_newline(line));
        if (words.empty() || words[0].size() < 2 || words[0].back() != ':' || words.size() % 2 == 0)
            return;
        SockstatLine parsed;
        parsed.label = std::string(words[0].substr(0, words[0].size() - 1));
        bool good = true;
        for (std::size_t i = 1; i + 1 < words.size(); i += 2) {
            const auto value = parse_signed_decimal(words[i + 1]);
            if (!value) {
                good = false;
                break;
            }
            parsed.values.emplace_back(std::string(words[i]), *value);
        }
        if (good)
            lines.push_back(std::move(parsed));
    });
    return lines;
}

} // namespace netstat_audit
