// libFuzzer target for the identity scanner: any bytes in, never a crash, and wherever the scanner
// decides a slice that the parser reads, the parser's answer — the same apiVersion, kind, name,
// namespace and line, or no resource (for a *List read item by item: each item's, in order); slices
// (and List items) with equal normalized digests (within an input and across inputs) parse to equal
// values. Build and run: tests/fuzz/run.sh SECONDS identity_scanner
#include "core/manifest/document_slices.h"
#include "core/manifest/identity_scanner.h"
#include "core/manifest/manifest_parser.h"

#include <QHash>
#include <cstdint>
#include <cstdlib>

using namespace shiplog::core::manifest;

namespace {

// Normalized digest → the values' digest of a slice that had it (bounded: cleared when full).
QHash<QByteArray, QByteArray>& meanings()
{
    static QHash<QByteArray, QByteArray> seen;
    if (seen.size() > 100000)
        seen.clear();
    return seen;
}

void check(const QByteArray& slice)
{
    const ScannedIdentity scanned = scanIdentity(slice);
    if (scanned.verdict == ScannedIdentity::Verdict::Undecided)
        return;
    // A List has no digest of its own (its items do), a document has one.
    if (scanned.normalizedDigest.size() != (scanned.verdict == ScannedIdentity::Verdict::List ? 0 : 20))
        abort();
    ParseOptions options;
    options.maxFileBytes = 1 << 20;
    const ParsedBlob parsed = parseManifest(slice, options);
    if (parsed.error)
        return; // the scanner does not read the whole slice: the index presumes, a parse settles
    if (scanned.verdict == ScannedIdentity::Verdict::NotResource) {
        if (!parsed.resources.isEmpty())
            abort();
        return;
    }
    QList<ScannedItem> expected; // the resources the scanner read, each with its normalized digest
    if (scanned.verdict == ScannedIdentity::Verdict::List)
        expected = scanned.items;
    else
        expected.append(ScannedItem{scanned.apiVersion, scanned.kind, scanned.name, scanned.namespaceName,
                                    scanned.normalizedDigest});
    if (parsed.resources.size() != expected.size())
        abort();
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const Resource& r = parsed.resources[i];
        const ScannedItem& s = expected[i];
        if (s.normalizedDigest.size() != 20)
            abort();
        const auto [group, version] = splitApiVersion(s.apiVersion);
        if (r.apiVersion != s.apiVersion || r.key.group != group || r.version != version ||
            r.key.kind != s.kind || r.key.name != s.name || r.key.namespaceName != s.namespaceName ||
            r.line != scanned.line + 1)
            abort();
        // A List item's digest is of its own text, a document's of the slice: kept apart.
        const QByteArray tag = scanned.verdict == ScannedIdentity::Verdict::List ? "i" : "d";
        auto& seen = meanings();
        const auto it = seen.constFind(tag + s.normalizedDigest);
        if (it == seen.constEnd())
            seen.insert(tag + s.normalizedDigest, r.digest);
        else if (*it != r.digest)
            abort(); // equal normalized texts with different values
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    for (const DocumentSlice& s : splitDocuments(bytes)) {
        if (s.begin > s.end || s.end > bytes.size())
            abort();
        check(bytes.mid(s.begin, s.end - s.begin));
    }
    return 0;
}
