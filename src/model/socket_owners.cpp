// SPDX-License-Identifier: MIT
// The inode index of the -p walk: open addressing, first holder wins.
#include "netstat_audit/model/socket_owners.hpp"

#include <cassert>

namespace netstat_audit {

void InodeOwnerIndex::reserve(std::size_t count) {
    std::size_t wanted = 16;
    while (wanted < 2 * count)
        wanted *= 2;
    if (wanted > m_slots.size())
        rehash(wanted);
}

std::size_t InodeOwnerIndex::slot_of(std::uint64_t inode) const {
    // Fibonacci hashing: inodes are often consecutive, the multiplier spreads them.
    std::uint64_t mixed = inode * 0x9e3779b97f4a7c15ULL;
    return static_cast<std::size_t>(mixed >> 32) & (m_slots.size() - 1);
}

void InodeOwnerIndex::rehash(std::size_t slot_count) {
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(slot_count, Slot{});
    for (const Slot& slot : old) {
        if (slot.owner == k_empty)
            continue;
        std::size_t i = slot_of(slot.inode);
        while (m_slots[i].owner != k_empty)
            i = (i + 1) & (slot_count - 1);
        m_slots[i] = slot;
    }
}

bool InodeOwnerIndex::insert(std::uint64_t inode, std::uint32_t owner) {
    assert(owner != k_empty);
    if (2 * (m_size + 1) > m_slots.size())
        rehash(m_slots.empty() ? 16 : 2 * m_slots.size());
    std::size_t i = slot_of(inode);
    while (m_slots[i].owner != k_empty) {
        if (m_slots[i].inode == inode)
            return false;
        i = (i + 1) & (m_slots.size() - 1);
    }
    m_slots[i] = Slot{inode, owner};
    ++m_size;
    return true;
}

std::optional<std::uint32_t> InodeOwnerIndex::find(std::uint64_t inode) const {
    if (m_slots.empty())
        return std::nullopt;
    std::size_t i = slot_of(inode);
    while (m_slots[i].owner != k_empty) {
        if (m_slots[i].inode == inode)
            return m_slots[i].owner;
        i = (i + 1) & (m_slots.size() - 1);
    }
    return std::nullopt;
}

} // namespace netstat_audit
