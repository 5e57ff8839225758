// SPDX-License-Identifier: MIT
// Shared by the libFuzzer targets: the input as text, a selector byte taken off the front.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

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

private:
    std::string_view m_text;
};

} // namespace netstat_audit::fuzz
