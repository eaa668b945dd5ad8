#include "core/diff/history_index_scan.h"

#include "core/git/objects.h"
#include "core/manifest/document_slices.h"
#include "core/manifest/identity_scanner.h"
#include "core/manifest/manifest_parser.h"

#include <algorithm>
#include <limits>
#include <optional>

namespace shiplog::core::diff {

namespace {

std::string keyOf(const git::ObjectId& id)
{
    return std::string(reinterpret_cast<const char*>(id.bytes.data()), id.bytes.size());
}

// What the index keeps of a parsed resource (as the parse cache's summaries).
manifest::Resource summaryOf(const manifest::Resource& r)
{
    manifest::Resource s;
    s.key = r.key;
    s.apiVersion = r.apiVersion;
    s.version = r.version;
    s.line = r.line;
    s.digest = r.digest;
    return s;
}

qsizetype approximateBytes(const manifest::ParsedBlob& blob)
{
    return 256 + 256 * blob.resources.size();
}

} // namespace

BlobScanner::BlobScanner(manifest::ParseOptions options, int share)
    : m_options(options), m_maxBytes(16LL * 1024 * 1024 / std::max(share, 1)),
      m_maxSliceBytes(24LL * 1024 * 1024 / std::max(share, 1)),
      m_documents(32LL * 1024 * 1024 / std::max(share, 1))
{
}

ScannedBlob BlobScanner::scan(QByteArrayView data)
{
    manifest::ParsedBlob summary;
    summary.detailed = false;
    const bool binary = QByteArrayView(data.data(), qMin<qsizetype>(data.size(), 8000)).contains('\0');
    const QList<manifest::DocumentSlice> slices = data.size() > m_options.maxFileBytes || binary
                                                      ? QList<manifest::DocumentSlice>()
                                                      : manifest::splitDocuments(data);
    QList<manifest::ScannedIdentity> scanned;
    scanned.reserve(slices.size());
    // A Git LFS pointer is no manifest, but an error the parser names.
    bool undecided = slices.isEmpty() || manifest::isLfsPointer(data);
    for (const manifest::DocumentSlice& s : slices) {
        scanned.append(scanSlice(data.sliced(s.begin, s.end - s.begin)));
        undecided = undecided || scanned.back().verdict == manifest::ScannedIdentity::Verdict::Undecided;
    }
    manifest::ParsedBlob parsed;
    if (undecided) {
        // The parser reads the whole file (its slices met before come from the slice cache): the
        // file's errors are then exact, and the slices the scanner left undecided get its answer.
        ++m_parsed;
        parsed = manifest::parseManifest(QByteArray::fromRawData(data.data(), data.size()), m_options,
                                         &m_documents);
        if (parsed.error) {
            summary.error = parsed.error;
            summary.approximateBytes = 256;
            return ScannedBlob{std::make_shared<const manifest::ParsedBlob>(std::move(summary)), false};
        }
    }
    qsizetype next = 0; // the parser's resources, in slice order
    for (qsizetype i = 0; i < slices.size(); ++i) {
        const manifest::DocumentSlice& s = slices[i];
        const manifest::ScannedIdentity& id = scanned[i];
        const int endLine = i + 1 < slices.size() ? slices[i + 1].firstLine : std::numeric_limits<int>::max();
        // Skip (or take) the parser's resources of this slice.
        const qsizetype first = next;
        while (next < parsed.resources.size() && parsed.resources[next].line < endLine)
            ++next;
        if (id.verdict == manifest::ScannedIdentity::Verdict::Undecided) {
            for (qsizetype k = first; k < next; ++k)
                summary.resources.append(summaryOf(parsed.resources[k]));
            continue;
        }
        const auto add = [&](const QString& apiVersion, const QString& kind, const QString& namespaceName,
                             const QString& name, const QByteArray& digest) {
            manifest::Resource r;
            r.apiVersion = apiVersion;
            const auto [group, version] = manifest::splitApiVersion(apiVersion);
            r.key = manifest::ResourceKey{group, kind, namespaceName, name};
            r.version = version;
            r.line = s.firstLine + id.line;
            r.digest = kTextDigestTag + digest;
            summary.resources.append(std::move(r));
        };
        if (id.verdict == manifest::ScannedIdentity::Verdict::List) {
            // A *List's items, each compared by its own text.
            for (const manifest::ScannedItem& item : id.items)
                add(item.apiVersion, item.kind, item.namespaceName, item.name, item.normalizedDigest);
            continue;
        }
        if (id.verdict == manifest::ScannedIdentity::Verdict::Resource)
            add(id.apiVersion, id.kind, id.namespaceName, id.name, id.normalizedDigest);
    }
    summary.approximateBytes = approximateBytes(summary);
    return ScannedBlob{std::make_shared<const manifest::ParsedBlob>(std::move(summary)), !undecided};
}

Result<QList<ScannedBlob>> BlobScanner::scanMany(const git::Repository& repo, const QList<git::ObjectId>& ids)
{
    QList<ScannedBlob> blobs;
    blobs.reserve(ids.size());
    std::optional<git::ObjectDatabase> odb;
    for (const git::ObjectId& id : ids) {
        const std::string key = keyOf(id);
        if (const auto it = m_entries.find(key); it != m_entries.end()) {
            m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
            blobs.append(it->second.blob);
            continue;
        }
        if (!odb) {
            auto opened = git::ObjectDatabase::open(repo);
            if (!opened)
                return std::unexpected(opened.error());
            odb.emplace(std::move(*opened));
        }
        // Straight from the object database, as the parse cache reads (no second hashing).
        auto object = git::readRawObject(*odb, id, QStringLiteral("file"));
        ScannedBlob blob;
        if (!object || object->type() != git::ObjectType::Blob) {
            manifest::ParsedBlob unreadable;
            unreadable.detailed = false;
            unreadable.error = manifest::ParseError{
                QString(), 0,
                QStringLiteral("cannot read the file: %1")
                    .arg(object ? QStringLiteral("object %1 is not a file").arg(id.toString())
                                : object.error().message),
                true};
            unreadable.approximateBytes = 256;
            blobs.append(
                ScannedBlob{std::make_shared<const manifest::ParsedBlob>(std::move(unreadable)), false});
            continue; // not kept: reading may work next time
        }
        ++m_read;
        blob = scan(QByteArrayView(object->data(), qsizetype(object->size())));
        remember(key, blob);
        blobs.append(std::move(blob));
    }
    return blobs;
}

manifest::ScannedIdentity BlobScanner::scanSlice(QByteArrayView text)
{
    // Small slices cost less to scan than to keep.
    constexpr qsizetype kMinCached = 2048;
    if (text.size() < kMinCached)
        return manifest::scanIdentity(text);
    const std::string_view key(text.data(), size_t(text.size()));
    if (const auto it = m_slices.find(key); it != m_slices.end()) {
        m_sliceLru.splice(m_sliceLru.begin(), m_sliceLru, it->second.lru);
        return it->second.identity;
    }
    SliceEntry entry{std::string(key), manifest::scanIdentity(text), {}};
    const std::string_view owned(entry.text);
    m_sliceLru.push_front(owned);
    entry.lru = m_sliceLru.begin();
    const manifest::ScannedIdentity identity = entry.identity;
    m_slices.emplace(owned, std::move(entry));
    m_sliceBytes += text.size();
    while (m_sliceBytes > m_maxSliceBytes && m_sliceLru.size() > 1) {
        const auto it = m_slices.find(m_sliceLru.back());
        m_sliceBytes -= qsizetype(it->second.text.size());
        m_sliceLru.pop_back();
        m_slices.erase(it);
    }
    return identity;
}

void BlobScanner::remember(const std::string& key, const ScannedBlob& blob)
{
    m_lru.push_front(key);
    m_bytes += blob.blob->approximateBytes;
    m_entries.emplace(key, Entry{blob, m_lru.begin()});
    while (m_bytes > m_maxBytes && m_lru.size() > 1) {
        const auto it = m_entries.find(m_lru.back());
        m_bytes -= it->second.blob.blob->approximateBytes;
        m_entries.erase(it);
        m_lru.pop_back();
    }
}

} // namespace shiplog::core::diff
