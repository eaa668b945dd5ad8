#include "core/manifest/parse_cache.h"

#include "core/git/git_error.h"
#include "core/git/handles.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <set>

namespace shiplog::core::manifest {

namespace {
std::string keyOf(const git_oid& id) { return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ); }
}  // namespace

ParseCache::ParseCache(qsizetype maxBytes, ParseOptions options) : m_maxBytes(maxBytes), m_options(options) {}

ParseCache& ParseCache::shared()
{
    static ParseCache cache;
    return cache;
}

ParsedBlobPtr ParseCache::find(const git_oid& id)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(keyOf(id));
    if (it == m_entries.end())
        return nullptr;
    m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
    ++m_hits;
    return it->second.blob;
}

void ParseCache::insert(const git_oid& id, ParsedBlobPtr blob)
{
    std::lock_guard lock(m_mutex);
    const std::string key = keyOf(id);
    if (m_entries.contains(key))
        return;  // another thread parsed it meanwhile: same content
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
}

ParseCache::Stats ParseCache::stats() const
{
    std::lock_guard lock(m_mutex);
    return Stats{m_hits, m_misses, qsizetype(m_entries.size()), m_bytes};
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
    git_oid id;
    QByteArray data;
    ParsedBlobPtr result;
};
}  // namespace

QList<ParsedBlobPtr> ParseCache::getMany(git_repository* repo, const QList<git_oid>& ids)
{
    QList<ParsedBlobPtr> results(ids.size());
    std::vector<PendingParse> pending;
    std::set<std::string> seen;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const git_oid& id = ids[i];
        if ((results[i] = find(id)))
            continue;
        if (!seen.insert(keyOf(id)).second)
            continue;
        git_blob* raw = nullptr;
        if (git_blob_lookup(&raw, repo, &id) < 0)
            continue;  // get() reports it
        git::BlobHandle blob(raw);
        const auto size = git_blob_rawsize(blob.get());
        if (qsizetype(size) > m_options.maxFileBytes)
            continue;  // get() refuses it without a copy
        pending.push_back(PendingParse{id, QByteArray(static_cast<const char*>(git_blob_rawcontent(blob.get())), qsizetype(size)), nullptr});
    }
    const ParseOptions options = m_options;
    QtConcurrent::blockingMap(parsePool(), pending, [options](PendingParse& p) {
        ParsedBlob result = parseManifest(p.data, options);
        p.data.clear();
        p.result = std::make_shared<const ParsedBlob>(std::move(result));
    });
    {
        std::lock_guard lock(m_mutex);
        m_misses += qint64(pending.size());
    }
    std::unordered_map<std::string, ParsedBlobPtr> parsed;
    for (PendingParse& p : pending) {
        insert(p.id, p.result);
        parsed.emplace(keyOf(p.id), std::move(p.result));
    }
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (results[i])
            continue;
        const auto it = parsed.find(keyOf(ids[i]));
        results[i] = it != parsed.end() ? it->second : get(repo, ids[i]);
    }
    return results;
}

ParsedBlobPtr ParseCache::get(git_repository* repo, const git_oid& id)
{
    if (ParsedBlobPtr cached = find(id))
        return cached;
    return readAndParse(repo, id);
}

ParsedBlobPtr ParseCache::readAndParse(git_repository* repo, const git_oid& id)
{
    {
        std::lock_guard lock(m_mutex);
        ++m_misses;
    }
    git_blob* raw = nullptr;
    const int rc = git_blob_lookup(&raw, repo, &id);
    git::BlobHandle blob(raw);
    ParsedBlobPtr parsed;
    if (rc < 0) {
        ParsedBlob failed;
        failed.error = ParseError{QString(), 0, git::lastError(rc, QStringLiteral("cannot read the file")).message};
        failed.approximateBytes = 256;
        parsed = std::make_shared<const ParsedBlob>(std::move(failed));
        return parsed;  // not cached: reading may work next time
    }
    const auto size = git_blob_rawsize(blob.get());
    if (qsizetype(size) > m_options.maxFileBytes) {
        // Refused without copying the content.
        ParsedBlob refused;
        refused.error = ParseError{QString(), 0,
                                   QStringLiteral("the file is %1 MB; Shiplog reads manifest files up to %2 MB")
                                       .arg(QString::number(double(size) / 1048576.0, 'f', 1),
                                            QString::number(double(m_options.maxFileBytes) / 1048576.0, 'f', 1))};
        refused.approximateBytes = 256;
        parsed = std::make_shared<const ParsedBlob>(std::move(refused));
    } else {
        const QByteArray data = QByteArray::fromRawData(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                                        qsizetype(size));
        // fromRawData: the parse copies what it keeps (document texts are detached below).
        ParsedBlob result = parseManifest(data, m_options);
        for (Resource& r : result.resources)
            r.text.detach();
        parsed = std::make_shared<const ParsedBlob>(std::move(result));
    }
    insert(id, parsed);
    return parsed;
}

}  // namespace shiplog::core::manifest
