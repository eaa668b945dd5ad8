#pragma once

#include <QByteArrayView>
#include <QList>

namespace shiplog::core::manifest {

// One `---`-separated part of a manifest file: bytes [begin, end) of the file.
struct DocumentSlice
{
    qsizetype begin = 0;
    qsizetype end = 0;
    int firstLine = 1; // 1-based line of `begin`
};

// A `---` at the start of a line always starts a new document in YAML, even inside what would
// otherwise be a multi-line scalar, so a file splits into its documents' text without parsing.
// The parser and the identity scanner split alike, so that a slice means the same to both.
QList<DocumentSlice> splitDocuments(QByteArrayView data);

} // namespace shiplog::core::manifest
