#pragma once

#include "core/manifest/manifest_parser.h"
#include "core/manifest/resource.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <array>
#include <memory>
#include <mutex>

namespace shiplog::core::manifest {

// What a history index needs of a parsed blob — each resource's identity, apiVersion, line and
// digest, or the blob's error — kept on disk by blob id, so that a second opening of a repository
// neither reads nor parses its blobs again. Blobs come back without objects and texts
// (ParsedBlob::detailed false); views that show those parse the blob.
//
// The folder holds 16 shard files (by the blob id's first hex digit), each a CBOR map with a format
// version, the parser's settings, the entries and their BLAKE2b-256. A file that is missing, corrupt,
// of another version or for other parser settings counts as empty and is rewritten on the next
// flush. Shards are written whole with QSaveFile (readers never see half a file) under a QLockFile
// (two instances merge their entries instead of losing one's); each shard keeps at most
// maxBytes / 16, dropping its oldest entries first.
// Where one of the process-wide caches lives: $variable, else the application's cache folder
// (QStandardPaths::CacheLocation) + "/" + name; "" when the variable says "off" or there is no
// application to name the folder.
QString cacheFolder(const char* variable, const QString& name);

class DiskCache
{
public:
    // `parserTag` names everything the parse depends on (ParseOptions, parser version).
    DiskCache(QString directory, QString parserTag, qint64 maxBytes = 64LL * 1024 * 1024);
    ~DiskCache(); // flushes
    DiskCache(const DiskCache&) = delete;
    DiskCache& operator=(const DiskCache&) = delete;

    // The summary of blob `id` (20 raw bytes), or null. Thread-safe.
    ParsedBlobPtr find(const QByteArray& id);
    // Remembers the summary of `blob` (written by the next flush). Thread-safe.
    void add(const QByteArray& id, const ParsedBlob& blob);
    // The same store for other records by a 20-byte id (the history index's entries by commit):
    // the record, or empty; and adding one. Thread-safe.
    QByteArray findRecord(const QByteArray& id);
    void addRecord(const QByteArray& id, const QByteArray& record);
    // findRecord for a caller that keeps what it reads (the history index, which reads each of its
    // entries once): the record leaves memory, not the disk; asked for again, it is read again.
    QByteArray takeRecord(const QByteArray& id);
    // Writes the shards that have new entries; a shard locked by another instance for long is
    // left for the next flush. Returns false when some could not be written.
    bool flush();
    // Forgets the records read from the shard files that have nothing waiting to be written (read
    // again from disk when next asked for). For a caller that has taken what it needed: the
    // history index keeps its entries itself, and a long-running process need not keep a second
    // copy of the whole store (100,000 commits: 34 MB).
    void release();
    qsizetype pendingCount() const;

    QString directory() const { return m_directory; }
    static QString parserTagOf(const ParseOptions& options);

private:
    struct Shard
    {
        bool loaded = false;
        QHash<QByteArray, QByteArray> records; // blob id → CBOR of its summary
        QHash<QByteArray, QByteArray> pending; // added since the last write
        bool taken = false;                    // records were taken: a miss reads the file again
    };
    static constexpr int kShards = 16;
    Shard& shardOf(const QByteArray& id);
    QByteArray recordLocked(const QByteArray& id, bool take);
    QString shardPath(int index) const;
    // Adds the records of shard file `index` that `records` lacks; with `order`, their ids too, in
    // the file's order (oldest first: what writeShard drops first).
    void readFileInto(int index, QHash<QByteArray, QByteArray>& records,
                      QList<QByteArray>* order = nullptr) const;
    bool writeShard(int index);

    const QString m_directory;
    const QString m_parserTag;
    const qint64 m_maxShardBytes;
    mutable std::mutex m_mutex;
    std::array<Shard, kShards> m_shards;
};

} // namespace shiplog::core::manifest
