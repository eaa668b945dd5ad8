#include "core/diff/history_index_store.h"

#include <QCborArray>
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
// A tip's postings of 100,000 commits take a few MB; anything far bigger is not ours.
constexpr qint64 kMaxPostingsBytes = 512LL * 1024 * 1024;

const QByteArray kDecisionsMagic = QByteArrayLiteral("shiplog-resource-decisions 1");

// What a decisions file is for: the key and the folders.
QString decisionsName(const manifest::ResourceKey& key, const QStringList& folders)
{
    return key.toArgument() + QLatin1Char('\n') + folders.join(QLatin1Char('\n'));
}

const QString kStoreTag = QStringLiteral("history-index 5");

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

QCborArray encodeKey(const manifest::ResourceKey& key)
{
    return QCborArray{key.group, key.kind, key.namespaceName, key.name};
}

std::optional<manifest::ResourceKey> decodeKey(const QCborValue& value)
{
    const QCborArray a = value.toArray();
    if (a.size() != 4)
        return std::nullopt;
    for (const QCborValue& v : a) {
        if (!v.isString())
            return std::nullopt;
    }
    return manifest::ResourceKey{a.at(0).toString(), a.at(1).toString(), a.at(2).toString(),
                                 a.at(3).toString()};
}

QByteArray encode(const IndexedCommit& entry)
{
    QCborArray changes;
    for (const ResourceChange& c : entry.changes)
        changes.append(QCborArray{encodeKey(c.key), qint64(c.change), c.oldVersion, c.newVersion, c.oldPath,
                                  c.newPath, qint64(c.oldLine), qint64(c.newLine)});
    QCborArray unsettled;
    for (const manifest::ResourceKey& key : entry.unsettled)
        unsettled.append(encodeKey(key));
    QCborArray errors;
    for (const manifest::ParseError& e : entry.errors)
        errors.append(QCborArray{e.path, qint64(e.line), e.message, e.contentUnknown});
    return QCborValue(QCborArray{errors, entry.presumed, changes, unsettled, entry.definitions}).toCbor();
}

std::optional<IndexedCommit> decode(const QByteArray& bytes, const QString& id)
{
    QCborParserError error;
    const QCborArray record = QCborValue::fromCbor(bytes, &error).toArray();
    if (error.error != QCborError::NoError || record.size() != 5 || !record.at(0).isArray() ||
        !record.at(1).isBool() || !record.at(2).isArray() || !record.at(3).isArray() ||
        !record.at(4).isByteArray())
        return std::nullopt;
    IndexedCommit entry;
    entry.id = id;
    for (const QCborValue& item : record.at(0).toArray()) {
        const QCborArray e = item.toArray();
        if (e.size() != 4 || !e.at(0).isString() || !e.at(1).isInteger() || !e.at(2).isString() ||
            !e.at(3).isBool())
            return std::nullopt;
        entry.errors.append(manifest::ParseError{e.at(0).toString(), int(e.at(1).toInteger()),
                                                 e.at(2).toString(), e.at(3).toBool()});
    }
    entry.presumed = record.at(1).toBool();
    const QCborArray changes = record.at(2).toArray();
    entry.changes.reserve(changes.size());
    for (const QCborValue& item : changes) {
        const QCborArray c = item.toArray();
        const auto key = decodeKey(c.at(0));
        if (c.size() != 8 || !key || !c.at(1).isInteger() || c.at(1).toInteger() < 0 ||
            c.at(1).toInteger() > 3)
            return std::nullopt;
        ResourceChange change;
        change.key = *key;
        change.change = ChangeKind(c.at(1).toInteger());
        change.oldVersion = c.at(2).toString();
        change.newVersion = c.at(3).toString();
        change.oldPath = c.at(4).toString();
        change.newPath = c.at(5).toString();
        change.oldLine = int(c.at(6).toInteger());
        change.newLine = int(c.at(7).toInteger());
        entry.changes.append(std::move(change));
    }
    for (const QCborValue& item : record.at(3).toArray()) {
        const auto key = decodeKey(item);
        if (!key)
            return std::nullopt;
        entry.unsettled.append(*key);
    }
    entry.definitions = record.at(4).toByteArray(); // decoded when asked (definitionsOf)
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

std::optional<IndexedCommit> IndexStore::find(const git::ObjectId& commit, const QStringList& folders)
{
    const QByteArray record = m_disk.findRecord(keyOf(commit, folders));
    if (record.isEmpty())
        return std::nullopt;
    auto entry = decode(record, commit.toString());
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
