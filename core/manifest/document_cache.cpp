#include "core/manifest/document_cache.h"

namespace shiplog::core::manifest {

namespace {
std::string_view viewOf(const QByteArray& text)
{
    return std::string_view(text.constData(), size_t(text.size()));
}
} // namespace

DocumentCache::DocumentCache(qsizetype maxBytes) : m_maxBytes(maxBytes) {}

ParsedDocumentPtr DocumentCache::get(const QByteArray& text,
                                     const std::function<ParsedDocument(const QByteArray&)>& parse)
{
    const std::string_view key = viewOf(text);
    QByteArray owned;
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            const auto it = m_entries.find(key);
            if (it == m_entries.end())
                break;
            if (it->second.parsed) {
                m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
                ++m_hits;
                return it->second.parsed;
            }
            m_parsed.wait(lock); // another thread parses this very slice: its result will do
        }
        ++m_misses;
        owned = text;
        owned.detach(); // the caller's bytes may be raw blob memory that goes away
        const std::string_view ownedKey = viewOf(owned);
        m_entries.emplace(ownedKey, Entry{owned, nullptr, m_lru.end()});
    }

    ParsedDocumentPtr parsed;
    try {
        parsed = std::make_shared<const ParsedDocument>(parse(owned));
    } catch (...) {
        std::lock_guard lock(m_mutex);
        m_entries.erase(key);
        m_parsed.notify_all();
        throw;
    }

    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(key);
    it->second.parsed = parsed;
    m_lru.push_front(it->first);
    it->second.lru = m_lru.begin();
    m_bytes += parsed->approximateBytes;
    evictLocked();
    m_parsed.notify_all();
    return parsed;
}

void DocumentCache::evictLocked()
{
    while (m_bytes > m_maxBytes && m_lru.size() > 1) {
        const auto it = m_entries.find(m_lru.back());
        m_bytes -= it->second.parsed->approximateBytes;
        m_lru.pop_back();
        m_entries.erase(it);
    }
}

DocumentCache::Stats DocumentCache::stats() const
{
    std::lock_guard lock(m_mutex);
    return Stats{m_hits, m_misses, qsizetype(m_lru.size()), m_bytes};
}

void DocumentCache::clear()
{
    std::lock_guard lock(m_mutex);
    // Slices being parsed right now stay: their threads will fill them in.
    for (const std::string_view key : m_lru)
        m_entries.erase(m_entries.find(key));
    m_lru.clear();
    m_bytes = 0;
}

} // namespace shiplog::core::manifest
