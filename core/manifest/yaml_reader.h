#pragma once

#include "core/manifest/resource.h"

#include <QJsonValue>
#include <optional>
#include <string>

namespace shiplog::core::manifest {

// Bounds that keep hostile input from eating the machine: every limit is reported as an error.
struct ReadLimits
{
    int maxDepth = 200;                       // nested mappings/sequences
    qint64 maxAliasExpandedNodes = 1'000'000; // nodes reached through aliases ("billion laughs")
    int maxDocuments = 1000;                  // per read (a `---` slice holds one, `...` may add some)
};

// One YAML document as typed JSON, with the 0-based line of its root node.
struct YamlDocument
{
    QJsonValue value;
    int line = 0;
};

// What a read gives: the documents, or (error set) the 0-based line and a message; `path` empty.
// (A plain struct rather than std::expected so that the fuzz build with clang 14 can use it.)
struct YamlReadResult
{
    QList<YamlDocument> documents;
    std::optional<ParseError> error;
};

// Reads every document of `text` through yaml-cpp's event parser straight into JSON values
// (scalars resolved by resolveScalar, `<<` merge keys applied, aliases shared — not copied).
YamlReadResult readYamlDocuments(const std::string& text, const ReadLimits& limits = {});

} // namespace shiplog::core::manifest
