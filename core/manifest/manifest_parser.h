#pragma once

#include "core/manifest/resource.h"
#include "core/manifest/yaml_reader.h"

#include <QByteArray>

namespace shiplog::core::manifest {

class DocumentCache;

struct ParseOptions
{
    qsizetype maxFileBytes = 16 * 1024 * 1024; // bigger files are refused with a message, not parsed
    ReadLimits limits;
};

// What `git lfs` leaves in the repository instead of the file (the spec's first line).
bool isLfsPointer(QByteArrayView data);

// Reads one manifest file's bytes into resources. Every document that is a mapping with string
// `apiVersion`, `kind` and `metadata.name` is a resource; `kind: List` documents contribute their
// items; other documents (kustomization.yaml, values.yaml, empty ones) are silently not resources.
// A file that cannot be read as YAML (invalid, a Helm template, binary, invalid UTF-8, too big, too
// deep, an alias bomb) contributes no resources and one error (ParseError::path left empty).
// Never throws, never crashes, bounded in time and memory.
// With `documents`, slices (`---`-separated parts) already parsed anywhere are taken from it: the
// result is the same as without it.
ParsedBlob parseManifest(const QByteArray& data, const ParseOptions& options = {},
                         DocumentCache* documents = nullptr);

// What one `---` slice of a manifest file holds, independent of where the slice sits in its file:
// lines here are 0-based within the slice (the file's parse adds the slice's first line).
struct ParsedDocument
{
    QList<Resource> resources;
    std::optional<ParseError> error; // the slice does not read as YAML (line within the slice)
    qsizetype approximateBytes = 0;
};

// One slice on its own (what DocumentCache keeps). Resource texts share `text`'s bytes.
ParsedDocument parseDocument(const QByteArray& text, const ReadLimits& limits);

// Whether a path names a manifest file (`*.yaml`, `*.yml`).
bool isManifestPath(const QString& path);

} // namespace shiplog::core::manifest
