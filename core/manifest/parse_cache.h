#pragma once

#include "core/manifest/manifest_parser.h"
#include "core/manifest/resource.h"

#include <QByteArray>
#include <QList>

#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <string>

struct git_repository;
struct git_oid;

namespace shiplog::core::manifest {

using ParsedBlobPtr = std::shared_ptr<const ParsedBlob>;

// Parsed blobs by object id. Blobs never change, so a blob is parsed once for every view, every
// commit and every thread; least recently used entries go when the approximate size passes the bound.
class ParseCache
{
public:
    explicit ParseCache(qsizetype maxBytes = 384LL * 1024 * 1024, ParseOptions options = {});
    ParseCache(const ParseCache&) = delete;
    ParseCache& operator=(const ParseCache&) = delete;

    // The process-wide cache that all views and jobs share.
    static ParseCache& shared();

    // The parsed blob `id` of `repo` (the caller's own handle), parsing it on a miss. Never null:
    // a blob that cannot be read comes back as a ParsedBlob with an error.
    ParsedBlobPtr get(git_repository* repo, const git_oid& id);

    // get() for many blobs, in the same order: the ones not cached yet are parsed several at once on
    // the parse threads (read here, on the caller's thread, which owns `repo`).
    QList<ParsedBlobPtr> getMany(git_repository* repo, const QList<git_oid>& ids);

    ParsedBlobPtr find(const git_oid& id);
    void insert(const git_oid& id, ParsedBlobPtr blob);
    void clear();

    struct Stats
    {
        qint64 hits = 0;
        qint64 misses = 0;
        qsizetype entries = 0;
        qsizetype bytes = 0;
    };
    Stats stats() const;

private:
    struct Entry
    {
        ParsedBlobPtr blob;
        std::list<std::string>::iterator lru;
    };
    void evictLocked();
    ParsedBlobPtr readAndParse(git_repository* repo, const git_oid& id);

    const qsizetype m_maxBytes;
    const ParseOptions m_options;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, Entry> m_entries;
    std::list<std::string> m_lru;  // front = most recently used
    qsizetype m_bytes = 0;
    qint64 m_hits = 0;
    qint64 m_misses = 0;
};

}  // namespace shiplog::core::manifest
