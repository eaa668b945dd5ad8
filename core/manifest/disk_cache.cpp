#include "core/manifest/disk_cache.h"

#include "core/manifest/cbor_stream.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace shiplog::core::manifest {

QString cacheFolder(const char* variable, const QString& name)
{
    QString directory = qEnvironmentVariable(variable);
    if (directory.isEmpty() && QCoreApplication::instance())
        directory = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u'/' + name;
    return directory == QLatin1String("off") ? QString() : directory;
}

namespace {

// 2: every kind ending in List with items is read as a list (was: kind List only).
// 3: the entries' checksum is BLAKE2b-256, not SHA-256: it only finds damage (whoever can write the
// file can write its checksum), and Qt's SHA-256 (160 MB/s here, BLAKE2b 730 MB/s) was 7 % of
// bench_changes' cold and second index of 30,000 commits.
constexpr int kFormatVersion = 3;
constexpr auto kChecksum = QCryptographicHash::Blake2b_256;
const QString kFormat = QStringLiteral("shiplog-parsed-blobs");

// Null (not QCborValue(), which is *undefined*) for "no namespace", as decodeSummary expects.
QCborValue optionalString(const QString& text)
{
    return text.isEmpty() ? QCborValue(QCborValue::Null) : QCborValue(text);
}

QByteArray encodeSummary(const ParsedBlob& blob)
{
    QCborArray resources;
    for (const Resource& r : blob.resources) {
        resources.append(QCborArray{r.apiVersion, r.key.kind, optionalString(r.key.namespaceName), r.key.name,
                                    qint64(r.line), r.digest});
    }
    QCborArray record{resources};
    if (blob.error)
        record << qint64(blob.error->line) << blob.error->message << blob.error->contentUnknown;
    return QCborValue(record).toCbor();
}

// Null when the record is not what encodeSummary writes (a corrupt file that still had a valid
// checksum, or a bug): the caller parses the blob instead.
ParsedBlobPtr decodeSummary(const QByteArray& bytes)
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !value.isArray())
        return nullptr;
    const QCborArray record = value.toArray();
    if (record.isEmpty() || !record.at(0).isArray())
        return nullptr;
    ParsedBlob blob;
    blob.detailed = false;
    if (record.size() == 4) {
        if (!record.at(1).isInteger() || !record.at(2).isString() || !record.at(3).isBool())
            return nullptr;
        blob.error = ParseError{QString(), int(record.at(1).toInteger()), record.at(2).toString(),
                                record.at(3).toBool()};
    } else if (record.size() != 1) {
        return nullptr;
    }
    const QCborArray resources = record.at(0).toArray();
    for (const QCborValue& item : resources) {
        const QCborArray fields = item.toArray();
        if (fields.size() != 6 || !fields.at(0).isString() || !fields.at(1).isString() ||
            !(fields.at(2).isString() || fields.at(2).isNull() || fields.at(2).isUndefined()) ||
            !fields.at(3).isString() || !fields.at(4).isInteger() || !fields.at(5).isByteArray())
            return nullptr;
        Resource r;
        r.apiVersion = fields.at(0).toString();
        const auto [group, version] = splitApiVersion(r.apiVersion);
        r.key.group = group;
        r.version = version;
        r.key.kind = fields.at(1).toString();
        r.key.namespaceName = fields.at(2).toString();
        r.key.name = fields.at(3).toString();
        r.line = int(fields.at(4).toInteger());
        r.digest = fields.at(5).toByteArray();
        blob.resources.append(std::move(r));
    }
    blob.approximateBytes = 256 + 256 * blob.resources.size();
    return std::make_shared<const ParsedBlob>(std::move(blob));
}

} // namespace

DiskCache::DiskCache(QString directory, QString parserTag, qint64 maxBytes)
    : m_directory(std::move(directory)), m_parserTag(std::move(parserTag)),
      m_maxShardBytes(maxBytes / kShards)
{
}

DiskCache::~DiskCache()
{
    flush();
}

QString DiskCache::parserTagOf(const ParseOptions& options)
{
    // Bump the first number whenever the parser's output changes (scalar rules, digests, lines).
    return QStringLiteral("parser 2; max %1; depth %2; aliases %3; documents %4")
        .arg(options.maxFileBytes)
        .arg(options.limits.maxDepth)
        .arg(options.limits.maxAliasExpandedNodes)
        .arg(options.limits.maxDocuments);
}

QString DiskCache::shardPath(int index) const
{
    return m_directory + QStringLiteral("/blobs-%1.cbor").arg(index, 0, 16);
}

DiskCache::Shard& DiskCache::shardOf(const QByteArray& id)
{
    const int index = id.isEmpty() ? 0 : (static_cast<unsigned char>(id.at(0)) >> 4);
    Shard& shard = m_shards[size_t(index)];
    if (!shard.loaded) {
        readFileInto(index, shard.records);
        shard.loaded = true;
    }
    return shard;
}

void DiskCache::readFileInto(int index, QHash<QByteArray, QByteArray>& records,
                             QList<QByteArray>* order) const
{
    QFile file(shardPath(index));
    if (!file.open(QIODevice::ReadOnly) || file.size() > 2 * m_maxShardBytes + 65536)
        return;
    const QByteArray bytes = file.readAll();
    QCborParserError error;
    const QCborValue top = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !top.isMap())
        return;
    const QCborMap map = top.toMap();
    if (map.value(QStringLiteral("format")).toString() != kFormat ||
        map.value(QStringLiteral("version")).toInteger() != kFormatVersion ||
        map.value(QStringLiteral("parser")).toString() != m_parserTag)
        return;
    const QByteArray payload = map.value(QStringLiteral("entries")).toByteArray();
    if (QCryptographicHash::hash(payload, kChecksum) != map.value(QStringLiteral("checksum")).toByteArray())
        return; // torn or corrupt: start over
    // [[id, record], …] read as a stream: a QCborValue tree of every record was most of a second
    // opening's reading. The checksum matched, so a surprise here is a bug or another version's
    // file: the records read so far are kept, the rest dropped.
    QCborStreamReader in(payload);
    if (!in.isArray() || !in.enterContainer())
        return;
    while (in.hasNext()) {
        if (!in.isArray() || !in.isLengthKnown() || in.length() != 2 || !in.enterContainer())
            return;
        const auto id = readCborBytes(in);
        const auto record = id ? readCborBytes(in) : std::nullopt;
        if (!record || !in.leaveContainer())
            return;
        if (records.contains(*id))
            continue;
        records.insert(*id, *record);
        if (order)
            order->append(*id);
    }
}

ParsedBlobPtr DiskCache::find(const QByteArray& id)
{
    const QByteArray record = findRecord(id);
    return record.isEmpty() ? nullptr : decodeSummary(record);
}

void DiskCache::add(const QByteArray& id, const ParsedBlob& blob)
{
    addRecord(id, encodeSummary(blob));
}

QByteArray DiskCache::findRecord(const QByteArray& id)
{
    std::lock_guard lock(m_mutex);
    return recordLocked(id, false);
}

QByteArray DiskCache::takeRecord(const QByteArray& id)
{
    std::lock_guard lock(m_mutex);
    return recordLocked(id, true);
}

QByteArray DiskCache::recordLocked(const QByteArray& id, bool take)
{
    Shard& shard = shardOf(id);
    auto it = shard.records.find(id);
    if (it == shard.records.end() && shard.taken) {
        readFileInto(int(&shard - m_shards.data()), shard.records); // what was taken comes back
        shard.taken = false;
        it = shard.records.find(id);
    }
    if (it == shard.records.end())
        return shard.pending.value(id); // taken before it was written
    if (!take)
        return *it;
    QByteArray record = std::move(*it);
    shard.records.erase(it);
    shard.taken = true;
    return record;
}

void DiskCache::addRecord(const QByteArray& id, const QByteArray& record)
{
    std::lock_guard lock(m_mutex);
    Shard& shard = shardOf(id);
    if (shard.records.contains(id))
        return;
    shard.records.insert(id, record);
    shard.pending.insert(id, record);
}

qsizetype DiskCache::pendingCount() const
{
    std::lock_guard lock(m_mutex);
    qsizetype n = 0;
    for (const Shard& shard : m_shards)
        n += shard.pending.size();
    return n;
}

bool DiskCache::flush()
{
    std::lock_guard lock(m_mutex);
    bool ok = true;
    for (int i = 0; i < kShards; ++i) {
        if (!m_shards[size_t(i)].pending.isEmpty())
            ok = writeShard(i) && ok;
    }
    return ok;
}

void DiskCache::release()
{
    std::lock_guard lock(m_mutex);
    for (Shard& shard : m_shards) {
        if (shard.pending.isEmpty())
            shard = Shard{};
    }
}

bool DiskCache::writeShard(int index)
{
    if (!QDir().mkpath(m_directory))
        return false;
    QLockFile lock(shardPath(index) + QStringLiteral(".lock"));
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(2000))
        return false; // another instance writes it right now: ours go next time
    // Merge with what other instances wrote since this one read the file.
    Shard merged;
    QList<QByteArray> order; // oldest first
    readFileInto(index, merged.records, &order);
    Shard& shard = m_shards[size_t(index)];
    for (auto it = shard.pending.constBegin(); it != shard.pending.constEnd(); ++it) {
        if (merged.records.contains(it.key()))
            continue;
        merged.records.insert(it.key(), it.value());
        order.append(it.key());
    }
    const auto sizeOf = [&merged](const QByteArray& id) {
        return id.size() + merged.records.value(id).size() + 8;
    };
    qint64 bytes = 0;
    for (const QByteArray& id : std::as_const(order))
        bytes += sizeOf(id);
    qsizetype drop = 0;
    while (bytes > m_maxShardBytes && drop < order.size()) {
        const QByteArray& id = order.at(drop++);
        bytes -= sizeOf(id);
        merged.records.remove(id);
    }
    order.remove(0, drop);

    QByteArray payload; // [[id, record], …], written as a stream (no tree of every record first)
    {
        QCborStreamWriter out(&payload);
        out.startArray(order.size());
        for (const QByteArray& id : std::as_const(order)) {
            out.startArray(2);
            out.append(id);
            out.append(merged.records.value(id));
            out.endArray();
        }
        out.endArray();
    }
    const QCborMap top{{QStringLiteral("format"), kFormat},
                       {QStringLiteral("version"), kFormatVersion},
                       {QStringLiteral("parser"), m_parserTag},
                       {QStringLiteral("entries"), payload},
                       {QStringLiteral("checksum"), QCryptographicHash::hash(payload, kChecksum)}};
    QSaveFile file(shardPath(index));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QCborValue(top).toCbor());
    if (!file.commit())
        return false;
    merged.loaded = true;
    shard = std::move(merged);
    return true;
}

} // namespace shiplog::core::manifest
