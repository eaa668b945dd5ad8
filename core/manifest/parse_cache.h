#pragma once

#include "core/git/object_id.h"
#include "core/git/repository.h"
#include "core/manifest/disk_cache.h"
#include "core/manifest/document_cache.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/resource.h"

#include <QByteArray>
#include <QList>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace shiplog::core::manifest {

// Parsed blobs by object id. Blobs never change, so a blob is parsed once for every view, every
// commit and every thread; least recently used entries go when the approximate size passes the bound.
// Under it, slices of multi-document files are shared between blobs (DocumentCache), and, when a
// disk folder is set, what history indexes need of each blob outlives the process (DiskCache).
class ParseCache
{
public:
    explicit ParseCache(qsizetype maxBytes = 384LL * 1024 * 1024, ParseOptions options = {});
    ~ParseCache();
    ParseCache(const ParseCache&) = delete;
    ParseCache& operator=(const ParseCache&) = delete;

    // The process-wide cache that all views and jobs share; its disk folder is
    // QStandardPaths::CacheLocation/parsed (or $SHIPLOG_PARSE_CACHE_DIR; "off" for none).
    static ParseCache& shared();

    // Keeps blob summaries in `directory` across runs (empty: none). Call before first use.
    void setDiskCache(const QString& directory, qint64 maxBytes = 64LL * 1024 * 1024);
    // Writes the disk cache's new entries now (also done every ~16,000 new blobs and on destruction).
    void flushDiskCache();

    // What a caller needs: full blobs (objects and texts for diffs) or keys only (identities,
    // versions, lines, digests — may come from the disk cache, ParsedBlob::detailed false). Blobs
    // parsed for keys are kept in memory as such summaries: a whole-history index then holds a few
    // hundred bytes per blob instead of every document's values.
    enum class Need
    {
        Details,
        Keys
    };

    // The parsed blob `id` of `repo` (the caller's own handle), parsing it on a miss. Never null:
    // a blob that cannot be read comes back as a ParsedBlob with an error.
    ParsedBlobPtr get(const git::Repository& repo, const git::ObjectId& id);

    // get() for many blobs, in the same order: the ones not cached yet are parsed several at once on
    // the parse threads (read here, on the caller's thread, which owns `repo`).
    QList<ParsedBlobPtr> getMany(const git::Repository& repo, const QList<git::ObjectId>& ids,
                                 Need need = Need::Details);

    // getMany() in two halves, so that the caller can go on (read the next commits) while the parse
    // threads work: startMany() reads the blobs not cached yet and queues their parsing;
    // finishMany() waits for it and returns the blobs in the order of `ids`. Batches are finished
    // in the order they were started; an unfinished batch waits for its parsing when destroyed.
    class Batch;
    std::shared_ptr<Batch> startMany(const git::Repository& repo, const QList<git::ObjectId>& ids,
                                     Need need = Need::Details);
    QList<ParsedBlobPtr> finishMany(const git::Repository& repo, const std::shared_ptr<Batch>& batch);
    // The bytes a started batch read and holds until they are parsed.
    static qint64 bytesRead(const std::shared_ptr<Batch>& batch);

    // The cached blob, or null; with Need::Details a keys-only summary counts as missing.
    ParsedBlobPtr find(const git::ObjectId& id, Need need = Need::Details);
    // Keeps `blob` (a detailed blob replaces a summary of the same id; otherwise the first stays).
    void insert(const git::ObjectId& id, ParsedBlobPtr blob);
    void clear();

    struct Stats
    {
        qint64 hits = 0;
        qint64 misses = 0;
        qsizetype entries = 0;
        qsizetype bytes = 0;
        qint64 diskHits = 0;
        DocumentCache::Stats documents;
    };
    Stats stats() const;

private:
    struct Entry
    {
        ParsedBlobPtr blob;
        std::list<std::string>::iterator lru;
    };
    void evictLocked();
    ParsedBlobPtr readAndParse(const git::Repository& repo, const git::ObjectId& id);
    void remember(const git::ObjectId& id, const ParsedBlobPtr& blob);

    const qsizetype m_maxBytes;
    const ParseOptions m_options;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries;
    std::list<std::string> m_lru; // front = most recently used
    qsizetype m_bytes = 0;
    qint64 m_hits = 0;
    qint64 m_misses = 0;
    qint64 m_diskHits = 0;
    DocumentCache m_documents; // slices shared between blobs (a third of the bound)
    std::unique_ptr<DiskCache> m_disk;
};

} // namespace shiplog::core::manifest
