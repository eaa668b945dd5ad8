#pragma once

#include "core/manifest/manifest_parser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace shiplog::core::manifest {

using ParsedDocumentPtr = std::shared_ptr<const ParsedDocument>;

// Parsed slices by their exact text. Big multi-document files (install.yaml: ~60 documents, 2 MB)
// change one document per commit and share most documents with their siblings (ha/install.yaml,
// core-install.yaml, crds/*.yaml), so a new blob re-parses only the slices never seen before.
// Keyed by the text itself (hash + full comparison), so there is no collision to worry about.
// Thread-safe; a slice being parsed by one thread is waited for, not parsed twice. Least recently
// used slices go when the approximate size passes the bound (a blob still holding their resources
// keeps those alive; the blob cache bounds that).
class DocumentCache
{
public:
    explicit DocumentCache(qsizetype maxBytes = 128LL * 1024 * 1024);
    DocumentCache(const DocumentCache&) = delete;
    DocumentCache& operator=(const DocumentCache&) = delete;

    // The parsed slice `text`, calling `parse` (outside the lock) on a miss. `text` is copied into
    // the cache only on a miss.
    ParsedDocumentPtr get(const QByteArray& text,
                          const std::function<ParsedDocument(const QByteArray&)>& parse);

    struct Stats
    {
        qint64 hits = 0;
        qint64 misses = 0;
        qsizetype entries = 0;
        qsizetype bytes = 0;
    };
    Stats stats() const;
    void clear();

private:
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view text) const noexcept
        {
            return std::hash<std::string_view>()(text);
        }
    };
    struct Equal
    {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
    };
    struct Entry
    {
        QByteArray text;          // owns the bytes the map's key views
        ParsedDocumentPtr parsed; // null while a thread parses it
        std::list<std::string_view>::iterator lru;
    };
    void evictLocked();

    const qsizetype m_maxBytes;
    mutable std::mutex m_mutex;
    std::condition_variable m_parsed;
    std::unordered_map<std::string_view, Entry, Hash, Equal> m_entries;
    std::list<std::string_view> m_lru; // front = most recently used; only parsed entries
    qsizetype m_bytes = 0;
    qint64 m_hits = 0;
    qint64 m_misses = 0;
};

} // namespace shiplog::core::manifest
