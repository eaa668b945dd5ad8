#pragma once

// The few values computed last, by key, most recently used first: a memo for results that several
// callers ask for in turn (a history's index, a tree's listing). Thread-safe; a value being
// computed by one thread is computed again by another (never waited for).
#include <QList>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace shiplog::core {

template <typename Key, typename Value, qsizetype Kept> class RecentMemo
{
public:
    std::shared_ptr<const Value> find(const Key& key)
    {
        std::lock_guard lock(m_mutex);
        for (qsizetype i = 0; i < m_recent.size(); ++i) {
            if (m_recent[i].first == key) {
                auto found = m_recent[i].second;
                m_recent.move(i, 0);
                return found;
            }
        }
        return nullptr;
    }

    // The value used last, with its key (nothing when empty).
    std::optional<std::pair<Key, std::shared_ptr<const Value>>> newest()
    {
        std::lock_guard lock(m_mutex);
        if (m_recent.isEmpty())
            return std::nullopt;
        return m_recent.front();
    }

    void insert(const Key& key, std::shared_ptr<const Value> value)
    {
        std::lock_guard lock(m_mutex);
        m_recent.prepend({key, std::move(value)});
        while (m_recent.size() > Kept)
            m_recent.removeLast();
    }

private:
    std::mutex m_mutex;
    QList<std::pair<Key, std::shared_ptr<const Value>>> m_recent; // newest first
};

} // namespace shiplog::core
