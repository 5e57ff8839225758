// SPDX-License-Identifier: MIT
// Sorted-merge difference of two polls of watched sockets.
#include "netstat_audit/report/watch_diff.hpp"

#include <algorithm>

namespace netstat_audit {

std::vector<WatchEvent> WatchDiff::update(std::vector<WatchItem> current) {
    auto by_key = [](const WatchItem& a, const WatchItem& b) { return a.key < b.key; };
    std::stable_sort(current.begin(), current.end(), by_key);
    current.erase(
        std::unique(current.begin(), current.end(),
                    [](const WatchItem& a, const WatchItem& b) { return a.key == b.key; }),
        current.end());
    m_dropped = current.size() > m_max_items ? current.size() - m_max_items : 0;
    if (m_dropped != 0)
        current.resize(m_max_items);
    current.shrink_to_fit();

    std::vector<WatchEvent> removed, added;
    if (m_primed) {
        auto old_it = m_items.begin();
        auto new_it = current.begin();
        while (old_it != m_items.end() || new_it != current.end()) {
            if (new_it == current.end() || (old_it != m_items.end() && old_it->key < new_it->key)) {
                removed.push_back({WatchChange::removed, std::move(*old_it++)});
            } else if (old_it == m_items.end() || new_it->key < old_it->key) {
                added.push_back({WatchChange::added, *new_it++});
            } else {
                ++old_it, ++new_it;
            }
        }
    }
    m_items = std::move(current);
    m_primed = true;
    removed.insert(removed.end(), std::make_move_iterator(added.begin()),
                   std::make_move_iterator(added.end()));
    return removed;
}

} // namespace netstat_audit
