#include "core/manifest/parse_cache.h"

#include "core/git/objects.h"

#include <QCoreApplication>
#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <set>

namespace shiplog::core::manifest {

namespace {
std::string keyOf(const git::ObjectId& id)
{
    return std::string(reinterpret_cast<const char*>(id.bytes.data()), id.bytes.size());
}
QByteArray rawId(const git::ObjectId& id)
{
    return id.toRaw();
}
// New summaries are written to disk in batches: a whole-history index writes every ~16,000 blobs.
// (Each write rewrites whole shard files, so not too often.)
constexpr qsizetype kFlushEvery = 16384;
} // namespace

ParseCache::ParseCache(qsizetype maxBytes, ParseOptions options)
    : m_maxBytes(maxBytes), m_options(options), m_documents(maxBytes / 3)
{
}

ParseCache::~ParseCache() = default; // the disk cache flushes itself

ParseCache& ParseCache::shared()
{
    static ParseCache* cache = [] {
        auto* c = new ParseCache; // never destroyed: jobs may still use it while statics go away
        const QString directory = cacheFolder("SHIPLOG_PARSE_CACHE_DIR", QStringLiteral("parsed"));
        if (!directory.isEmpty()) {
            c->setDiskCache(directory);
            if (QCoreApplication::instance())
                qAddPostRoutine([] { ParseCache::shared().flushDiskCache(); });
        }
        return c;
    }();
    return *cache;
}

void ParseCache::setDiskCache(const QString& directory, qint64 maxBytes)
{
    std::lock_guard lock(m_mutex);
    m_disk = directory.isEmpty()
                 ? nullptr
                 : std::make_unique<DiskCache>(directory, DiskCache::parserTagOf(m_options), maxBytes);
}

void ParseCache::flushDiskCache()
{
    if (m_disk)
        m_disk->flush();
}

void ParseCache::remember(const git::ObjectId& id, const ParsedBlobPtr& blob)
{
    insert(id, blob);
    if (m_disk && blob->detailed) {
        m_disk->add(rawId(id), *blob);
        if (m_disk->pendingCount() >= kFlushEvery)
            m_disk->flush();
    }
}

ParsedBlobPtr ParseCache::find(const git::ObjectId& id, Need need)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(keyOf(id));
    if (it == m_entries.end() || (need == Need::Details && !it->second.blob->detailed))
        return nullptr;
    m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
    ++m_hits;
    return it->second.blob;
}

void ParseCache::insert(const git::ObjectId& id, ParsedBlobPtr blob)
{
    std::lock_guard lock(m_mutex);
    const std::string key = keyOf(id);
    if (const auto it = m_entries.find(key); it != m_entries.end()) {
        if (it->second.blob->detailed || !blob->detailed)
            return; // another thread parsed it meanwhile: same content
        // The details of a blob known so far as a summary.
        m_bytes += blob->approximateBytes - it->second.blob->approximateBytes;
        it->second.blob = std::move(blob);
        m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
        evictLocked();
        return;
    }
    m_lru.push_front(key);
    m_bytes += blob->approximateBytes;
    m_entries.emplace(key, Entry{std::move(blob), m_lru.begin()});
    evictLocked();
}

void ParseCache::evictLocked()
{
    while (m_bytes > m_maxBytes && m_lru.size() > 1) {
        const auto it = m_entries.find(m_lru.back());
        m_bytes -= it->second.blob->approximateBytes;
        m_entries.erase(it);
        m_lru.pop_back();
    }
}

void ParseCache::clear()
{
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_lru.clear();
    m_bytes = 0;
    m_documents.clear();
}

ParseCache::Stats ParseCache::stats() const
{
    std::lock_guard lock(m_mutex);
    return Stats{m_hits, m_misses, qsizetype(m_entries.size()), m_bytes, m_diskHits, m_documents.stats()};
}

namespace {
// Parsing only: bounded CPU work that never waits on anything, so it gets its own small pool and
// cannot starve (or deadlock on) the jobs that call it.
QThreadPool* parsePool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
        return p;
    }();
    return pool;
}

struct PendingParse
{
    git::ObjectId id;
    git::RawObject object;
    ParsedBlobPtr result;
};

} // namespace

namespace {
// What an index keeps of a parsed blob: identities, versions, lines and digests, no values or texts.
ParsedBlobPtr summaryOf(const ParsedBlob& blob)
{
    ParsedBlob summary;
    summary.detailed = false;
    summary.error = blob.error;
    summary.resources.reserve(blob.resources.size());
    for (const Resource& r : blob.resources) {
        Resource s;
        s.key = r.key;
        s.apiVersion = r.apiVersion;
        s.version = r.version;
        s.line = r.line;
        s.digest = r.digest;
        summary.resources.append(std::move(s));
    }
    summary.approximateBytes = 256 + 256 * summary.resources.size();
    return std::make_shared<const ParsedBlob>(std::move(summary));
}
} // namespace

class ParseCache::Batch
{
public:
    ~Batch() { parsing.waitForFinished(); } // the parse threads write into `pending`
    QList<git::ObjectId> ids;
    Need need = Need::Details;
    QList<ParsedBlobPtr> results;
    std::vector<PendingParse> pending; // never resized once parsing started
    qint64 bytes = 0;
    QFuture<void> parsing;
};

qint64 ParseCache::bytesRead(const std::shared_ptr<Batch>& batch)
{
    return batch ? batch->bytes : 0;
}

QList<ParsedBlobPtr> ParseCache::getMany(const git::Repository& repo, const QList<git::ObjectId>& ids,
                                         Need need)
{
    return finishMany(repo, startMany(repo, ids, need));
}

std::shared_ptr<ParseCache::Batch> ParseCache::startMany(const git::Repository& repo,
                                                         const QList<git::ObjectId>& ids, Need need)
{
    auto batch = std::make_shared<Batch>();
    batch->ids = ids;
    batch->need = need;
    batch->results.resize(ids.size());
    std::set<std::string> seen;
    auto odb = git::ObjectDatabase::open(repo); // when it does not open, get() says why for each blob
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const git::ObjectId& id = ids[i];
        if ((batch->results[i] = find(id, need)))
            continue;
        if (need == Need::Keys && m_disk && (batch->results[i] = m_disk->find(rawId(id)))) {
            insert(id, batch->results[i]); // decoded once, not at every commit that shows the blob
            std::lock_guard lock(m_mutex);
            ++m_diskHits;
            continue;
        }
        if (!seen.insert(keyOf(id)).second)
            continue;
        // Straight from the object database: git_blob_lookup would hash every blob again (the
        // biggest cost of reading new multi-megabyte blobs).
        auto object = odb ? git::readRawObject(*odb, id, QStringLiteral("file")) : Result<git::RawObject>();
        if (!odb || !object || object->type() != git::ObjectType::Blob ||
            qsizetype(object->size()) > m_options.maxFileBytes)
            continue; // get() reports it, or refuses it
        batch->bytes += qint64(object->size());
        batch->pending.push_back(PendingParse{id, std::move(*object), nullptr});
    }
    const ParseOptions options = m_options;
    DocumentCache* documents = &m_documents;
    DiskCache* disk = m_disk.get();
    if (batch->pending.empty())
        return batch; // all cached: no round trip through the parse threads (a default future is finished)
    batch->parsing =
        QtConcurrent::map(parsePool(), batch->pending, [options, documents, disk](PendingParse& p) {
            // Raw bytes: the slice cache copies the slices it keeps, so nothing here outlives the object.
            const QByteArray data = QByteArray::fromRawData(p.object.data(), qsizetype(p.object.size()));
            ParsedBlob result = parseManifest(data, options, documents);
            p.object = git::RawObject();
            p.result = std::make_shared<const ParsedBlob>(std::move(result));
            if (disk)
                disk->add(rawId(p.id), *p.result); // encoded here, on the parse threads
        });
    return batch;
}

QList<ParsedBlobPtr> ParseCache::finishMany(const git::Repository& repo, const std::shared_ptr<Batch>& batch)
{
    batch->parsing.waitForFinished();
    {
        std::lock_guard lock(m_mutex);
        m_misses += qint64(batch->pending.size());
    }
    std::unordered_map<std::string, ParsedBlobPtr> parsed;
    for (PendingParse& p : batch->pending) {
        insert(p.id, batch->need == Need::Keys ? summaryOf(*p.result) : p.result);
        parsed.emplace(keyOf(p.id), std::move(p.result));
    }
    if (m_disk && m_disk->pendingCount() >= kFlushEvery)
        m_disk->flush();
    QList<ParsedBlobPtr> results = std::move(batch->results);
    for (qsizetype i = 0; i < batch->ids.size(); ++i) {
        if (results[i])
            continue;
        const git::ObjectId& id = batch->ids[i];
        const auto it = parsed.find(keyOf(id));
        // Not in this batch's own parses: one that an earlier batch parsed meanwhile, or an
        // unreadable or refused blob (get() reports why).
        if (it != parsed.end())
            results[i] = it->second;
        else if (!(results[i] = find(id, batch->need)))
            results[i] = get(repo, id);
    }
    return results;
}

ParsedBlobPtr ParseCache::get(const git::Repository& repo, const git::ObjectId& id)
{
    if (ParsedBlobPtr cached = find(id))
        return cached;
    return readAndParse(repo, id);
}

ParsedBlobPtr ParseCache::readAndParse(const git::Repository& repo, const git::ObjectId& id)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_misses;
    }
    auto odb = git::ObjectDatabase::open(repo);
    auto blob = odb ? git::readRawObject(*odb, id, QStringLiteral("file"))
                    : Result<git::RawObject>(std::unexpected(odb.error()));
    if (blob && blob->type() != git::ObjectType::Blob)
        blob = fail(QStringLiteral("object %1 is not a file").arg(id.toString()));
    ParsedBlobPtr parsed;
    if (!blob) {
        ParsedBlob failed;
        failed.error = ParseError{QString(), 0,
                                  QStringLiteral("cannot read the file: %1").arg(blob.error().message), true};
        failed.approximateBytes = 256;
        parsed = std::make_shared<const ParsedBlob>(std::move(failed));
        return parsed; // not cached: reading may work next time
    }
    const auto size = blob->size();
    if (qsizetype(size) > m_options.maxFileBytes) {
        // Refused without copying the content.
        ParsedBlob refused;
        refused.error =
            ParseError{QString(), 0,
                       QStringLiteral("the file is %1 MB; Shiplog reads manifest files up to %2 MB")
                           .arg(QString::number(double(size) / 1048576.0, 'f', 1),
                                QString::number(double(m_options.maxFileBytes) / 1048576.0, 'f', 1)),
                       true};
        refused.approximateBytes = 256;
        parsed = std::make_shared<const ParsedBlob>(std::move(refused));
    } else {
        const QByteArray data = QByteArray::fromRawData(blob->data(), qsizetype(size));
        // fromRawData: the parse copies what it keeps (document texts are detached below).
        ParsedBlob result = parseManifest(data, m_options, &m_documents);
        for (Resource& r : result.resources)
            r.text.detach();
        parsed = std::make_shared<const ParsedBlob>(std::move(result));
    }
    remember(id, parsed);
    return parsed;
}

} // namespace shiplog::core::manifest
