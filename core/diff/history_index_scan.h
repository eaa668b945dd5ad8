#pragma once

// What the history index reads of a blob: every slice's identity from the identity scanner and a
// digest of its normalized text; the parser reads only files with a slice the scanner leaves to it.
// Core-internal (history_index.cpp).
#include "core/git/object_id.h"
#include "core/git/repository.h"
#include "core/manifest/document_cache.h"
#include "core/manifest/identity_scanner.h"
#include "core/manifest/manifest_parser.h"

#include <QList>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

namespace shiplog::core::diff {

// A digest that starts with this byte is a normalized text's (identity_scanner.h), not the values':
// equal digests still mean equal values, different ones only "text changed".
constexpr char kTextDigestTag = 'n';

struct ScannedBlob
{
    // Keys, versions, lines and digests (ParsedBlob::detailed false); an error when it does not read.
    manifest::ParsedBlobPtr blob;
    // No parser read it: a slice may not parse (the file would then contribute only an error).
    bool unparsed = false;
};

// Scanned blobs by object id, least recently used dropped past a byte bound. One thread.
class BlobScanner
{
public:
    // `share`: how many scanners run at once; each keeps that fraction of the bounds (72 MB in all:
    // scanned blobs 16, slices 24, parsed documents 32), so threads do not multiply the memory.
    // The scanned blobs' sizes are estimates below what they take: at 32 MB they were 25 MB of
    // the 100,000-commit index's peak, for no speed measurable on any fixture.
    explicit BlobScanner(manifest::ParseOptions options = {}, int share = 1);

    // The blobs `ids` of `repo` (the caller's), in order; each read and scanned once.
    Result<QList<ScannedBlob>> scanMany(const git::Repository& repo, const QList<git::ObjectId>& ids);

    // One blob's bytes (public for tests).
    ScannedBlob scan(QByteArrayView data);

    qint64 blobsRead() const { return m_read; }
    qint64 blobsParsed() const { return m_parsed; }

private:
    struct Entry
    {
        ScannedBlob blob;
        std::list<std::string>::iterator lru;
    };
    void remember(const std::string& key, const ScannedBlob& blob);
    // The scanner's answer for one slice; slices met before (most of a big multi-document file at
    // its next version) are looked up by their text instead of scanned and hashed again.
    manifest::ScannedIdentity scanSlice(QByteArrayView text);

    struct SliceEntry
    {
        std::string text; // owns the bytes the map's key views
        manifest::ScannedIdentity identity;
        std::list<std::string_view>::iterator lru;
    };

    const manifest::ParseOptions m_options;
    const qsizetype m_maxBytes;
    const qsizetype m_maxSliceBytes;
    manifest::DocumentCache m_documents; // slices the parser read, shared between a file's versions
    std::unordered_map<std::string, Entry> m_entries;
    std::list<std::string> m_lru; // front = most recently used
    qsizetype m_bytes = 0;
    std::unordered_map<std::string_view, SliceEntry> m_slices;
    std::list<std::string_view> m_sliceLru; // front = most recently used
    qsizetype m_sliceBytes = 0;
    qint64 m_read = 0;
    qint64 m_parsed = 0;
};

} // namespace shiplog::core::diff
