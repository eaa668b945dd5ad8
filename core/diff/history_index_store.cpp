#include "core/diff/history_index_store.h"

#include "core/common/string_pool.h"
#include "core/manifest/cbor_stream.h"

#include <QCborArray>
#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cstring>

namespace shiplog::core::diff {

namespace {

// Bump when what an entry means changes (the scanner's rules, the encoding).
// 3: each entry keeps the keys its new file versions define beyond its changes (`defined`).
// 4: those definitions as one byte string, each path once (decoded only when asked).
// 5: only the definitions that the file's old version did not have (argo-cd: 20 → … MB).
// 6: duplicate definitions apart from the errors, as one byte string (argo-cd: 16 → … MB).
// A tip's postings of 100,000 commits take a few MB; anything far bigger is not ours.
constexpr qint64 kMaxPostingsBytes = 512LL * 1024 * 1024;

const QByteArray kDecisionsMagic = QByteArrayLiteral("shiplog-resource-decisions 1");

// What a decisions file is for: the key and the folders.
QString decisionsName(const manifest::ResourceKey& key, const QStringList& folders)
{
    return key.toArgument() + QLatin1Char('\n') + folders.join(QLatin1Char('\n'));
}

const QString kStoreTag = QStringLiteral("history-index 6");

QByteArray keyOf(const git::ObjectId& commit, const QStringList& folders)
{
    const QByteArray raw = commit.toRaw();
    if (folders.isEmpty())
        return raw;
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(raw);
    for (const QString& folder : folders)
        hash.addData(QByteArray('\0' + folder.toUtf8()));
    return hash.result();
}

void writeKey(QCborStreamWriter& out, const manifest::ResourceKey& key)
{
    out.startArray(4);
    out.append(key.group);
    out.append(key.kind);
    out.append(key.namespaceName);
    out.append(key.name);
    out.endArray();
}

// Written as a stream, not built as a QCborValue tree first: the same bytes at a fraction of the
// cost (the tree was 7 % of a cold index).
QByteArray encode(const IndexedCommit& entry)
{
    QByteArray bytes;
    QCborStreamWriter out(&bytes);
    out.startArray(6);
    out.startArray(entry.errors.size());
    for (const manifest::ParseError& e : entry.errors) {
        out.startArray(4);
        out.append(e.path);
        out.append(qint64(e.line));
        out.append(e.message);
        out.append(e.contentUnknown);
        out.endArray();
    }
    out.endArray();
    out.append(entry.presumed);
    out.startArray(entry.changes.size());
    for (const ResourceChange& c : entry.changes) {
        out.startArray(8);
        writeKey(out, c.key);
        out.append(qint64(c.change));
        out.append(c.oldVersion);
        out.append(c.newVersion);
        out.append(c.oldPath);
        out.append(c.newPath);
        out.append(qint64(c.oldLine));
        out.append(qint64(c.newLine));
        out.endArray();
    }
    out.endArray();
    out.startArray(entry.unsettled.size());
    for (const manifest::ResourceKey& key : entry.unsettled)
        writeKey(out, key);
    out.endArray();
    out.append(entry.definitions);
    out.append(entry.duplicates);
    out.endArray();
    return bytes;
}

// Reads one record as a stream (no QCborValue tree: a second opening decodes every entry), checking
// every item's type and every array's length; anything else, and the record does not decode.
class RecordReader
{
public:
    // Strings through `strings` when given (each distinct one converted once), else decoded each.
    RecordReader(const QByteArray& bytes, StringPool* strings)
        : m_size(bytes.size()), m_in(bytes), m_strings(strings)
    {
    }

    // Enters an array of known length (`expected` items unless negative); its length in `length`.
    bool enter(qsizetype expected = -1, qsizetype* length = nullptr)
    {
        if (!m_in.isArray() || !m_in.isLengthKnown())
            return false;
        const quint64 n = m_in.length();
        if (n > quint64(m_size) || (expected >= 0 && n != quint64(expected)))
            return false; // each item takes a byte at least
        if (length)
            *length = qsizetype(n);
        return m_in.enterContainer();
    }
    bool leave() { return !m_in.hasNext() && m_in.leaveContainer(); }

    std::optional<QString> string()
    {
        if (!m_strings)
            return manifest::readCborString(m_in);
        if (!manifest::readCborUtf8(m_in, m_utf8, m_size))
            return std::nullopt;
        return m_strings->fromUtf8(m_utf8);
    }
    std::optional<QByteArray> bytes() { return manifest::readCborBytes(m_in); }
    std::optional<qint64> integer()
    {
        if (!m_in.isInteger())
            return std::nullopt;
        const qint64 value = m_in.toInteger();
        if (!m_in.next())
            return std::nullopt;
        return value;
    }
    std::optional<bool> boolean()
    {
        if (!m_in.isBool())
            return std::nullopt;
        const bool value = m_in.toBool();
        if (!m_in.next())
            return std::nullopt;
        return value;
    }
    std::optional<manifest::ResourceKey> key()
    {
        if (!enter(4))
            return std::nullopt;
        auto group = string();
        auto kind = group ? string() : std::nullopt;
        auto namespaceName = kind ? string() : std::nullopt;
        auto name = namespaceName ? string() : std::nullopt;
        if (!name || !leave())
            return std::nullopt;
        return manifest::ResourceKey{*group, *kind, *namespaceName, *name};
    }
    // The whole record read, and nothing after it.
    bool atEnd()
    {
        return m_in.lastError() == QCborError::NoError && m_in.containerDepth() == 0 &&
               m_in.currentOffset() == m_size;
    }

private:
    qsizetype m_size;
    QCborStreamReader m_in;
    StringPool* m_strings;
    std::string m_utf8;
};

std::optional<IndexedCommit> decode(const QByteArray& bytes, const QString& id, StringPool* strings)
{
    RecordReader in(bytes, strings);
    IndexedCommit entry;
    entry.id = id;
    qsizetype n = 0;
    if (!in.enter(6) || !in.enter(-1, &n))
        return std::nullopt;
    entry.errors.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        if (!in.enter(4))
            return std::nullopt;
        auto path = in.string();
        auto line = path ? in.integer() : std::nullopt;
        auto message = line ? in.string() : std::nullopt;
        auto unknown = message ? in.boolean() : std::nullopt;
        if (!unknown || !in.leave())
            return std::nullopt;
        entry.errors.append(manifest::ParseError{*path, int(*line), *message, *unknown});
    }
    const auto presumed = in.leave() ? in.boolean() : std::nullopt;
    if (!presumed || !in.enter(-1, &n))
        return std::nullopt;
    entry.presumed = *presumed;
    entry.changes.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        if (!in.enter(8))
            return std::nullopt;
        ResourceChange change;
        auto key = in.key();
        auto kind = key ? in.integer() : std::nullopt;
        if (!kind || *kind < 0 || *kind > 3)
            return std::nullopt;
        auto oldVersion = in.string();
        auto newVersion = oldVersion ? in.string() : std::nullopt;
        auto oldPath = newVersion ? in.string() : std::nullopt;
        auto newPath = oldPath ? in.string() : std::nullopt;
        auto oldLine = newPath ? in.integer() : std::nullopt;
        auto newLine = oldLine ? in.integer() : std::nullopt;
        if (!newLine || !in.leave())
            return std::nullopt;
        change.key = std::move(*key);
        change.change = ChangeKind(*kind);
        change.oldVersion = std::move(*oldVersion);
        change.newVersion = std::move(*newVersion);
        change.oldPath = std::move(*oldPath);
        change.newPath = std::move(*newPath);
        change.oldLine = int(*oldLine);
        change.newLine = int(*newLine);
        entry.changes.append(std::move(change));
    }
    if (!in.leave() || !in.enter(-1, &n))
        return std::nullopt;
    for (qsizetype i = 0; i < n; ++i) {
        auto key = in.key();
        if (!key)
            return std::nullopt;
        entry.unsettled.append(std::move(*key));
    }
    if (!in.leave())
        return std::nullopt;
    auto definitions = in.bytes();                             // decoded when asked (definitionsOf)
    auto duplicates = definitions ? in.bytes() : std::nullopt; // and duplicatesOf
    if (!duplicates || !in.leave() || !in.atEnd())
        return std::nullopt;
    entry.definitions = std::move(*definitions);
    entry.duplicates = std::move(*duplicates);
    return entry;
}

} // namespace

IndexStore::IndexStore(const QString& directory, qint64 maxBytes)
    : m_tag(kStoreTag + QLatin1Char(' ') + manifest::DiskCache::parserTagOf({})),
      m_disk(directory, m_tag, maxBytes)
{
}

IndexStore* IndexStore::shared()
{
    static IndexStore* store = []() -> IndexStore* {
        const QString directory = manifest::cacheFolder("SHIPLOG_INDEX_CACHE_DIR", QStringLiteral("index"));
        if (directory.isEmpty())
            return nullptr;
        auto* s = new IndexStore(directory); // never destroyed: jobs may use it while statics go away
        if (QCoreApplication::instance())
            qAddPostRoutine([] { IndexStore::shared()->flush(); });
        return s;
    }();
    return store;
}

std::optional<IndexedCommit> IndexStore::find(const git::ObjectId& commit, const QStringList& folders,
                                              StringPool* strings)
{
    // Taken, not copied: the index keeps the entry, and the store's copy would double it.
    const QByteArray record = m_disk.takeRecord(keyOf(commit, folders));
    if (record.isEmpty())
        return std::nullopt;
    auto entry = decode(record, commit.toString(), strings);
    if (entry)
        ++m_hits;
    return entry;
}

void IndexStore::add(const git::ObjectId& commit, const QStringList& folders, const IndexedCommit& entry)
{
    m_disk.addRecord(keyOf(commit, folders), encode(entry));
}

void IndexStore::flush()
{
    m_disk.flush();
}

QString IndexStore::postingsPath(const git::ObjectId& tip, const QStringList& folders) const
{
    return m_disk.directory() + QStringLiteral("/postings-") +
           QString::fromLatin1(keyOf(tip, folders).toHex()) + QStringLiteral(".bin");
}

std::optional<ResourcePostings> IndexStore::findPostings(const git::ObjectId& tip,
                                                         const QStringList& folders) const
{
    QFile file(postingsPath(tip, folders));
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxPostingsBytes)
        return std::nullopt;
    return decodePostings(file.readAll(), m_tag, tip, folders);
}

bool IndexStore::addPostings(const ResourcePostings& postings)
{
    // Bounded: the tips written last (a branch that moved leaves its old tips behind).
    return writeBounded(postingsPath(postings.tip, postings.folders), encodePostings(postings, m_tag),
                        QStringLiteral("postings-*.bin"), kKeptPostings);
}

bool IndexStore::writeBounded(const QString& path, const QByteArray& bytes, const QString& pattern, int kept)
{
    if (!QDir().mkpath(m_disk.directory()))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(bytes);
    if (!file.commit())
        return false;
    const QFileInfoList all = QDir(m_disk.directory()).entryInfoList({pattern}, QDir::Files, QDir::Time);
    for (qsizetype i = kept; i < all.size(); ++i)
        QFile::remove(all[i].filePath());
    return true;
}

QString IndexStore::decisionsPath(const manifest::ResourceKey& key, const QStringList& folders) const
{
    return m_disk.directory() + QStringLiteral("/decided-") +
           QString::fromLatin1(
               QCryptographicHash::hash(decisionsName(key, folders).toUtf8(), QCryptographicHash::Sha1)
                   .toHex()) +
           QStringLiteral(".bin");
}

QHash<git::ObjectId, bool> IndexStore::findDecisions(const manifest::ResourceKey& key,
                                                     const QStringList& folders) const
{
    QHash<git::ObjectId, bool> decisions;
    QFile file(decisionsPath(key, folders));
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxPostingsBytes)
        return decisions;
    QDataStream in(file.readAll());
    in.setVersion(QDataStream::Qt_6_4);
    QByteArray magic;
    QString tag;
    QString name;
    QByteArray payload;
    QByteArray digest;
    in >> magic >> tag >> name >> payload >> digest; // sized strings only: no count read is trusted
    constexpr int kRecord = git::ObjectId::kSize + 1;
    if (in.status() != QDataStream::Ok || magic != kDecisionsMagic || tag != m_tag ||
        name != decisionsName(key, folders) || payload.size() % kRecord != 0 ||
        QCryptographicHash::hash(payload, QCryptographicHash::Sha1) != digest)
        return decisions;
    decisions.reserve(payload.size() / kRecord);
    for (qsizetype at = 0; at < payload.size(); at += kRecord) {
        git::ObjectId id;
        std::memcpy(id.bytes.data(), payload.constData() + at, git::ObjectId::kSize);
        decisions.insert(id, payload.at(at + git::ObjectId::kSize) != 0);
    }
    return decisions;
}

bool IndexStore::addDecisions(const manifest::ResourceKey& key, const QStringList& folders,
                              const QHash<git::ObjectId, bool>& decisions)
{
    QByteArray payload;
    payload.reserve(decisions.size() * (git::ObjectId::kSize + 1));
    for (auto it = decisions.cbegin(); it != decisions.cend(); ++it) {
        payload.append(reinterpret_cast<const char*>(it.key().bytes.data()), git::ObjectId::kSize);
        payload.append(it.value() ? '\1' : '\0');
    }
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kDecisionsMagic << m_tag << decisionsName(key, folders) << payload
        << QCryptographicHash::hash(payload, QCryptographicHash::Sha1);
    return writeBounded(decisionsPath(key, folders), bytes, QStringLiteral("decided-*.bin"), kKeptDecisions);
}

} // namespace shiplog::core::diff
