// SPDX-License-Identifier: MIT
// Shared by the libFuzzer targets: the input as text, a selector byte taken off the front.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit::fuzz {

// The fuzzer's bytes; `take_selector()` removes and returns the first one (0 when empty), so
// one target can reach every variant of a parser and the seed corpus says which.
class FuzzInput {
public:
    FuzzInput(const std::uint8_t* data, std::size_t size)
        : m_text(reinterpret_cast<const char*>(data), size) {}
    std::uint8_t take_selector() {
        if (m_text.empty())
            return 0;
        auto first = static_cast<std::uint8_t>(m_text.front());
        m_text.remove_prefix(1);
        return first;
    }
    std::string_view text() const { return m_text; }
    // The text as a command line: arguments separated by NUL bytes, at most `limit` of them.
    std::vector<std::string> arguments(std::size_t limit) const {
        std::vector<std::string> out;
        std::string_view rest = m_text;
        while (!rest.empty() && out.size() < limit) {
            const std::size_t end = rest.find('\0');
            out.emplace_back(rest.substr(0, end));
            rest.remove_prefix(end == rest.npos ? rest.size() : end + 1);
        }
        return out;
    }

private:
    std::string_view m_text;
};

} // namespace netstat_audit::fuzz
