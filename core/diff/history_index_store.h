#pragma once

#include "core/diff/history_index.h"
#include "core/diff/resource_postings.h"
#include "core/git/object_id.h"
#include "core/manifest/disk_cache.h"

#include <QHash>
#include <QStringList>
#include <atomic>
#include <optional>

namespace shiplog::core {
class StringPool;
}

namespace shiplog::core::diff {

// The history index's entries on disk, by commit id and folders: a second opening of a history
// reads them instead of comparing trees and reading blobs, and after new commits (or a rewritten
// branch) only the commits never indexed are. Kept like the parse cache's summaries (DiskCache:
// versioned, bounded, written whole under a lock, so concurrent instances and torn writes are safe);
// an entry that does not decode is indexed again.
class IndexStore
{
public:
    explicit IndexStore(const QString& directory, qint64 maxBytes = 96LL * 1024 * 1024);

    // The process-wide store: QStandardPaths::CacheLocation/index, or $SHIPLOG_INDEX_CACHE_DIR
    // ("off": none, null).
    static IndexStore* shared();

    // The entry of `commit`, or nullopt. With `strings`, its strings are those of the pool
    // (decoded once each; one thread's pool).
    std::optional<IndexedCommit> find(const git::ObjectId& commit, const QStringList& folders,
                                      StringPool* strings = nullptr);
    void add(const git::ObjectId& commit, const QStringList& folders, const IndexedCommit& entry);
    // Writes what was added (also done every few thousand entries by the index, and on destruction).
    void flush();
    // Forgets the entries read from disk (DiskCache::release): an index, once built, holds them.
    void release() { m_disk.release(); }
    qsizetype pendingCount() const { return m_disk.pendingCount(); }

    qint64 hits() const { return m_hits; }

    // The index of one tip turned around by key (resource_postings.h), one file per tip and folders
    // beside the entries, written whole (QSaveFile: readers never see half a file); the most
    // recently written kKeptPostings are kept. nullopt when there is none or it does not decode.
    std::optional<ResourcePostings> findPostings(const git::ObjectId& tip, const QStringList& folders) const;
    bool addPostings(const ResourcePostings& postings);
    static constexpr int kKeptPostings = 8;

    // Decided answers of the resource filter: whether a commit is listed for a key (it changed the
    // key against every parent, by the timeline's rules) — a function of the commit id, the key,
    // the folders and the rules this store's tag names, so kept across tips. One file per key and
    // folders, written whole; the most recently written kKeptDecisions are kept.
    QHash<git::ObjectId, bool> findDecisions(const manifest::ResourceKey& key,
                                             const QStringList& folders) const;
    bool addDecisions(const manifest::ResourceKey& key, const QStringList& folders,
                      const QHash<git::ObjectId, bool>& decisions);
    static constexpr int kKeptDecisions = 512;

private:
    QString postingsPath(const git::ObjectId& tip, const QStringList& folders) const;
    QString decisionsPath(const manifest::ResourceKey& key, const QStringList& folders) const;
    // Writes `bytes` whole to `path`, then keeps the `kept` most recently written files of `pattern`.
    bool writeBounded(const QString& path, const QByteArray& bytes, const QString& pattern, int kept);

    const QString m_tag;
    manifest::DiskCache m_disk;
    std::atomic<qint64> m_hits = 0;
};

} // namespace shiplog::core::diff
