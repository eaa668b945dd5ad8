#include "core/diff/resource_postings.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QHash>
#include <QIODevice>
#include <QSet>
#include <algorithm>
#include <cstring>

namespace shiplog::core::diff {

namespace {

const QByteArray kMagic = QByteArrayLiteral("shiplog-resource-postings");
constexpr quint32 kVersion = 1;

} // namespace

const KeyPostings* ResourcePostings::find(const manifest::ResourceKey& key) const
{
    const auto it =
        std::lower_bound(keys.cbegin(), keys.cend(), key,
                         [](const KeyPostings& p, const manifest::ResourceKey& k) { return p.key < k; });
    return it != keys.cend() && it->key == key ? &*it : nullptr;
}

QList<manifest::ResourceKey> ResourcePostings::allKeys() const
{
    QList<manifest::ResourceKey> all;
    all.reserve(keys.size());
    for (const KeyPostings& p : keys)
        all.append(p.key);
    return all;
}

std::optional<ResourcePostings> buildPostings(const HistoryIndex& index, const git::ObjectId& tip,
                                              const QStringList& folders,
                                              const QList<git::ObjectId>& logOrder)
{
    ResourcePostings postings;
    postings.tip = tip;
    postings.folders = folders;
    const qsizetype n = index.commits.size();
    if (logOrder.size() != n)
        return std::nullopt;
    QHash<git::ObjectId, quint32> position;
    position.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        position.insert(logOrder[i], quint32(i));
    postings.commits.reserve(n);
    postings.logPosition.reserve(n);
    QHash<manifest::ResourceKey, QList<quint32>> candidates;
    QHash<manifest::ResourceKey, QSet<QString>> homes;
    for (qsizetype i = 0; i < n; ++i) {
        const IndexedCommit& commit = index.commits[i];
        auto id = git::ObjectId::fromString(commit.id);
        if (!id)
            return std::nullopt;
        const auto at = position.constFind(*id);
        if (at == position.constEnd())
            return std::nullopt;
        postings.commits.append(*id);
        postings.logPosition.append(*at);
        // mayChange(commit, key) for every key at once; each commit once per key.
        QSet<manifest::ResourceKey> listed;
        for (const ResourceChange& change : commit.changes)
            listed.insert(change.key);
        for (const manifest::ResourceKey& key : commit.unsettled)
            listed.insert(key);
        for (const manifest::ResourceKey& key : std::as_const(listed))
            candidates[key].append(quint32(i));
        if (!forEachHome(commit, [&homes](const manifest::ResourceKey& key, const QString& path) {
                homes[key].insert(path);
            }))
            return std::nullopt;
    }
    QList<manifest::ResourceKey> keys = candidates.keys();
    for (auto it = homes.keyBegin(); it != homes.keyEnd(); ++it) {
        if (!candidates.contains(*it))
            keys.append(*it);
    }
    std::sort(keys.begin(), keys.end());
    postings.keys.reserve(keys.size());
    for (const manifest::ResourceKey& key : std::as_const(keys)) {
        KeyPostings p;
        p.key = key;
        p.commits = candidates.value(key);
        const QSet<QString> paths = homes.value(key);
        p.homes = QStringList(paths.cbegin(), paths.cend());
        std::sort(p.homes.begin(), p.homes.end());
        postings.keys.append(std::move(p));
    }
    return postings;
}

QByteArray encodePostings(const ResourcePostings& postings, const QString& tag)
{
    QByteArray payload;
    {
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        QByteArray ids;
        ids.reserve(postings.commits.size() * git::ObjectId::kSize);
        for (const git::ObjectId& id : postings.commits)
            ids.append(reinterpret_cast<const char*>(id.bytes.data()), git::ObjectId::kSize);
        out << postings.folders << ids << postings.logPosition;
        // Paths once, keys pointing at them.
        QHash<QString, quint32> pathIndex;
        QStringList paths;
        for (const KeyPostings& p : postings.keys) {
            for (const QString& home : p.homes) {
                if (!pathIndex.contains(home)) {
                    pathIndex.insert(home, quint32(paths.size()));
                    paths.append(home);
                }
            }
        }
        out << paths << quint32(postings.keys.size());
        for (const KeyPostings& p : postings.keys) {
            QList<quint32> homes;
            homes.reserve(p.homes.size());
            for (const QString& home : p.homes)
                homes.append(pathIndex.value(home));
            out << p.key.group << p.key.kind << p.key.namespaceName << p.key.name << p.commits << homes;
        }
    }
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kMagic << kVersion << tag << postings.tip.toRaw() << payload
        << QCryptographicHash::hash(payload, QCryptographicHash::Sha1);
    return bytes;
}

std::optional<ResourcePostings> decodePostings(const QByteArray& bytes, const QString& tag,
                                               const git::ObjectId& tip, const QStringList& folders)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    QByteArray magic;
    quint32 version = 0;
    QString storedTag;
    QByteArray storedTip;
    QByteArray payload;
    QByteArray digest;
    // Only sized strings before the digest is checked: no count read from a corrupt file is trusted.
    in >> magic >> version >> storedTag >> storedTip >> payload >> digest;
    if (in.status() != QDataStream::Ok || magic != kMagic || version != kVersion || storedTag != tag ||
        storedTip != tip.toRaw() || QCryptographicHash::hash(payload, QCryptographicHash::Sha1) != digest)
        return std::nullopt;

    ResourcePostings postings;
    postings.tip = tip;
    postings.folders = folders;
    QDataStream body(payload);
    body.setVersion(QDataStream::Qt_6_4);
    QStringList storedFolders;
    QByteArray ids;
    QStringList paths;
    quint32 keyCount = 0;
    body >> storedFolders >> ids >> postings.logPosition >> paths >> keyCount;
    if (body.status() != QDataStream::Ok || storedFolders != folders ||
        ids.size() % git::ObjectId::kSize != 0)
        return std::nullopt;
    const qsizetype n = ids.size() / git::ObjectId::kSize;
    if (postings.logPosition.size() != n)
        return std::nullopt;
    postings.commits.resize(n);
    for (qsizetype i = 0; i < n; ++i) {
        std::memcpy(postings.commits[i].bytes.data(), ids.constData() + i * git::ObjectId::kSize,
                    git::ObjectId::kSize);
        if (postings.logPosition[i] >= quint32(n))
            return std::nullopt;
    }
    if (keyCount > quint32(payload.size()))
        return std::nullopt;
    postings.keys.reserve(keyCount);
    for (quint32 k = 0; k < keyCount; ++k) {
        KeyPostings p;
        QList<quint32> homes;
        body >> p.key.group >> p.key.kind >> p.key.namespaceName >> p.key.name >> p.commits >> homes;
        if (body.status() != QDataStream::Ok)
            return std::nullopt;
        if (!postings.keys.isEmpty() && !(postings.keys.back().key < p.key))
            return std::nullopt; // not sorted: find() would miss keys
        for (quint32 c : std::as_const(p.commits)) {
            if (c >= quint32(n))
                return std::nullopt;
        }
        p.homes.reserve(homes.size());
        for (quint32 h : std::as_const(homes)) {
            if (h >= quint32(paths.size()))
                return std::nullopt;
            p.homes.append(paths[h]);
        }
        postings.keys.append(std::move(p));
    }
    if (!body.atEnd())
        return std::nullopt;
    return postings;
}

} // namespace shiplog::core::diff
