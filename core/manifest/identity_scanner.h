#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace shiplog::core::manifest {

// One resource among a *List's items (the List's own identity is none): what the parser would
// make of the item, and the BLAKE2b-160 of the item's normalized text (its own lines, from its `- ` on).
struct ScannedItem
{
    QString apiVersion;
    QString kind;
    QString name;
    QString namespaceName;
    QByteArray normalizedDigest;
};

// What one `---` slice (see document_slices.h) says about who it is, read without a YAML parser:
// the top-level apiVersion and kind and metadata.name/namespace, in block or flow style, plain or
// quoted, with comments and document markers. The history index asks this of every slice of every
// version of every file, so it must cost a pass over the bytes, not a parse.
//
// A `kind: List` or other *List kind is read item by item when its `items` is a block sequence of
// block mappings (each item's identity by the same rules, at the item's column) without aliases:
// verdict List, one ScannedItem per item that is a resource, each with a digest of its own text.
//
// Where it cannot read the slice exactly as the parser would (anchors, aliases, tags, complex or
// quoted keys, escapes, scalars or flow collections over several lines, merge keys, a *List whose
// items it cannot read, a value YAML reads as no string, tabs, CR line ends, invalid UTF-8…) the
// verdict is Undecided and the caller parses. A Resource or NotResource verdict is the parser's
// answer for the same slice whenever the parser reads it; the scanner does not check the rest of the
// slice, so text the parser would reject elsewhere still scans (callers treat that as presumed).
struct ScannedIdentity
{
    enum class Verdict
    {
        Resource,
        NotResource,
        Undecided,
        List // a *List kind whose `items` the scanner read: its resources are `items`
    };
    Verdict verdict = Verdict::Undecided;
    QString apiVersion;
    QString kind;
    QString name;
    QString namespaceName;
    int line = 0;            // the document's root line within the slice (0-based), as the reader says
                             // (a List's items have it too, as in the parser)
    const char* reason = ""; // Undecided: why (for statistics and tests)
    // Resource and NotResource: BLAKE2b-160 of the slice without comment lines and trailing blanks, so
    // that an edit of comments or whitespace only leaves it equal (equal digests: same meaning).
    // Empty for a List, whose items have their own.
    QByteArray normalizedDigest;
    QList<ScannedItem> items; // List
};

ScannedIdentity scanIdentity(QByteArrayView slice);

} // namespace shiplog::core::manifest
